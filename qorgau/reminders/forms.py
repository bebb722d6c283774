"""The filters of the reminders page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.reminders.models import ReminderKind
from qorgau.web.widgets import Select


class ReminderFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        widget=Select,
        choices=[("", _("All kinds")), *ReminderKind.choices],
    )
    due = forms.ChoiceField(
        label=_("Due"),
        required=False,
        widget=Select,
        choices=[("", _("Any date")), ("overdue", _("Overdue")), ("soon", _("Due within 7 days"))],
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        widget=Select,
        choices=[("open", _("Open")), ("done", _("Marked done"))],
    )
