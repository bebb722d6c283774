"""Names of a definition's stages, transitions and codes in the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Role
from qorgau.people.models import Person
from qorgau.procedures import labels
from qorgau.procedures.access import visible_cases
from qorgau.procedures.definition import Procedure, Text
from qorgau.procedures.selectors import case_rows

register = template.Library()


@register.simple_tag
def text(value: Text, language: str) -> str:
    return value.get(language)


@register.simple_tag
def stage_title(procedure: Procedure, code: str, language: str) -> str:
    if not code:
        return ""
    return procedure.stage(code).title.get(language)


@register.simple_tag
def transition_title(procedure: Procedure, code: str, language: str) -> str:
    found = next((t for t in procedure.transitions if t.code == code), None)
    return found.title.get(language) if found else code


@register.filter
def field_label(code: str) -> str:
    return labels.field_label(code)


@register.simple_tag
def field_value(code: str, value: object) -> str:
    return labels.field_value(code, value)


@register.filter
def ground_label(code: str) -> str:
    return labels.ground_label(code)


@register.filter
def outcome_label(code: str) -> str:
    return labels.outcome_label(code)


@register.filter
def role_labels(codes: list[str]) -> str:
    """The roles' names in the page's language, never their codes."""
    return ", ".join(str(Role(code).label) for code in codes)


@register.simple_tag
def person_cases(person: Person, user: User, language: str) -> list[dict[str, Any]]:
    """The person's cases the user may see, for the person page (no read is logged here: the
    page lists them, each case page logs its own read)."""
    cases = visible_cases(user).filter(person=person).select_related("country")
    return case_rows(cases, language, timezone.localdate())
