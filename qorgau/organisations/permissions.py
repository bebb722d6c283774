"""Roles and the permissions each grants. A permission is always checked against an organisation.

A user holds a role in an organisation (a ``Membership``); what the role permits applies only to
records that organisation may see (see ``people/access.py``).
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Perm(StrEnum):
    PERSON_VIEW = "person.view"
    PERSON_CREATE = "person.create"
    PERSON_CHANGE = "person.change"
    PERSON_SHARE = "person.share"
    STATISTICS_VIEW = "statistics.view"
    FACTSHEET_EDIT = "factsheet.edit"
    ORGANISATION_MANAGE = "organisation.manage"
    #: The hotline desk of the organisation: its tickets and answer templates (qorgau/hotline).
    HOTLINE_ANSWER = "hotline.answer"


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    REGISTRATION_CLERK = "registration_clerk", _("Registration clerk")
    PROTECTION_OFFICER = "protection_officer", _("Protection officer")
    PARTNER_CASEWORKER = "partner_caseworker", _("Partner caseworker")
    GOVERNMENT_LIAISON = "government_liaison", _("Government liaison")
    STATISTICS_VIEWER = "statistics_viewer", _("Statistics viewer")


_CASEWORK = frozenset(
    {Perm.PERSON_VIEW, Perm.PERSON_CREATE, Perm.PERSON_CHANGE, Perm.HOTLINE_ANSWER}
)

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.ADMINISTRATOR: frozenset(Perm),
    Role.REGISTRATION_CLERK: _CASEWORK,
    Role.PROTECTION_OFFICER: _CASEWORK
    | {Perm.PERSON_SHARE, Perm.STATISTICS_VIEW, Perm.FACTSHEET_EDIT},
    Role.PARTNER_CASEWORKER: _CASEWORK,
    Role.GOVERNMENT_LIAISON: frozenset({Perm.PERSON_VIEW, Perm.STATISTICS_VIEW}),
    # Never a single person: aggregates only.
    Role.STATISTICS_VIEWER: frozenset({Perm.STATISTICS_VIEW}),
}


def role_grants(role: str, perm: Perm) -> bool:
    return perm in ROLE_PERMISSIONS.get(Role(role), frozenset())
