"""Writing help pages: create, edit, publish, restore; bad input names its field and stores
nothing; only the help site's editors write."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from qorgau.audit.models import SecurityEvent
from qorgau.errors import NotAllowed, StaleVersion
from qorgau.help import errors
from qorgau.help.models import HelpPage
from qorgau.help.services import (
    BODY_MAX_CHARS,
    help_page_create,
    help_page_publish,
    help_page_restore,
    help_page_update,
)
from qorgau.help.tests.factories import page_make
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make

pytestmark = pytest.mark.django_db


def _messages(exc: pytest.ExceptionInfo[ValidationError], field: str) -> list[str]:
    return [str(e.message) % (e.params or {}) for e in exc.value.error_dict[field]]


def test_it_creates_a_page_with_its_author_in_the_history(officer):
    page = page_make(officer, published=False)

    row = page.history.get()
    assert (page.language, page.slug, page.published, page.version) == ("en", "border", False, 1)
    assert row.history_user == officer
    assert row.history_change_reason == "help page created"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "  "}, "title", errors.NO_TITLE),
        ({"language": "de"}, "language", errors.UNKNOWN_LANGUAGE),
        ({"slug": "At the Border!"}, "slug", errors.BAD_SLUG),
        ({"slug": "ask"}, "slug", errors.RESERVED_SLUG),
        ({"slug": "partners"}, "slug", errors.RESERVED_SLUG),
        ({"body": "x" * (BODY_MAX_CHARS + 1)}, "body", errors.TOO_LONG % {"limit": BODY_MAX_CHARS}),
    ],
)
def test_it_refuses_bad_input_naming_the_field(officer, fields, field, message):
    with pytest.raises(ValidationError) as exc:
        page_make(officer, **fields)

    assert _messages(exc, field) == [str(message)]
    assert not HelpPage.objects.exists()


def test_it_refuses_an_address_taken_in_the_same_language_only(officer):
    page_make(officer)
    page_make(officer, language="ru", title="На границе")

    with pytest.raises(ValidationError) as exc:
        page_make(officer, title="Another")

    assert _messages(exc, "slug") == [str(errors.SLUG_TAKEN)]
    assert HelpPage.objects.count() == 2


def test_it_edits_and_refuses_a_stale_version(officer):
    page = page_make(officer)
    help_page_update(
        actor=officer, page=page, version=1, slug="border", title="At the border (new)",
        body="New text.", position=2,
    )  # fmt: skip

    with pytest.raises(StaleVersion):
        help_page_update(
            actor=officer, page=page, version=1, slug="border", title="Lost", body="",
            position=0,
        )  # fmt: skip

    page.refresh_from_db()
    assert (page.title, page.version) == ("At the border (new)", 2)


def test_it_publishes_and_unpublishes(officer):
    page = page_make(officer, published=False)

    help_page_publish(actor=officer, page=page, version=1, published=True)
    published = HelpPage.objects.get().published
    help_page_publish(actor=officer, page=page, version=2, published=False)

    assert (published, HelpPage.objects.get().published) == (True, False)
    events = set(SecurityEvent.objects.values_list("event", flat=True))
    assert {"help_page_published", "help_page_unpublished"} <= events


def test_it_restores_an_earlier_version_as_a_new_one(officer):
    page = page_make(officer, title="First", body="First text.")
    help_page_update(
        actor=officer, page=page, version=1, slug="border-crossing", title="Second",
        body="Second text.", position=3,
    )  # fmt: skip
    first = page.history.get(version=1)

    help_page_restore(actor=officer, page=page, version=2, history_id=first.history_id)

    page.refresh_from_db()
    assert (page.title, page.body, page.slug, page.version) == ("First", "First text.", "border", 3)
    assert page.history.count() == 3
    assert page.history.first().history_change_reason == "restored version 1"


def test_it_refuses_a_version_of_another_page(officer):
    page = page_make(officer)
    other = page_make(officer, slug="asylum")

    with pytest.raises(ValidationError):
        help_page_restore(
            actor=officer, page=page, version=1,
            history_id=other.history.get().history_id,
        )  # fmt: skip


@pytest.mark.parametrize("who", ["clerk", "ngo_a", "stats", "liaison", "kgz"])
def test_it_lets_no_one_but_the_editors_write(request, officer, who):
    page = page_make(officer)
    actor = request.getfixturevalue(who)

    with pytest.raises(NotAllowed):
        help_page_update(
            actor=actor, page=page, version=1, slug="border", title="Changed", body="",
            position=0,
        )  # fmt: skip
    with pytest.raises(NotAllowed):
        help_page_publish(actor=actor, page=page, version=1, published=False)
    with pytest.raises(NotAllowed):
        page_make(actor, slug="other")

    page.refresh_from_db()
    assert (page.title, page.published, HelpPage.objects.count()) == ("At the border", True, 1)
    assert SecurityEvent.objects.filter(event="help_page_refused").count() == 3


@pytest.mark.parametrize("org", ["ngo_a_org", "agency_kgz"])
def test_it_refuses_an_administrator_outside_the_help_sites_agency_office(request, org):
    admin = user_make("someone-admin", request.getfixturevalue(org), Role.ADMINISTRATOR)

    with pytest.raises(NotAllowed):
        help_page_create(actor=admin, language="en", slug="x", title="X", body="")

    assert not HelpPage.objects.exists()
