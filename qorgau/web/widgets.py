"""Form widgets every app's pages share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """``<input type="date">``, whose value is always ISO 8601 (``YYYY-MM-DD``).

    The browser shows the date in the user's own way, but it reads and sends the value only as
    ISO: a value in the language's format (``02.12.2026`` in Kazakh or Russian) leaves the input
    empty, and a required field then answers "This field is required." on a date never touched.
    A date typed in the language's format into an address (an old link) is shown as ISO too.
    The field reads the ISO value back in every language (Django always accepts ISO input).
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str) and value:
            value = _parsed(value) or value
        if isinstance(value, dt.date):
            return value.strftime(ISO_DATE)
        return super().format_value(value)


def _parsed(text: str) -> dt.date | None:
    for pattern in (ISO_DATE, *formats.get_format("DATE_INPUT_FORMATS")):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


class Select(forms.Select):
    """Django's ``<select>``, written out here rather than by its templates, which include one
    template for each option and another for each option's attributes: the same HTML (a test
    compares them), at a fraction of the cost for a list of users or organisations (the case
    page's forms spent 6 ms of its 15 ms of template rendering on two lists of 26 options)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                label = conditional_escape(formats.localize(option["label"]))
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{label}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value escaped above)


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's ``attrs.html``: `` name="value"``, a bare `` name`` for True, none for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )
