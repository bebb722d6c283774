"""What the pages' forms share: showing a service's field errors beside the fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class ServiceErrorsForm(forms.Form):
    """A form that shows the field errors of a service's ``ValidationError`` (``Invalid`` and
    ``StaleVersion`` too) beside its fields, and the others above them."""

    def add_service_errors(self, error: ValidationError) -> None:
        for name, problems in error.error_dict.items():
            self.add_error(name if name in self.fields else None, problems)
