"""Large loads (``generate --persons``): every record as a registration would store it, the
plan's mix, history, references, determinism."""

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import models, transaction
from django.db.models import OuterRef, Subquery

from qorgau.people.models import Document, Household, LegalStatusPeriod, Person, PersonNameKey
from qorgau.people.models.person import name_keys_row_words
from qorgau.people.services.bulk import (
    BulkDocument,
    BulkHousehold,
    BulkLoad,
    BulkPerson,
    BulkStatus,
    registry_bulk_prepare,
)
from qorgau.people.services.bulk_rows import WITH_HISTORY
from qorgau.people.services.persons import person_input_from
from qorgau.population import plan
from qorgau.population.generator import Context, Totals
from qorgau.population.load import generate_scaled
from qorgau.population.organisations import organisations_seed
from qorgau.population.scaled import ScaledGenerator

PERSONS = 2_500


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[Totals]:
    """A load of 2,500 people in batches of 400, drawn in this process, rolled back at the
    end."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisations_seed()
        load = generate_scaled(Context.load(), "KAZ", PERSONS, seed=5, batch=400, workers=0)
        *_, totals = load
        yield totals
        transaction.set_rollback(True)


@pytest.fixture
def load(loaded: Totals, db: None) -> Totals:
    return loaded


def test_it_inserts_the_people_asked_for_with_the_plans_mix(load):
    assert load.people == Person.objects.count() == PERSONS
    final = Counter(
        LegalStatusPeriod.objects.filter(effective_to__isnull=True).values_list("status", flat=True)
    )
    expected: Counter[str] = Counter()
    for track in plan.scaled("KAZ", PERSONS):
        expected[track.steps[-1].status] += track.count
    assert final == expected


def test_every_household_has_one_principal_and_numbers_are_distinct(load):
    principals = Counter(
        Person.objects.filter(relationship="principal").values_list("household", flat=True)
    )
    assert set(principals.values()) == {1}
    assert len(principals) == Household.objects.count() == load.households
    numbers = list(Person.objects.values_list("registration_number", flat=True))
    assert all(numbers)
    assert len(set(numbers)) == len(numbers)


def test_every_row_has_its_created_history_row(load):
    for model in WITH_HISTORY:
        history = model.history.model  # type: ignore[attr-defined]
        assert history.objects.filter(history_type="+").count() == model.objects.count() > 0
        assert not history.objects.exclude(history_type="+").exists()


def test_every_reference_points_to_a_row(load):
    for model in apps.get_app_config("people").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.db_constraint:
                parents = field.related_model._default_manager.values("pk")
                orphans = model._default_manager.filter(**{f"{field.name}__isnull": False})
                assert not orphans.exclude(**{f"{field.name}__in": parents}).exists(), field


def test_every_name_key_row_holds_all_its_persons_keys(load):
    by_person: dict[int, dict[str, str]] = {}
    rows = PersonNameKey.objects.values_list("person_id", "key", "words")
    for person, key, words in rows:
        by_person.setdefault(person, {})[key] = words
    assert len(by_person) == PERSONS
    assert not PersonNameKey.objects.exclude(
        registered_by_id=Subquery(
            Person.objects.filter(pk=OuterRef("person_id")).values("registered_by_id")[:1]
        )
    ).exists()
    for rows in by_person.values():
        assert set(rows.values()) == {name_keys_row_words(rows)}


def test_every_record_passes_the_checks_of_a_registration(load):
    """Read back, every household with its people, statuses and documents goes through the
    checks of a bulk registration (those of the registration form, and more)."""
    households = Household.objects.prefetch_related(
        "members__status_periods",
        "members__documents",
        "members__phones",
        "members__needs__need",
        "members__aliases",
    )
    checked = 0
    for household in households.iterator(chunk_size=500):
        bulk_household = BulkHousehold(
            registered_by_id=household.registered_by_id,
            country_office_id=household.country_office_id,
            country_iso3="KAZ",
            registered_at=household.created_at,
        )
        people = [_bulk_person(person, bulk_household) for person in household.members.all()]
        registry_bulk_prepare(
            households=[bulk_household], people=people, actor=None, today=plan.HORIZON,
            load=BulkLoad(reserve=lambda model, count: range(1, count + 1)),
        )  # fmt: skip
        checked += len(people)
    assert checked == PERSONS


def _bulk_person(person: Person, household: BulkHousehold) -> BulkPerson:
    periods = sorted(person.status_periods.all(), key=lambda p: p.effective_from)
    documents: list[Document] = list(person.documents.all())
    assert all(d.expires_on is None or d.expires_on > d.issued_on for d in documents)
    return BulkPerson(
        data=person_input_from(person),
        registered_by_id=person.registered_by_id,
        country_office_id=person.country_office_id,
        country_iso3="KAZ",
        registered_at=person.created_at,
        household=household,
        relationship=person.relationship,
        statuses=[
            BulkStatus(p.status, p.effective_from, p.effective_to, p.recorded_by_id)
            for p in periods
        ],
        documents=[
            BulkDocument(
                d.type, d.number, d.issuing_country_id, d.issuer, d.issued_on, d.expires_on
            )
            for d in documents
        ],
    )


@pytest.mark.django_db
def test_the_same_seed_draws_the_same_people_and_another_seed_others():
    organisations_seed()

    assert _drawn(3) == _drawn(3)
    assert _drawn(3) != _drawn(4)


def _drawn(seed: int) -> list[tuple[Any, ...]]:
    """The people of a small load without their random public ids and encrypted numbers."""
    generator = ScaledGenerator(Context.load(), "KAZ", seed)
    load = BulkLoad(reserve=lambda model, count: range(1, count + 1))
    rows = []
    for batch in generator.batches(plan.scaled("KAZ", 600), 200, load):
        rows += [(row[0], *row[2:]) for row in batch.tables[Person]]
        rows += [(row[0], *row[2:4], *row[5:]) for row in batch.tables[Document]]
    return rows


def test_status_periods_follow_each_other(load):
    previous: dict[int, dt.date | None] = {}
    for period in LegalStatusPeriod.objects.order_by("person_id", "effective_from"):
        if period.person_id in previous:
            assert previous[period.person_id] == period.effective_from
        previous[period.person_id] = period.effective_to


@pytest.mark.django_db
def test_worker_processes_draw_the_batches_this_process_writes():
    organisations_seed()
    before = set(Person.objects.values_list("pk", flat=True))

    *_, totals = generate_scaled(Context.load(), "KAZ", 300, seed=2, batch=100, workers=2)

    added = Person.objects.exclude(pk__in=before)
    assert totals.people == added.count() == 300
    assert added.filter(status_periods__isnull=True).count() == 0
