"""What the pages' forms share: showing a service's field errors beside the fields, the POST
of a form that saves through one service, and the month and "as published" choice of the
monthly figures' pages (referrals, hotline)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from qorgau.errors import StaleVersion

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ServiceErrorsForm(forms.Form):
    """A form that shows the field errors of a service's ``ValidationError`` (``Invalid`` and
    ``StaleVersion`` too) beside its fields, and the others above them."""

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, problems in error.error_dict.items():
            self.add_error(name if name in self.fields else None, problems)


def form_submitted[T](
    request: HttpRequest,
    form: ServiceErrorsForm,
    save: Callable[[dict[str, Any]], T],
    done: StrOrPromise,
) -> tuple[T | None, int]:
    """A form that writes through a service: on a valid POST, ``save`` its cleaned data, flash
    ``done`` and give what ``save`` returned with 302 (the view redirects). Otherwise None and
    the status of the page to render: 200 on GET, 400 for bad input (a service's refusals
    shown beside their fields), 409 for a stale version (shown above the form, nothing
    stored)."""
    if request.method != "POST":
        return None, 200
    if not form.is_valid():
        return None, 400
    try:
        row = save(form.cleaned_data)
    except StaleVersion as exc:
        form.add_error(None, str(exc))
        return None, 409
    except ValidationError as exc:  # Invalid too: shown beside the fields
        form.add_service_errors(exc)
        return None, 400
    messages.success(request, done)
    return row, 302


class DecimalTextField(forms.CharField):
    """A number typed as people write it in the page's language: spaces (no-break ones too)
    between thousands anywhere, and in kk and ru a comma before the decimals (``1 234,5``), in
    en commas between thousands (``1,234.5``); a point before the decimals is read in every
    language. Cleaned to the plain text a service reads (``1234.5``); anything else is left
    as typed, for the service to refuse with its message, never guessed into another number
    (``1,5`` on an English page)."""

    def to_python(self, value: Any) -> str:
        text = re.sub(r"[\s\u00a0\u202f]", "", super().to_python(value) or "")
        if formats.get_format("DECIMAL_SEPARATOR") == ",":
            return text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
        return text.replace(",", "") if _GROUPED.fullmatch(text) else text


_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


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
