"""The funding pages' forms: which figure to show, a contribution (and its correction), an
exchange rate (and its correction), a donor (its change and removal), a requirement. Amounts
and currencies are text here: the services check them and name the field at fault."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qorgau.audit.history import REASON_MAX
from qorgau.funding.models import Area, Donor, DonorKind, Earmarking, Operation
from qorgau.reference.models import Country
from qorgau.web.forms import DecimalTextField, ServiceErrorsForm
from qorgau.web.widgets import DateInput


class ShareForm(forms.Form):
    operation = forms.ModelChoiceField(
        label=_("Operation"), queryset=Operation.objects.all(), to_field_name="code",
        required=False, empty_label=None,
    )  # fmt: skip
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    as_of = forms.DateField(label=_("Funded as of"), widget=DateInput, required=False)


class _ContributionFields(ServiceErrorsForm):
    """What a contribution's recording and its correction both ask."""

    amount = DecimalTextField(label=_("Amount"), max_length=40)
    currency = forms.CharField(
        label=_("Currency"), max_length=3, min_length=3,
        help_text=_("ISO 4217 code, such as USD, EUR or KZT."),
    )  # fmt: skip
    received_on = forms.DateField(label=_("Date received"), widget=DateInput)
    earmarking = forms.ChoiceField(label=_("Earmarking"), choices=Earmarking.choices)
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.all(), required=False,
        empty_label=_("No area (not earmarked for one)"),
    )  # fmt: skip


class ContributionForm(_ContributionFields):
    donor = forms.ModelChoiceField(label=_("Donor"), queryset=Donor.objects.all())
    operation = forms.ModelChoiceField(label=_("Operation"), queryset=Operation.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    field_order = ["donor", "operation", "year"]  # then the shared fields

    def __init__(self, *args: Any, operations: QuerySet[Operation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["operation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (a programming error)
        field.queryset = operations


class ExchangeRateForm(ServiceErrorsForm):
    currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3)
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput)
    units_per_usd = DecimalTextField(
        label=_("Units per US dollar"), max_length=40,
        help_text=_("How many units of the currency one US dollar buys (UN operational rate)."),
    )  # fmt: skip


class DonorForm(ServiceErrorsForm):
    name_en = forms.CharField(label=_("Name in English"), max_length=200)
    name_ru = forms.CharField(
        label=_("Name in Russian"), max_length=200, required=False,
        help_text=_("Left empty, the English name is shown."),
    )  # fmt: skip
    name_kk = forms.CharField(
        label=_("Name in Kazakh"), max_length=200, required=False,
        help_text=_("Left empty, the English name is shown."),
    )  # fmt: skip
    kind = forms.ChoiceField(label=_("Kind"), choices=DonorKind.choices)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False,
        empty_label=_("None (not the private donors of a country)"),
    )  # fmt: skip


class RequirementForm(ServiceErrorsForm):
    operation = forms.ModelChoiceField(label=_("Operation"), queryset=Operation.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), empty_label=None)
    amount_usd = forms.CharField(
        label=_("Requirement (USD)"), max_length=40,
        help_text=_("US dollars the operation needs that year for the area; zero or more."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    editing = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, operations: QuerySet[Operation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["operation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (a programming error)
        field.queryset = operations


class ContributionCorrectionForm(_ContributionFields):
    reason = forms.CharField(
        label=_("Reason for the correction"), max_length=REASON_MAX, required=False,
        help_text=_("Kept in the contribution's history."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DonorEditForm(DonorForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DonorRemoveForm(ServiceErrorsForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RateCorrectionForm(ServiceErrorsForm):
    units_per_usd = DecimalTextField(
        label=_("Units per US dollar"), max_length=40,
        help_text=_("How many units of the currency one US dollar buys (UN operational rate)."),
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Reason for the correction"), max_length=REASON_MAX, required=False,
        help_text=_("Kept in the rate's history."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
