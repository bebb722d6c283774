"""The synthetic population: the fact sheet's figures exactly, determinism, validation."""

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from qorgau.people.models import Document, Household, LegalStatusPeriod, Person
from qorgau.people.selectors import status_counts_as_of, status_starts_per_year
from qorgau.people.services.persons import person_create
from qorgau.population import plan
from qorgau.population.generator import Context, CountryGenerator
from qorgau.population.organisations import organisations_seed

AS_OF = dt.date(2024, 1, 1)


@pytest.fixture(scope="module")
def kazakhstan(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Kazakhstan generated once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate", country=["KAZ"], seed=7)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def generated(kazakhstan: None, db: None) -> None:
    return None


def _counts(on: dt.date, by: str | None = None) -> dict[Any, int]:
    return status_counts_as_of(country="KAZ", on=on, by=by)


def test_it_reproduces_the_fact_sheets_refugees_and_asylum_seekers(generated):
    by_origin = _counts(AS_OF, by="origin_country__iso3")
    protected = {k: v for k, v in by_origin.items() if k[0] in ("REF", "ASY")}

    assert sum(protected.values()) == 753
    assert sum(v for (_, origin), v in protected.items() if origin == "AFG") == 391
    assert sum(v for (_, origin), v in protected.items() if origin == "UKR") == 275
    assert sum(v for (_, origin), v in protected.items() if origin not in ("AFG", "UKR")) == 87


def test_it_reproduces_the_fact_sheets_stateless_people(generated):
    counts = _counts(AS_OF)

    assert counts[("STA", None)] == 7_341
    assert counts[("UND", None)] == 551
    registrants = (
        LegalStatusPeriod.objects.filter(status="UND", effective_to__isnull=True)
        .values_list("person__registered_by__type", flat=True)
        .distinct()
    )
    assert set(registrants) == {"ngo"}


def test_it_follows_the_published_year_end_series(generated):
    for year, expected in ((2020, 7_999), (2021, 7_831), (2022, 8_569), (2023, 7_892)):
        counts = _counts(dt.date(year, 12, 31))
        assert counts[("STA", None)] + counts[("UND", None)] == expected, year


def test_it_spreads_over_14000_acquisitions_of_citizenship_over_2014_to_2023(generated):
    per_year = status_starts_per_year(country="KAZ", statuses=("NAT", "NCF"))

    acquired = {y: n for y, n in per_year.items() if 2014 <= y <= 2023}
    assert sum(acquired.values()) > 14_000
    assert set(acquired) == set(range(2014, 2024))
    assert min(acquired.values()) >= 1_000


def test_it_builds_households_with_one_principal_each(generated):
    assert Household.objects.count() > 5_000
    assert not Person.objects.filter(household__isnull=True).exists()
    principals = Person.objects.filter(relationship="principal").count()
    assert principals == Household.objects.count()


def test_it_issues_documents_consistent_with_status(generated):
    asylum = Document.objects.filter(type="asylum_seeker_certificate").select_related("person")
    for document in asylum[:200]:
        assert (document.expires_on - document.issued_on).days == 90
    stateless = Document.objects.filter(type="stateless_certificate")[:200]
    for document in stateless:
        assert (document.expires_on - document.issued_on).days == 1826


def test_it_refuses_to_generate_a_country_twice(generated):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="already has a generated population"):
        call_command("generate", country=["KAZ"])


# --- without the database: determinism and validation -----------------------------------


def _digest(seed: int, households: int = 300) -> str:
    context = Context.load()
    generator = CountryGenerator(context, "KAZ", seed)
    digest = hashlib.sha256()
    for index, (household, people) in enumerate(generator.households(plan.plan(("KAZ",)))):
        if index == households:
            break
        digest.update(str(household).encode())
        for person in people:
            digest.update(repr((person.data, person.statuses, person.documents)).encode())
    return digest.hexdigest()


@pytest.mark.django_db
def test_it_generates_the_same_people_for_the_same_seed():
    organisations_seed()

    assert _digest(11) == _digest(11)
    assert _digest(11) != _digest(12)


@pytest.mark.django_db
def test_it_keeps_the_calibrated_totals_for_any_seed():
    organisations_seed()
    context = Context.load()
    for seed in (1, 2):
        generator = CountryGenerator(context, "KAZ", seed)
        counts: dict[str, int] = {}
        for _, people in generator.households(plan.plan(("KAZ",))):
            for person in people:
                for period in person.statuses:
                    ends = period.effective_to or dt.date.max
                    if period.effective_from <= AS_OF < ends:
                        counts[period.status] = counts.get(period.status, 0) + 1
        assert counts["REF"] + counts["ASY"] == 753
        assert (counts["STA"], counts["UND"]) == (7_341, 551)


@pytest.mark.django_db
def test_it_generates_people_a_clerk_could_register(clerk, agency):
    organisations_seed()
    generator = CountryGenerator(Context.load(), "KAZ", 3)
    before = Person.objects.count()
    registered = 0
    for _, people in generator.households(plan.plan(("KAZ",))):
        for person in people:
            person_create(actor=clerk, organisation=agency, data=person.data)
            registered += 1
        if registered >= 150:
            break

    assert Person.objects.count() == before + registered
