"""What the pages' forms share: showing a service's field errors beside the fields, and the
month and "as published" choice of the monthly figures' pages (referrals, hotline)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ServiceErrorsForm(forms.Form):
    """A form that shows the field errors of a service's ``ValidationError`` (``Invalid`` and
    ``StaleVersion`` too) beside its fields, and the others above them."""

    def add_service_errors(self, error: ValidationError) -> None:
        for name, problems in error.error_dict.items():
            self.add_error(name if name in self.fields else None, problems)


class MonthFiguresForm(forms.Form):
    """The monthly figures' month (``YYYY-MM``, read as its first day; none: the page's
    default) and whether to show them as they would be published (disclosure control)."""

    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    published = forms.BooleanField(label=_("As published (disclosure control)"), required=False)
