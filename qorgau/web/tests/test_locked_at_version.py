"""``locked_at_version`` (qorgau/errors.py, ADR 0065): the one way a service locks the row it
edits and refuses a change based on an older version of it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qorgau.errors import NotAllowed, StaleVersion, locked_at_version
from qorgau.help import errors
from qorgau.help.models import HelpPage
from qorgau.help.tests.factories import page_make
from qorgau.organisations.models import Organisation
from qorgau.organisations.tests.personas import persona_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(agency: Organisation) -> HelpPage:
    return page_make(persona_user("officer", agency))


def test_it_returns_the_row_at_the_version_the_change_was_based_on(page: HelpPage) -> None:
    with CaptureQueriesContext(connection) as queries:
        row = locked_at_version(HelpPage, page.pk, 1, message=errors.STALE_PAGE, code="stale_page")

    assert (row.pk, row.version, row is page) == (page.pk, 1, False)
    # SQLite has no row locks (Django leaves FOR UPDATE out); PostgreSQL locks the row.
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in queries.captured_queries[-1]["sql"]


def test_it_reads_through_the_queryset_it_is_given(page: HelpPage) -> None:
    english = HelpPage.objects.filter(language="en")
    kazakh = HelpPage.objects.filter(language="kk")

    row = locked_at_version(english, page.pk, 1, message=errors.STALE_PAGE, code="stale_page")

    assert row.pk == page.pk
    with pytest.raises(HelpPage.DoesNotExist):
        locked_at_version(kazakh, page.pk, 1, message=errors.STALE_PAGE, code="stale_page")


def test_it_refuses_a_stale_version_with_the_message_code_and_current_version(
    page: HelpPage,
) -> None:
    HelpPage.objects.filter(pk=page.pk).update(version=3)

    with pytest.raises(StaleVersion) as refused:
        locked_at_version(HelpPage, page.pk, 2, message=errors.STALE_PAGE, code="stale_page")

    assert (refused.value.message, refused.value.code) == (errors.STALE_PAGE, "stale_page")
    assert refused.value.current_version == 3
    assert refused.value.details() == {"current_version": 3}
    assert refused.value.error_dict["version"][0].code == "stale_page"


def test_its_first_check_sees_the_locked_row_and_wins_over_a_stale_version(
    page: HelpPage,
) -> None:
    seen: list[int] = []

    def closed(row: HelpPage) -> None:
        seen.append(row.version)
        raise NotAllowed(code="closed")

    with pytest.raises(NotAllowed):
        locked_at_version(
            HelpPage, page.pk, 7, message=errors.STALE_PAGE, code="stale_page",
            check_first=closed,
        )  # fmt: skip

    assert seen == [1]
