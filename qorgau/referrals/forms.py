"""The referral form (with the consent record), a step's form, and the boxes' filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qorgau.organisations.models import Organisation
from qorgau.partners.models import Service
from qorgau.people.fields import FieldGroup
from qorgau.referrals.deadlines import Urgency
from qorgau.referrals.machine import ReferralState
from qorgau.referrals.models import ConsentMethod
from qorgau.web.widgets import DateInput


def _service_choices() -> list[tuple[str, str]]:
    return [(s.code, str(s.name)) for s in Service.objects.order_by("position")]


class ServiceErrors:
    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's refusals beside the fields they name."""
        form: Any = self
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for name, problems in error.error_dict.items():
            form.add_error(name if name in form.fields else None, problems)


class ReferralForm(ServiceErrors, forms.Form):
    recipient = forms.ModelChoiceField(
        label=_("Refer to"), queryset=Organisation.objects.none(), to_field_name="public_id"
    )
    services = forms.MultipleChoiceField(
        label=_("Services"), widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"})
    )
    reason = forms.CharField(
        label=_("Reason for referral"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    field_groups = forms.MultipleChoiceField(
        label=_("Fields shared with the partner"),
        choices=FieldGroup.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"}),
        help_text=_("Only what the partner needs, within what the agreement allows."),
    )
    consent = forms.TypedChoiceField(
        label=_("Consent"),
        choices=[("yes", _("Given")), ("no", _("Refused"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    consent_by = forms.CharField(
        label=_("Given or refused by"), max_length=200, initial=_("the person")
    )
    consent_method = forms.ChoiceField(label=_("How"), choices=ConsentMethod.choices)
    consent_on = forms.DateField(label=_("Date of consent"), widget=DateInput)
    guardian = forms.CharField(label=_("Guardian (for a child)"), max_length=200, required=False)
    override_reason = forms.CharField(
        label=_("Overriding reason (if consent was refused)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only for a life-threatening situation; a protection officer must approve."),
    )

    def __init__(self, *args: Any, partners: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recipient = self.fields["recipient"]
        assert isinstance(recipient, forms.ModelChoiceField)  # noqa: S101
        recipient.queryset = partners
        services = self.fields["services"]
        assert isinstance(services, forms.ChoiceField)  # noqa: S101
        services.choices = _service_choices()


class StepForm(forms.Form):
    step = forms.CharField(max_length=20)
    version = forms.IntegerField(min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=4000, required=False)
    outcome = forms.CharField(label=_("Outcome"), max_length=4000, required=False)
    outcome_on = forms.DateField(label=_("Outcome date"), required=False)


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1)


class BoxFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state")), *ReferralState.choices]
    )
    service = forms.ChoiceField(label=_("Service"), required=False)
    urgency = forms.ChoiceField(
        label=_("Urgency"), required=False, choices=[("", _("Any urgency")), *Urgency.choices]
    )
    overdue = forms.BooleanField(label=_("Answer overdue"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        assert isinstance(service, forms.ChoiceField)  # noqa: S101
        service.choices = [("", _("Any service")), *_service_choices()]
