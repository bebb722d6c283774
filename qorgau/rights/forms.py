"""Forms of the data-subject request pages; the services check everything again."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.rights.models import ReceivedVia, RequestKind
from qorgau.web.widgets import DateInput

ANSWER_MAX = 5000


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=RequestKind.choices)
    received_on = forms.DateField(label=_("Received on"), widget=DateInput)
    received_via = forms.ChoiceField(label=_("Received by"), choices=ReceivedVia.choices)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["received_on"].initial = timezone.localdate()


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    answer = forms.CharField(
        label=_("Answer given to the person"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=ANSWER_MAX,
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["answered_on"].initial = timezone.localdate()


class AnonymiseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I confirm: the names, documents, contacts and notes of this person are removed for "
            "good, in the record and its history. This cannot be undone."
        )
    )
