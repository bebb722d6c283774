"""The directory's search and an organisation's entry."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qorgau.organisations.models import Organisation
from qorgau.partners.models import Service
from qorgau.partners.selectors import AgreementState
from qorgau.people.fields import FieldGroup
from qorgau.reference.languages import language_choices
from qorgau.reference.models import Region
from qorgau.web.widgets import DateInput


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


class AgreementSearchForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        required=False,
        queryset=Organisation.objects.none(),
        to_field_name="code",
        empty_label=_("Any partner"),
    )
    purpose = forms.CharField(label=_("Purpose"), required=False, max_length=100)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), *AgreementState.choices],
    )

    def __init__(self, *args: Any, partners: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]


class AgreementTermsForm(forms.Form):
    """What an agreement says: changed on the edit page, and recorded with its parties."""

    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    field_groups = forms.MultipleChoiceField(
        label=_("Fields that may be shared"),
        choices=FieldGroup.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"}),
    )
    starts_on = forms.DateField(label=_("In force from"), widget=DateInput)
    expires_on = forms.DateField(label=_("Expires on"), widget=DateInput)
    document = forms.FileField(
        label=_("Signed document"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
        help_text=_("The signed agreement as a PDF file."),
    )

    def add_service_errors(self, error: ValidationError) -> None:
        for name, problems in error.error_dict.items():
            self.add_error(name if name in self.fields else None, problems)


class AgreementEditForm(AgreementTermsForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AgreementRecordForm(AgreementTermsForm):
    provider = forms.ModelChoiceField(
        label=_("Sharing organisation"), queryset=Organisation.objects.none(), empty_label="—"
    )
    recipient = forms.ModelChoiceField(
        label=_("Receiving organisation"), queryset=Organisation.objects.none(), empty_label="—"
    )
    reference = forms.CharField(label=_("Reference"), max_length=200)
    field_order = ["provider", "recipient", "reference"]

    def __init__(self, *args: Any, providers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self.fields["recipient"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]


class AgreementEndForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for ending it early"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The shares made under it end now."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
