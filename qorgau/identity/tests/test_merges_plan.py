"""The person page asks for a record's merges through the ``merged_into`` index, even where
the planner's statistics say that nearly every person has none (as on a registry of a million
people, where SQLite walked the registration-number index over every person instead)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from qorgau.identity.models import Candidate, Verdict
from qorgau.identity.selectors import merged_into_query, person_merges
from qorgau.identity.services import ScoredPair, candidates_store, pair_decide
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person

pytestmark = pytest.mark.django_db


def _merged_into_index() -> str:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "people_person")
    return next(
        name for name, c in found.items() if c["index"] and c["columns"] == ["merged_into_id"]
    )


def _as_at_a_million() -> None:
    """Planner statistics of a million people none of whom was merged."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'people_person'")
            cursor.execute(
                "INSERT INTO sqlite_stat1 VALUES ('people_person', %s, '1000000 1000000')",
                [_merged_into_index()],
            )
            cursor.execute("INSERT INTO sqlite_stat1 VALUES ('people_person', NULL, '1000000')")
            cursor.execute("ANALYZE sqlite_schema")  # reload the statistics
    else:
        with connection.cursor() as cursor:
            # A test table is tiny: forbid the sequential scan to see whether an index serves,
            # and the index-only scan, which on a few rows (all visible after an earlier test's
            # VACUUM or ANALYZE) makes walking the whole covering ``statistics_person_key`` look
            # cheaper than the ``merged_into`` index (failed in long PostgreSQL runs); at a
            # million rows that walk is what the index is there to avoid.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexonlyscan = off")


def test_it_reads_the_merged_records_from_the_merged_into_index(
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    tables_as_new: Callable[..., None],
) -> None:
    tables_as_new(Person)
    person = make_person(clerk, agency)
    _as_at_a_million()

    plan = merged_into_query(person.pk).explain()

    assert _merged_into_index() in plan
    assert "SCAN people_person" not in plan.replace("USING COVERING INDEX", "")
    if connection.vendor == "postgresql":
        assert "Seq Scan" not in plan


def test_an_unmerged_person_costs_one_query(
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    django_assert_num_queries: Any,
) -> None:
    person = make_person(clerk, agency)

    with django_assert_num_queries(1):
        merges = person_merges(clerk, person)
        assert list(merges["merged_records"]) == []  # type: ignore[call-overload]

    assert merges["merged_into"] is None
    assert merges["merge_decision"] is None


def test_a_merged_pair_still_shows_both_ways(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    kept, duplicate = make_person(clerk, agency), make_person(clerk, agency)
    candidates_store([ScoredPair(kept.pk, duplicate.pk, 0.97, [])])
    candidate = Candidate.objects.get()
    decision = pair_decide(actor=clerk, candidate=candidate, verdict=Verdict.SAME, kept=kept)
    duplicate.refresh_from_db()

    on_kept = person_merges(clerk, kept)
    on_duplicate = person_merges(clerk, duplicate)

    assert list(on_kept["merged_records"]) == [duplicate]  # type: ignore[call-overload]
    assert on_kept["merge_decision"] is None
    assert on_duplicate["merged_into"] == kept
    assert on_duplicate["merge_decision"] == decision
