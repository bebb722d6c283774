"""Dates and counts in the active language, for templates (docs/adr/0012-dates-and-numbers.md).

``{{ value }}`` and ``{{ value|date }}`` already use the formats modules' DATE_FORMAT for date
objects; these filters cover what is not one: ISO days from figures documents and step fields
(``|local_date``), dates of birth with an unknown day or month (``{% birth_date person %}``, and
``{% birth_shown person %}`` as the pages show one) and
counts (``|number``, which groups thousands without touching years, ids or form values).
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from qorgau.formats.display import local_date as _local_date
from qorgau.formats.display import local_number, partial_date

register = template.Library()


@register.filter(is_safe=True)
def local_date(value: object) -> object:
    return _local_date(value)


@register.filter(is_safe=True)
def number(value: object) -> object:
    return local_number(value)


@register.simple_tag
def birth_date(person: object) -> str:
    """The date of birth of anything with ``birth_year``/``birth_month``/``birth_day``."""
    return partial_date(
        getattr(person, "birth_year", None),
        getattr(person, "birth_month", None),
        getattr(person, "birth_day", None),
    )


@register.simple_tag
def birth_shown(person: object) -> SafeString:
    """A date of birth as the pages show it: "~" before an estimated one, a muted "unknown"
    without a year. A tag, not an included template: a results page shows one per row."""
    if not getattr(person, "birth_year", None):
        return format_html('<span class="muted">{}</span>', gettext("unknown"))
    estimated = getattr(person, "birth_precision", "") == "estimated"
    return format_html("{}{}", "~" if estimated else "", birth_date(person))
