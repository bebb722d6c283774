"""Each name key row carries all its person's keys (``words``), so that a search of several words
checks the other words on the row it walks (ADR 0014). Every writer keeps them; a person whose
keys do not fit is still found, by the look-up of their keys."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace
from types import SimpleNamespace

import pytest
from django.db import connection
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person, PersonNameKey
from qorgau.people.models.person import WORDS_MAX, name_keys_row_words
from qorgau.people.selectors import person_search
from qorgau.people.services.bulk import BulkPerson, registry_bulk_insert
from qorgau.people.services.persons import AliasInput, person_input_from, person_update
from qorgau.people.tests.factories import person_input

pytestmark = pytest.mark.django_db


def _rows(person: Person) -> dict[str, str]:
    rows = PersonNameKey.objects.filter(person=person)
    assert {r.registered_by_id for r in rows} == {person.registered_by_id}
    return {r.key: r.words for r in rows}


def test_every_key_row_of_a_registration_holds_all_the_persons_keys(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    person = make_person(clerk, agency, family_name="Бақытов", given_name="Нұрлан")

    rows = _rows(person)

    assert set(rows) >= {"bakitov", "nurlan"}
    assert set(rows.values()) == {name_keys_row_words(rows)}
    assert " bakitov " in rows["nurlan"]
    assert rows["nurlan"].startswith(" ")


def test_an_edit_and_an_alias_rewrite_the_words_of_every_row(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    person = make_person(clerk, agency, family_name="Бақытов", given_name="Нұрлан")
    data = replace(
        person_input_from(person),
        family_name="Омаров",
        aliases=[AliasInput(family_name="Bakhytov", given_name="Nurlan")],
    )

    person_update(actor=clerk, person=person, expected_version=person.version, data=data)

    rows = _rows(person)
    assert "omarov" in rows
    assert "bakhitov" in rows
    assert "bakitov" not in rows
    assert set(rows.values()) == {name_keys_row_words(rows)}


def test_a_bulk_load_writes_the_words_too(clerk: User, agency: Organisation) -> None:
    registry_bulk_insert(
        actor=clerk,
        households=[],
        people=[
            BulkPerson(
                data=person_input(family_name="Бақытов", given_name="Нұрлан"),
                registered_by_id=agency.pk,
                country_office_id=agency.country_id,
                country_iso3="KAZ",
                registered_at=timezone.now(),
            )
        ],
    )

    (person,) = Person.objects.filter(family_name="Бақытов")
    rows = _rows(person)
    assert set(rows.values()) == {name_keys_row_words(rows)}


def test_keys_that_do_not_fit_leave_the_words_empty() -> None:
    many = [f"k{'a' * 40}{n:03d}" for n in range(40)]

    assert len(" ".join(many)) > WORDS_MAX
    assert name_keys_row_words(many) == ""
    assert name_keys_row_words(["b", "a", "a"]) == " a b "


def test_a_person_without_words_is_found_and_ranked_by_looking_up_their_keys(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    whole = make_person(clerk, agency, family_name="Бақытов", given_name="Нұрлан")
    longer = make_person(clerk, agency, family_name="Бақытова", given_name="Нұрлана")
    other = make_person(clerk, agency, family_name="Бақытов", given_name="Ерлан")
    with_words = person_search(user=clerk, query="Нұрлан Бақытов").ids
    PersonNameKey.objects.filter(person__in=[whole, longer, other]).update(words="")

    without = person_search(user=clerk, query="Нұрлан Бақытов").ids

    assert with_words == without == [whole.pk, longer.pk]


def test_the_migration_fills_the_words_of_every_stored_person(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    people = [
        make_person(clerk, agency, family_name="Бақытов", given_name="Нұрлан"),
        make_person(clerk, agency, family_name="Kazbekova", given_name="Aliya", sex="female"),
    ]
    expected = {p.pk: _rows(p) for p in people}
    PersonNameKey.objects.update(words="")
    migration = importlib.import_module("qorgau.people.migrations.0011_name_key_words")

    migration.fill_words(None, SimpleNamespace(connection=connection))

    for person in people:
        rows = _rows(person)
        assert set(rows) == set(expected[person.pk])
        # The same keys, in whatever order the database joined them.
        (words,) = set(rows.values())
        assert sorted(words.split()) == sorted(rows)
        assert words.startswith(" ")
        assert words.endswith(" ")


def test_the_migration_fills_the_registrant_of_every_key_row(
    clerk: User,
    agency: Organisation,
    ngo_a: User,
    ngo_a_org: Organisation,
    make_person: Callable[..., Person],
) -> None:
    people = [
        make_person(clerk, agency, family_name="Бақытов", given_name="Нұрлан"),
        make_person(ngo_a, ngo_a_org, family_name="Kazbekova", given_name="Aliya", sex="female"),
    ]
    PersonNameKey.objects.filter(person=people[0]).update(registered_by=ngo_a_org)
    PersonNameKey.objects.filter(person=people[1]).update(registered_by=agency)
    migration = importlib.import_module("qorgau.people.migrations.0012_name_key_registrant")

    migration.fill_registrant(None, SimpleNamespace(connection=connection))

    for person in people:
        _rows(person)  # every row names the person's registrant
