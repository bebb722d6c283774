"""The directory's search and an organisation's entry."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qorgau.partners.models import Service
from qorgau.reference.languages import language_choices
from qorgau.reference.models import Region


def _service_choices() -> list[tuple[str, str]]:
    return [(s.code, s.name) for s in Service.objects.order_by("position")]


def _choices(form: forms.Form, name: str, choices: list[tuple[str, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 (a programming error)
    field.choices = choices


class DirectorySearchForm(forms.Form):
    service = forms.ChoiceField(label=_("Service"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    q = forms.CharField(label=_("Organisation"), required=False, max_length=100)

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "service", [("", _("Any service")), *_service_choices()])
        region_choices = [(r.code, r.name) for r in regions]
        _choices(self, "region", [("", _("Any region")), *region_choices])
        _choices(self, "language", [("", _("Any language")), *language_choices()])


class PartnerProfileForm(forms.Form):
    services = forms.MultipleChoiceField(
        label=_("Services offered"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"}),
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions covered"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages served"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"}),
    )
    eligibility = forms.CharField(
        label=_("Eligibility"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who may be referred: the conditions, in a few lines."),
    )
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        required=False,
        max_length=200,
        help_text=_("For example: Mon–Fri 9:00–18:00"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self, *args: Any, regions: QuerySet[Region], held_languages: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "services", _service_choices())
        _choices(self, "regions", [(r.code, r.name) for r in regions])
        held = tuple(held_languages)
        if self.is_bound and hasattr(self.data, "getlist"):
            held += tuple(self.data.getlist("languages"))
        _choices(self, "languages", language_choices(held))

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's field errors beside the fields."""
        for name, problems in error.error_dict.items():
            self.add_error(name if name in self.fields else None, problems)
