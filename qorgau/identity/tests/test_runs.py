"""Searching a registry for duplicates in the background: the job, its progress, its scope."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from qorgau.identity import errors
from qorgau.identity.evidence import COMPARISONS, LEVELS
from qorgau.identity.models import Candidate, MatchRun, PairDecision, RunStatus, Verdict
from qorgau.identity.runs import decided_pairs, registry_records, run_execute, run_start
from qorgau.identity.tests.registries import registry_with_duplicates
from qorgau.names import transliterate
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.reference.models import Country
from qorgau.web.tests.worker import run_worker

FAMILY = [
    "Сейтқазиев",
    "Ахметов",
    "Жұмабаев",
    "Нұрланов",
    "Қасымов",
    "Омаров",
    "Сұлтанов",
    "Тоқтаров",
]


def _registry(clerk: User, agency: Organisation, make: Callable[..., Person]) -> list[Person]:
    """Forty-eight different people, and the first four registered again in Latin letters."""
    return registry_with_duplicates(clerk, agency, make, family_names=FAMILY, registered_twice=4)


def test_a_run_puts_the_duplicates_in_the_review_queue(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    people = _registry(clerk, agency, make_person)
    run = run_start(actor=clerk, country=agency.country)

    run_execute(run)

    run.refresh_from_db()
    assert (run.status, run.progress, run.records) == (RunStatus.DONE, 100, 52)
    found = {
        frozenset((c.first_id, c.second_id))
        for c in Candidate.objects.filter(probability__gte=0.95)
    }
    twins = {
        frozenset((p.pk, Person.objects.get(family_name=transliterate(p.family_name),
                                            given_name=transliterate(p.given_name)).pk))
        for p in people[:4]
    }  # fmt: skip
    assert twins <= found
    assert all(pair in twins for pair in found)
    assert Candidate.objects.get(first_id=min(next(iter(twins)))).evidence
    # The review queue names every comparison and level the engine gives in the page's language.
    stored = [e for c in Candidate.objects.all() for e in c.evidence]
    assert {e["comparison"] for e in stored} <= set(COMPARISONS)
    assert {e["level"] for e in stored} <= set(LEVELS)


def test_the_run_is_a_background_task(
    clerk: User, agency: Organisation, make_person: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = run_start(actor=clerk, country=agency.country)
    assert DBTaskResult.objects.filter(args_kwargs__args=[run.pk]).exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_it(clerk: User, agency: Organisation) -> None:
    run = run_start(actor=clerk, country=agency.country)
    run_worker()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.records == 0


def test_only_the_agency_office_of_the_country_runs_it(
    ngo_a: User, clerk: User, agency: Organisation, login: Callable[..., Any]
) -> None:
    with pytest.raises(PermissionDenied):
        run_start(actor=ngo_a, country=agency.country)
    with pytest.raises(PermissionDenied):
        run_start(actor=clerk, country=Country.objects.get(iso3="KGZ"))
    assert login(ngo_a).post(reverse("identity:run-new"), {"country": "KAZ"}).status_code == 404
    assert login(clerk).post(reverse("identity:run-new"), {"country": "KAZ"}).status_code == 302
    assert MatchRun.objects.count() == 1


def test_registry_records_leave_merged_records_out_and_give_dates_as_the_engine_reads_them(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    kept = make_person(clerk, agency, date_of_birth="1984-03")
    merged = make_person(clerk, agency, date_of_birth="1984-03-09")
    Person.objects.filter(pk=merged.pk).update(merged_into=kept)
    records = list(registry_records(agency.country))
    assert [(r["id"], r["date_of_birth"]) for r in records] == [(str(kept.pk), "1984")]


def test_a_failed_run_shows_a_translated_message_and_logs_the_exception(
    clerk: User,
    agency: Organisation,
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("math domain error")

    monkeypatch.setattr("qorgau.identity.runs.registry_records", broken)
    run = run_start(actor=clerk, country=agency.country)
    with caplog.at_level(logging.ERROR, logger="qorgau.identity.runs"):
        run_execute(run)
    assert run.status == RunStatus.FAILED
    assert "math domain error" in caplog.text
    assert caplog.records[-1].exc_info is not None
    page = login(clerk).get(reverse("identity:runs")).content.decode()
    assert str(errors.RUN_FAILED) in page
    assert "math domain error" not in page


def test_the_runs_table_polls_once_while_a_search_is_waiting_and_stops_when_none_is(
    clerk: User, agency: Organisation, login: Callable[..., Any]
) -> None:
    client = login(clerk)
    runs = [run_start(actor=clerk, country=agency.country) for _ in range(2)]

    waiting = client.get(reverse("identity:runs"), headers={"HX-Request": "true"}).content
    assert waiting.decode().count('hx-trigger="every 5s"') == 1

    MatchRun.objects.filter(pk__in=[r.pk for r in runs]).update(status=RunStatus.DONE)
    done = client.get(reverse("identity:runs"), headers={"HX-Request": "true"}).content
    assert "hx-trigger" not in done.decode()


def test_a_run_learns_from_the_same_person_decisions_merged_records_included(
    clerk: User, agency: Organisation, make_person: Callable[..., Person], monkeypatch
) -> None:
    people = _registry(clerk, agency, make_person)
    kept, merged = people[0], people[-1]
    Person.objects.filter(pk=merged.pk).update(merged_into=kept)
    first, second = sorted((kept, merged), key=lambda person: person.pk)
    PairDecision.objects.create(
        first=first, second=second, verdict=Verdict.SAME, kept=kept, merged=merged,
        organisation=agency, decided_by=clerk,
    )  # fmt: skip
    PairDecision.objects.create(
        first=people[1], second=people[2], verdict=Verdict.DIFFERENT,
        organisation=agency, decided_by=clerk,
    )  # fmt: skip
    (pair,) = decided_pairs(agency.country)
    assert [record["id"] for record in pair] == [str(first.pk), str(second.pk)]
    seen = {}
    from qorgau.matching import engine

    real = engine.match

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen["labels"] = kwargs.get("labels")
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "match", spy)
    run_execute(run_start(actor=clerk, country=agency.country))
    assert seen["labels"] == [pair]
