"""Names of a definition's stages, transitions and codes in the page's language."""

from __future__ import annotations

from django import template

from qorgau.organisations.permissions import Role
from qorgau.procedures import labels
from qorgau.procedures.definition import Procedure, Text

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
