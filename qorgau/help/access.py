"""The only doors to the help pages.

The public reads published pages, by language and address, with no login. Staff of the agency
office of the help site's country (``settings.HELP_COUNTRY``) who hold ``factsheet.edit`` there
(the permission to publish the office's public texts: protection officers and administrators)
edit every page, published or not; nobody else does. A user with ``factsheet.edit`` elsewhere
(another country's office, a partner's administrator) gets 403 on the list and 404 on a page,
the same 404 as for a missing one.
"""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.errors import NotAllowed, NotFound
from qorgau.help import errors
from qorgau.help.models import HelpPage
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import record_or_404


def may_edit_help(user: User | AnonymousUser) -> bool:
    """Whether ``user`` edits the help site (the services ask again)."""
    return settings.HELP_COUNTRY in user_scope(user, Perm.FACTSHEET_EDIT).agency_country_codes


def require_help_editor(user: User | AnonymousUser) -> None:
    """403 unless ``user`` edits the help site."""
    if not may_edit_help(user):
        raise NotAllowed(errors.NOT_EDITOR, code="no_permission")


def editable_help_pages(user: User | AnonymousUser) -> QuerySet[HelpPage]:
    """Every page for an editor of the help site; none for anyone else."""
    return HelpPage.objects.all() if may_edit_help(user) else HelpPage.objects.none()


def access_help_page_for_change(*, user: User, public_id: UUID | str) -> HelpPage:
    """A page the user edits; 404 otherwise (missing, not an editor, malformed)."""
    return record_or_404(editable_help_pages(user), public_id, "help_page")


def access_help_page_public(*, user: User | AnonymousUser, language: str, slug: str) -> HelpPage:
    """A page as a visitor reads it: published, or, for an editor, any page (shown with a
    "not published" notice). Missing and unpublished give the same 404."""
    pages = HelpPage.objects.filter(language=language, slug=slug)
    if not may_edit_help(user):
        pages = pages.filter(published=True)
    page = pages.first()
    if page is None:
        raise NotFound
    return page
