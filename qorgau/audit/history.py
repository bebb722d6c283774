"""The one write path of the change history (docs/adr/0020-one-audit-write-path.md).

django-simple-history writes a history row in the same transaction as each ``save()`` of a
model with ``HistoricalRecords``; it reads who made the change from the instance's
``_history_user`` and why from its ``_change_reason``. Services set both through
``history_stamp`` just before they save, inside their transaction, so that no history row of a
service's write lacks its actor, and no caller writes those private attributes itself.
"""

from __future__ import annotations

import hashlib

from django.db import models

from qorgau.organisations.models import User

# django-simple-history's ``history_change_reason`` column is ``CharField(max_length=100)``.
REASON_MAX = 100


def history_stamp(instance: models.Model, *, actor: User, reason: str = "") -> None:
    """Make the history row of ``instance``'s next ``save()`` carry ``actor`` and ``reason``.

    ``reason`` is a short code in English (``case step: register``, ``merged``), stored as data
    and never shown translated; empty when the write's kind says it all (stored as NULL, as
    django-simple-history does without a reason), and cut to the column's length. Every call
    sets both, so a reason of an earlier save of the same instance never carries over to the
    next one."""
    reason = reason[:REASON_MAX]
    # The two attributes django-simple-history documents for the user and the reason.
    instance._history_user = actor  # type: ignore[attr-defined]
    instance._change_reason = reason or None  # type: ignore[attr-defined]


RECENT = 64
"""History rows read for a generation: enough that a change committed late (PostgreSQL hands
out ids before commit) still changes the fingerprint."""


def history_generation(*tracked: type[models.Model]) -> str:
    """The state of the histories of ``tracked`` models, read from their primary-key indexes
    alone: every write through a service adds a history row, so a cached figure kept under
    this fingerprint is recomputed after any change and nothing has to clear it (ADR 0015)."""
    newest = [
        list(
            model.history.model.objects.order_by("-history_id").values_list(  # type: ignore[attr-defined]
                "history_id", flat=True
            )[:RECENT]
        )
        for model in tracked
    ]
    return hashlib.sha256(repr(newest).encode()).hexdigest()[:20]
