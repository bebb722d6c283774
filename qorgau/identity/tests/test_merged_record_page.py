"""The page of a merged record says so, links to the record kept and offers no edits; no edit
reaches it by URL or API either."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from qorgau.identity.models import Candidate, Verdict
from qorgau.identity.services import ScoredPair, candidates_store, pair_decide
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> Person:
    kept = make_person(clerk, agency, given_name="Ерлан")
    duplicate = make_person(clerk, agency, given_name="Ерлан")
    candidates_store([ScoredPair(kept.pk, duplicate.pk, 0.97, [])])
    candidate = Candidate.objects.get()
    pair_decide(actor=clerk, candidate=candidate, verdict=Verdict.SAME, kept=kept)
    duplicate.refresh_from_db()
    return duplicate


def test_the_page_links_to_the_record_kept_and_offers_no_edits(
    merged: Person, clerk: User, login: Callable[..., Any]
) -> None:
    page = login(clerk).get(f"/people/{merged.public_id}/").content.decode()

    assert merged.merged_into.registration_number in page
    assert f"/people/{merged.public_id}/edit/" not in page
    assert f"/people/{merged.public_id}/documents/add/" not in page
    assert "Undo the merge" in page


def test_no_edit_reaches_a_merged_record(
    merged: Person, clerk: User, login: Callable[..., Any]
) -> None:
    client = login(clerk)
    client.cookies["django_language"] = "ru"

    page = client.post(f"/people/{merged.public_id}/edit/", {"given_name": "Другой"})
    api = client.patch(
        f"/api/v1/persons/{merged.public_id}/",
        {"given_name": "Другой", "version": merged.version},
        content_type="application/json",
    )

    assert page.status_code == 403
    assert "Эта запись объединена с другой" in page.content.decode()
    assert api.status_code == 403
    merged.refresh_from_db()
    assert merged.given_name == "Ерлан"


def test_an_expired_document_is_flagged(
    clerk: User, agency: Organisation, make_person: Callable[..., Person], login: Callable[..., Any]
) -> None:
    from qorgau.people.services.documents import document_add

    person = make_person(clerk, agency)
    document_add(
        actor=clerk, person=person, type="asylum_seeker_certificate", number="AS123456",
        issued_on=dt.date(2020, 1, 1), expires_on=dt.date(2020, 4, 1),
    )  # fmt: skip

    page = login(clerk).get(f"/people/{person.public_id}/").content.decode()

    assert 'class="expired"' in page


def test_both_pages_log_the_record_their_merges_section_names(
    merged: Person, clerk: User, login: Callable[..., Any]
) -> None:
    """The merges section shows the other record of the merge (issue 14): its read is logged."""
    from qorgau.audit.models import AccessLog

    kept = merged.merged_into
    assert kept is not None
    client = login(clerk)

    client.get(f"/people/{merged.public_id}/")
    client.get(f"/people/{kept.public_id}/")

    rows = AccessLog.objects.filter(user=clerk, action="merge", object_type="person")
    assert sorted(str(r.object_id) for r in rows) == sorted(
        [str(kept.public_id), str(merged.public_id)]
    )
