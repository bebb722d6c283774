"""A pledge's progress update, a new pledge, and the date an indicator is computed as of."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.pledges.models import Area, PledgeStatus
from qorgau.web.forms import ServiceErrorsForm
from qorgau.web.widgets import DateInput


class AsOfForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), required=False, widget=DateInput())


class ProgressForm(ServiceErrorsForm):
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    summary = forms.CharField(
        label=_("Progress"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    status = forms.ChoiceField(label=_("Status after this update"), choices=PledgeStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the status goes back."),
    )
    evidence_document = forms.FileField(
        label=_("Evidence (PDF)"), required=False, widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf"}
        )
    )  # fmt: skip
    evidence_url = forms.CharField(label=_("Evidence (link)"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class PledgeForm(ServiceErrorsForm):
    country = forms.ChoiceField(label=_("Country"))
    area = forms.ChoiceField(label=_("Area"), choices=Area.choices)
    made_on = forms.DateField(label=_("Date made"), widget=DateInput())
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300)
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=300)
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 3}))
    text_ru = forms.CharField(label=_("Text (Russian)"), widget=forms.Textarea(attrs={"rows": 3}))
    text_kk = forms.CharField(label=_("Text (Kazakh)"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, countries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 (a programming error)
        field.choices = countries
