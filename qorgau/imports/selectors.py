"""Reads of the imports app: an organisation's runs, and the rows held for review with the
records they resemble, limited to those the reader may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.imports.access import visible_held_rows, visible_runs
from qorgau.imports.models import HeldRow, ImportRun
from qorgau.organisations.models import User
from qorgau.people.access import visible_persons


def import_runs(user: User | AnonymousUser) -> QuerySet[ImportRun]:
    """The user's organisations' runs, newest first."""
    return visible_runs(user).select_related("organisation", "started_by")


@dataclass(frozen=True)
class HeldForReview:
    row: HeldRow
    candidate_ids: list[int]  # of the records the reader may see, best first


def held_rows_pending(user: User | AnonymousUser) -> list[HeldForReview]:
    """Rows waiting for review in the user's organisations, each with the records it
    resembles that the user may see now (a share revoked since the import hides its record)."""
    rows = list(visible_held_rows(user).filter(state=HeldRow.State.PENDING))
    wanted = {pk for row in rows for pk in row.candidates}
    seen = set(visible_persons(user).filter(pk__in=wanted).values_list("pk", flat=True))
    return [HeldForReview(row, [pk for pk in row.candidates if pk in seen]) for row in rows]
