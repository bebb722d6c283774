"""The register page's household member blocks: one more on request (by htmx or, without
JavaScript, by a submit button that shows the form again), never more than the maximum."""

from __future__ import annotations

from typing import Any

from django.forms.utils import ErrorDict
from django.http import QueryDict

from qorgau.people import errors
from qorgau.people.forms import MEMBER_BLOCKS_MAX

TOTAL = "members-TOTAL_FORMS"


def member_block_next(data: QueryDict) -> tuple[int, str]:
    """The index of the next member block and, at the maximum, the message refusing it."""
    try:
        index = max(0, int(data.get(TOTAL, "0")))
    except (TypeError, ValueError):
        index = 0
    if index >= MEMBER_BLOCKS_MAX:
        return MEMBER_BLOCKS_MAX, str(errors.TOO_MANY_MEMBER_BLOCKS % {"num": MEMBER_BLOCKS_MAX})
    return index, ""


def member_block_added(data: QueryDict) -> tuple[QueryDict, str]:
    """The submitted form with one more (empty) member block, and the message if refused."""
    index, refused = member_block_next(data)
    more = data.copy()
    more[TOTAL] = str(index if refused else index + 1)
    return more, refused


def form_quiet(form: Any, formset: Any, message: str = "") -> None:
    """Show what was typed without judging it yet (the clerk is still filling the form in):
    no field errors, only ``message`` if given. Django computes a bound form's errors on first
    use unless they are already set, so setting them empty here is what keeps it quiet."""
    form._errors = ErrorDict()
    for member in formset.forms:
        member._errors = ErrorDict()
    formset._errors = [member.errors for member in formset.forms]
    formset._non_form_errors = formset.error_class(
        [message] if message else [], error_class="nonform", renderer=formset.renderer
    )
