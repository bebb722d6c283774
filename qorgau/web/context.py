"""What every staff page's navigation needs to know about the user."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_has_perm_somewhere, user_scope


def _edits_help(user: User | AnonymousUser) -> bool:
    """Whether the user edits the public help site (``help.access.may_edit_help``: the fact
    sheet's editors in the agency office of ``settings.HELP_COUNTRY``)."""
    return settings.HELP_COUNTRY in user_scope(user, Perm.FACTSHEET_EDIT).agency_country_codes


def navigation(request: HttpRequest) -> dict[str, object]:
    """Which menu entries to show (computed only when a template asks): each flag is the
    permission the entries' views check, so the menu never offers a page that answers 403.

    ``nav_casework`` (person.view): search, cases, reminders; ``nav_register``
    (person.create): registration; ``nav_review`` (person.change): duplicates;
    ``nav_statistics`` (statistics.view): pipeline and statistics; ``nav_manage``
    (organisation.manage): the organisations whose people the user manages; ``nav_help``
    (factsheet.edit in the help site's agency office): the help pages; ``nav_hotline``
    (hotline.answer): the hotline desk.
    """
    return {
        "nav_statistics": SimpleLazyObject(
            lambda: user_has_perm_somewhere(request.user, Perm.STATISTICS_VIEW)
        ),
        "nav_casework": SimpleLazyObject(
            lambda: user_has_perm_somewhere(request.user, Perm.PERSON_VIEW)
        ),
        "nav_register": SimpleLazyObject(
            lambda: user_has_perm_somewhere(request.user, Perm.PERSON_CREATE)
        ),
        "nav_review": SimpleLazyObject(
            lambda: user_has_perm_somewhere(request.user, Perm.PERSON_CHANGE)
        ),
        "nav_help": SimpleLazyObject(lambda: _edits_help(request.user)),
        "nav_hotline": SimpleLazyObject(
            lambda: user_has_perm_somewhere(request.user, Perm.HOTLINE_ANSWER)
        ),
        "nav_manage": SimpleLazyObject(
            lambda: user_has_perm_somewhere(request.user, Perm.ORGANISATION_MANAGE)
        ),
    }
