"""Searching a country's registry for duplicates: a background job with progress.

The job reads the records of the country (those not merged into another), in the columns the
matching engine reads, runs the engine (``qorgau.matching``: Fellegi–Sunter weights trained on
the data, the reviewers' "same person" decisions as labels), and stores the pairs at or above
the review band as candidates; pairs a reviewer already decided are never proposed again.
Document numbers are compared by their keyed hash, never decrypted for matching.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.tasks import task
from django.utils import timezone

from qorgau.errors import NotAllowed
from qorgau.identity import errors
from qorgau.identity.models import MatchRun, PairDecision, RunStatus, Verdict
from qorgau.identity.services import ScoredPair, candidates_store
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.dates import PartialDate
from qorgau.people.models import Document, Person
from qorgau.reference.models import Country

logger = logging.getLogger(__name__)


#: The most recent "same person" decisions a run learns from (labels, ADR 0040).
MAX_LABELS = 500


def registry_records(country: Country) -> Iterator[dict[str, Any]]:
    """The country's records as the engine reads them (ids are the records' primary keys)."""
    return _engine_records(Person.objects.filter(country_office=country, merged_into__isnull=True))


def decided_pairs(country: Country) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The records of the pairs reviewers decided are the same person (standing decisions,
    the latest :data:`MAX_LABELS`), as the engine reads them: the labels a run learns from.
    The merged record is read too: it is out of the run, not out of the decision."""
    decisions = list(
        PairDecision.objects.filter(
            verdict=Verdict.SAME, undone_at__isnull=True, first__country_office=country
        )
        .order_by("-decided_at", "-pk")
        .values_list("first_id", "second_id")[:MAX_LABELS]
    )
    ids = {pk for pair in decisions for pk in pair}
    records = {int(r["id"]): r for r in _engine_records(Person.objects.filter(pk__in=ids))}
    return [
        (records[first], records[second])
        for first, second in decisions
        if first in records and second in records
    ]


def _engine_records(people: QuerySet[Person]) -> Iterator[dict[str, Any]]:
    first_document = Document.objects.filter(person_id=OuterRef("pk")).order_by("pk")
    columns = (
        "pk", "family_name", "given_name", "patronymic", "sex", "birth_year", "birth_month",
        "birth_day", "birth_place", "citizenship_country__iso3", "document",
    )  # fmt: skip
    rows = (
        people.annotate(document=Subquery(first_document.values("number_hash")[:1]))
        .values(*columns)
        .order_by("pk")
    )
    for row in rows.iterator(chunk_size=5000):
        year = row["birth_year"]
        yield {
            "id": str(row["pk"]),
            "family_name": row["family_name"],
            "given_name": row["given_name"],
            "patronymic": row["patronymic"],
            "sex": row["sex"] if row["sex"] in ("female", "male") else "",
            "date_of_birth": _birth(year, row["birth_month"], row["birth_day"]),
            "place_of_birth": row["birth_place"],
            "nationality": row["citizenship_country__iso3"] or "",
            "document_number": row["document"] or "",
        }


def _birth(year: int | None, month: int | None, day: int | None) -> str:
    """As the engine reads dates: a full date, or the year alone when the day is unknown."""
    if year is None:
        return ""
    return PartialDate(year, month, day).isoformat() if day is not None else f"{year:04d}"


def run_start(*, actor: User, country: Country) -> MatchRun:
    """Queue a search for duplicates over the country's registry. Only the agency office of
    the country, where the actor may change records, runs it: it sees every record there."""
    scope = user_scope(actor, Perm.PERSON_CHANGE)
    if country.pk not in scope.agency_country_ids:
        raise NotAllowed(errors.NO_RUN_PERMISSION, code="no_run_permission")
    office = Organisation.objects.filter(
        pk__in=scope.organisation_ids, country=country, is_operating_agency=True
    ).first()
    if office is None:
        raise NotAllowed(errors.NO_RUN_PERMISSION, code="no_run_permission")
    run = MatchRun.objects.create(country=country, organisation=office, started_by=actor)
    transaction.on_commit(lambda: match_run_task.enqueue(run.pk))
    return run


def _progress(run_id: int) -> Any:
    def report(stage: str, fraction: float) -> None:
        MatchRun.objects.filter(pk=run_id).update(progress=round(fraction * 100), message=stage)

    return report


def run_execute(run: MatchRun) -> MatchRun:
    """Run the search now (the task calls this); a failure is recorded on the run."""
    MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, progress=0)
    try:
        records = list(registry_records(run.country))
        if len(records) < 2:
            pairs: list[ScoredPair] = []
        else:
            # Imported here: the engine brings Splink, DuckDB and pandas (about 130 MB), which
            # only the task worker needs, not every web process (docs/adr/0019).
            from qorgau.matching.engine import match

            result = match(records, progress=_progress(run.pk), labels=decided_pairs(run.country))
            pairs = [
                ScoredPair(
                    int(p.left_id),
                    int(p.right_id),
                    p.probability,
                    [
                        {"comparison": e.comparison, "level": e.level, "weight": e.match_weight}
                        for e in p.evidence
                    ],
                )
                for p in result.pairs
            ]
        with transaction.atomic():
            stored = candidates_store(pairs, run=run)
        MatchRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            progress=100,
            records=len(records),
            candidates=stored,
            finished_at=timezone.now(),
            message="",
        )
    except Exception:
        # The exception goes to the log; the page shows a translated message, never its text.
        logger.exception("The search for duplicates %s failed", run.pk)
        MatchRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, message="", finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run


@task()
def match_run_task(run_id: int) -> str:
    run = MatchRun.objects.select_related("country").get(pk=run_id)
    return run_execute(run).status
