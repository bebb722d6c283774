"""The review of rows an import held: each row with the records it resembles, shown only as
far as the importer may see them; "create as new" registers it (a re-import then finds it),
"same person as …" closes it; both audited, both refused to another organisation, to a role
that registers no one and to a record the importer may not see."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.audit.models import AccessLog, SecurityEvent
from qorgau.imports.models import HeldRow
from qorgau.imports.tests.conftest import ROWS
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, persona_user
from qorgau.people.models import Person

pytestmark = pytest.mark.django_db
HELD = reverse("imports:held")


@pytest.fixture
def held(run_import, write_csv, make_person, ngo_a, ngo_a_org) -> tuple[HeldRow, Person]:
    existing = make_person(
        ngo_a, ngo_a_org, family_name="Тоқтарова", given_name="Назерке", patronymic="",
        sex="female", date_of_birth="1990-07-03", source_id="OLD-9",
    )  # fmt: skip
    run_import(write_csv(ROWS))
    return HeldRow.objects.get(), existing


def _decide(client: Client, row: HeldRow, **body: Any) -> Any:
    return client.post(reverse("imports:held-decide", args=[row.public_id]), body)


def test_it_shows_the_row_and_the_record_it_resembles(held, ngo_a, login):
    _row, existing = held
    page = login(ngo_a).get(HELD).content.decode()
    assert "Назерке" in page
    assert existing.registration_number in page
    assert AccessLog.objects.filter(
        user=ngo_a, action="view", object_id=existing.public_id
    ).exists()


def test_create_as_new_registers_it_and_a_reimport_finds_it(
    held, ngo_a, ngo_a_org, login, run_import, write_csv
):
    row, _existing = held
    response = _decide(login(ngo_a), row, decision="new")
    row.refresh_from_db()
    assert response.status_code == 302
    person = Person.objects.get(registered_by=ngo_a_org, source_id="P-3")
    assert (row.state, row.person, row.decided_by) == (HeldRow.State.IMPORTED, person, ngo_a)
    assert SecurityEvent.objects.filter(event="import_held_row_decided").count() == 1
    again = run_import(write_csv(ROWS)).run
    assert (again.created, again.unchanged, again.held) == (0, 3, 0)


def test_same_person_closes_it_and_registers_no_one(held, ngo_a, ngo_a_org, login):
    row, existing = held
    before = Person.objects.count()
    _decide(login(ngo_a), row, decision="same", person=str(existing.public_id))
    row.refresh_from_db()
    assert (row.state, row.person) == (HeldRow.State.SAME, existing)
    assert Person.objects.count() == before
    assert "Назерке" not in login(ngo_a).get(HELD).content.decode()


def test_a_record_the_importer_may_not_see_is_refused(
    held, ngo_a, ngo_b, ngo_b_org, login, make_person
):
    row, _existing = held
    hidden = make_person(ngo_b, ngo_b_org, family_name="Тоқтарова", given_name="Назерке")
    response = _decide(login(ngo_a), row, decision="same", person=str(hidden.public_id))
    row.refresh_from_db()
    assert response.status_code == 404
    assert row.state == HeldRow.State.PENDING


def test_a_decision_twice_is_refused(held, ngo_a, login):
    row, _existing = held
    client = login(ngo_a)
    _decide(client, row, decision="new")
    response = _decide(client, row, decision="new")
    assert "already been decided" in client.get(response["Location"]).content.decode()
    assert Person.objects.filter(source_id="P-3").count() == 1


# persona → (review page, create as new)
EXPECTED = {
    "clerk": (200, 404),
    "officer": (200, 404),
    "ngo_a": (200, 302),
    "ngo_b": (200, 404),
    "liaison": (403, 403),
    "stats": (403, 403),
    "kgz": (200, 404),
    ANONYMOUS: (302, 302),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_gets_its_answer(persona, held, ngo_a, request, login):
    row, _existing = held
    if persona == ANONYMOUS:
        client = Client()
    elif persona == "ngo_a":
        client = login(ngo_a)
    else:
        fixture = {"clerk": "agency", "officer": "agency", "stats": "agency", "ngo_b": "ngo_b_org",
                   "liaison": "government", "kgz": "agency_kgz"}[persona]  # fmt: skip
        client = login(persona_user(persona, request.getfixturevalue(fixture)))

    page = client.get(HELD)
    answers = (page.status_code, _decide(client, row, decision="new").status_code)

    assert answers == EXPECTED[persona]
    if persona not in ("ngo_a", ANONYMOUS) and page.status_code == 200:
        assert "Назерке" not in page.content.decode()  # another organisation's row
    row.refresh_from_db()
    assert (row.state == HeldRow.State.PENDING) == (persona != "ngo_a")


def test_the_page_costs_as_many_queries_for_more_rows(
    held, ngo_a, login, list_queries, run_import, write_csv
):
    again = ["P-5", "", "", "Тоқтарова", "Назерке", "", "female", "1990-07-03", "", "", ""]

    def grow() -> None:
        run_import(write_csv([again], name="more.csv"))
        assert HeldRow.objects.count() == 2

    few, many = list_queries(login(ngo_a), HELD, grow=grow)

    assert few == many
