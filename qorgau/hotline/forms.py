"""The desk's forms: the queue's filters, logging a call, email or walk-in, each step on a
ticket's page, and the answer templates. Field lengths are checked again by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qorgau.hotline.models import Channel, ContactMethod, Language, State, Topic, Urgency
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role


def _any(label: Any, choices: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's field errors beside the fields."""
        form: Any = self
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for name, problems in error.error_dict.items():
            form.add_error(name if name in form.fields else None, problems)


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=_any(_("Not closed"), State.choices)
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), required=False, choices=_any(_("Any urgency"), Urgency.choices)
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=_any(_("Any topic"), Topic.choices)
    )
    assignee = forms.ChoiceField(
        label=_("Assigned to"),
        required=False,
        choices=[("", _("Anyone")), ("me", _("Me")), ("nobody", _("Nobody"))],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class TicketLogForm(ServiceErrorsMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Hotline of"), queryset=Organisation.objects.none(), to_field_name="public_id"
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[c for c in Channel.choices if c[0] != Channel.FORM]
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial="normal")
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 5}))
    contact_method = forms.ChoiceField(label=_("Preferred contact"), choices=ContactMethod.choices)
    contact_value = forms.CharField(
        label=_("Phone number, email address or messenger name"), required=False
    )
    name = forms.CharField(label=_("Name"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (a programming error)
        field.queryset = organisations
        if len(organisations) == 1:
            field.initial = organisations[0].public_id


class _Versioned(ServiceErrorsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TriageForm(_Versioned):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)


class AssignForm(_Versioned):
    assignee = forms.ChoiceField(label=_("Person"), required=False)
    team = forms.ChoiceField(
        label=_("Team"), required=False, choices=_any(_("No team"), Role.choices)
    )

    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 (a programming error)
        field.choices = _any(_("Nobody"), [(str(m.public_id), m.get_username()) for m in members])
        self.members = {str(m.public_id): m for m in members}

    def chosen(self) -> User | None:
        return self.members.get(self.cleaned_data.get("assignee") or "")


class TextForm(_Versioned):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))


class CloseForm(_Versioned):
    text = forms.CharField(
        label=_("Reason (internal, optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LinkForm(_Versioned):
    registration_number = forms.CharField(label=_("Registration number"), max_length=20)


class AnswerTemplateForm(ServiceErrorsMixin, forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    title = forms.CharField(label=_("Title"))
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
