"""Forms of the case pages. A step's form is built from its transition in the definition."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.organisations.models import Organisation, User
from qorgau.people.models.choices import DocumentType
from qorgau.procedures.definition import Procedure, Transition
from qorgau.procedures.labels import field_label, ground_label
from qorgau.procedures.services import StepInput
from qorgau.web.widgets import DateInput, Select


def _date_field(label: object, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput, **kwargs)  # type: ignore[arg-type]


class StepForm(forms.Form):
    """The date of the step, the fields its transition requires, the decision's grounds and
    reasons, and the numbers of the documents it issues."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    occurred_on = _date_field(_("Date of the step"))

    def __init__(self, *args: Any, transition: Transition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.fields["occurred_on"].initial = timezone.localdate()
        for name in transition.fields:
            if name.endswith("_date"):
                self.fields[name] = _date_field(field_label(name))
            else:
                self.fields[name] = forms.CharField(label=field_label(name), max_length=300)
        if transition.decision is not None:
            self.fields["grounds"] = forms.MultipleChoiceField(
                label=_("Grounds"),
                choices=[(g, ground_label(g)) for g in transition.decision.grounds],
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields["reasons"] = forms.CharField(
                label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4})
            )
        for document in transition.issues:
            self.fields[f"document_{document}"] = forms.CharField(
                label=_("Number of the %(document)s issued")
                % {"document": DocumentType(document).label},
                max_length=100,
            )

    def step_input(self) -> StepInput:
        data = self.cleaned_data
        values = {}
        for name in self.transition.fields:
            value = data.get(name)
            values[name] = value.isoformat() if isinstance(value, dt.date) else str(value or "")
        return StepInput(
            transition=self.transition.code,
            occurred_on=data["occurred_on"],
            fields=values,
            grounds=tuple(data.get("grounds") or ()),
            reasons=data.get("reasons", ""),
            documents={d: data.get(f"document_{d}", "") for d in self.transition.issues},
        )


class OpenCaseForm(forms.Form):
    procedure = forms.ChoiceField(label=_("Procedure"))
    organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    opened_on = _date_field(_("Opened on"))

    def __init__(
        self,
        *args: Any,
        procedures: list[Procedure],
        organisations: Any,
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = [  # type: ignore[attr-defined]
            (p.code, p.title.get(language)) for p in procedures
        ]
        field = self.fields["organisation"]
        field.queryset = organisations  # type: ignore[attr-defined]
        only = list(organisations[:2])
        if len(only) == 1:  # the user acts for one organisation: it is the answer
            field.initial = only[0]
            field.empty_label = None  # type: ignore[attr-defined]
        self.fields["opened_on"].initial = timezone.localdate()


class ExtendForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    deadline = forms.ChoiceField(label=_("Deadline"), widget=Select)
    until = _date_field(_("Extend until"))
    occurred_on = _date_field(_("Date of the extension"))
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deadline"].choices = choices  # type: ignore[attr-defined]
        self.fields["occurred_on"].initial = timezone.localdate()


class PauseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    occurred_on = _date_field(_("Date"))
    reasons = forms.CharField(label=_("Reasons"), required=False, max_length=1000)


class AccessForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), widget=Select
    )
    can_act = forms.BooleanField(
        label=_("Works on the case (may take the steps its roles allow)"), required=False
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300)


class AssignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— nobody"),
        widget=Select,
    )


class PipelineForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    date_from = _date_field(_("From"))
    date_to = _date_field(_("Until"))

    def __init__(self, *args: Any, countries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = countries  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return data
