"""The country and date of the legal pages, a provision, an assessment, a follow-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.audit.history import REASON_MAX
from qorgau.legal.models import Alignment, RecommendationStatus, Standard, TreatyStatusKind
from qorgau.web.forms import ServiceErrorsForm
from qorgau.web.widgets import DateInput


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


class CountryForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    on = _date(_("As of"), required=False)

    def __init__(self, *args: Any, countries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 (a programming error)
        field.choices = countries


class ProvisionForm(ServiceErrorsForm):
    law_title = forms.CharField(label=_("Law"), max_length=400)
    article = forms.CharField(label=_("Article"), max_length=60)
    text = forms.CharField(label=_("Text or summary"), widget=forms.Textarea(attrs={"rows": 4}))
    in_force_from = _date(_("In force from"))
    in_force_to = _date(_("In force to"), required=False)


class StandardField(forms.ModelChoiceField[Standard]):
    def label_from_instance(self, obj: Standard) -> str:
        return f"{obj.instrument.name}, {obj.article}: {obj.name}"


class AssessmentForm(ServiceErrorsForm):
    standard = StandardField(
        label=_("Standard"), queryset=Standard.objects.select_related("instrument")
    )
    alignment = forms.ChoiceField(label=_("Alignment"), choices=Alignment.choices)
    assessed_on = _date(_("Assessed on"))
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sources = forms.CharField(
        label=_("Sources"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    recommendation = forms.CharField(
        label=_("Recommendation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: made on the assessment's date."),
    )


class FollowUpForm(ServiceErrorsForm):
    occurred_on = _date(_("Date"))
    note = forms.CharField(label=_("Follow-up"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Status"), choices=RecommendationStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TreatyStatusForm(ServiceErrorsForm):
    status = forms.ChoiceField(label=_("Status"), choices=TreatyStatusKind.choices)
    signed_on = _date(_("Signed on"), required=False)
    party_since = _date(_("Party since"), required=False)
    source = forms.CharField(
        label=_("Source"), max_length=300, required=False,
        help_text=_("Where the status was checked, such as the UN Treaty Collection."),
    )  # fmt: skip
    verified = forms.BooleanField(
        label=_("Checked against the depositary's record"), required=False
    )
    reason = forms.CharField(
        label=_("Reason for the change"), max_length=REASON_MAX,
        help_text=_("Kept in the status's history."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
