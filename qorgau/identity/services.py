"""Writes of identity resolution: storing candidate pairs, deciding them, undoing a merge.

A merge never deletes: the merged record keeps its names, documents, status history and
change history, and points to the record kept (``Person.merged_into``). Records that had been
merged into it are pointed on to the kept one as well, and the decision lists them, so that an
undo restores exactly what was there. Counting people counts kept records only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.errors import NotAllowed
from qorgau.identity import errors
from qorgau.identity.models import Candidate, MatchRun, PairDecision, Verdict
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import visible_persons
from qorgau.people.models import Person


@dataclass(frozen=True)
class ScoredPair:
    """A pair the matching model scored: record ids (any order), probability, evidence."""

    left: int
    right: int
    probability: float
    evidence: list[dict[str, Any]]


def candidates_store(pairs: Iterable[ScoredPair], run: MatchRun | None = None) -> int:
    """Store new candidate pairs (or refresh their probability); pairs already decided, by a
    standing decision either way, are never proposed again. Returns how many were stored."""
    ordered = {(min(p.left, p.right), max(p.left, p.right)): p for p in pairs if p.left != p.right}
    decided = set(
        PairDecision.objects.filter(undone_at__isnull=True).values_list("first_id", "second_id")
    )
    existing = {
        (c.first_id, c.second_id): c
        for c in Candidate.objects.filter(first_id__in={a for a, _ in ordered})
    }
    new, changed = [], []
    for key, pair in ordered.items():
        if key in decided:
            continue
        candidate = existing.get(key)
        if candidate is None:
            new.append(
                Candidate(
                    run=run,
                    first_id=key[0],
                    second_id=key[1],
                    probability=pair.probability,
                    evidence=pair.evidence,
                )
            )
        elif candidate.verdict == Verdict.PENDING:
            candidate.run, candidate.probability, candidate.evidence = (
                run,
                pair.probability,
                pair.evidence,
            )
            changed.append(candidate)
    Candidate.objects.bulk_create(new, batch_size=2000)
    Candidate.objects.bulk_update(changed, ["run", "probability", "evidence"], batch_size=2000)
    return len(new) + len(changed)


def _acting_organisation(actor: User, *persons: Person) -> Organisation:
    """The organisation a decision is made for: one where the actor may change both records
    (the registrant of the first, if the actor works there)."""
    scope = user_scope(actor, Perm.PERSON_CHANGE)
    for person in persons:
        if person.registered_by_id in scope.organisation_ids:
            return person.registered_by
    organisation = Organisation.objects.filter(pk__in=scope.organisation_ids).order_by("pk").first()
    if organisation is None:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    return organisation


def _locked_pair(actor: User, candidate: Candidate) -> tuple[Candidate, Person, Person]:
    """The candidate and both records, locked; both must be records the actor may change."""
    locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
    persons = {
        p.pk: p
        for p in visible_persons(actor, Perm.PERSON_CHANGE)
        .select_for_update()
        .filter(pk__in=[locked.first_id, locked.second_id])
    }
    if len(persons) != 2:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    if locked.verdict != Verdict.PENDING:
        raise ValidationError(errors.ALREADY_DECIDED, code="already_decided")
    return locked, persons[locked.first_id], persons[locked.second_id]


@transaction.atomic
def pair_decide(
    *,
    actor: User,
    candidate: Candidate,
    verdict: str,
    kept: Person | None = None,
    reasons: str = "",
) -> PairDecision:
    """Decide a candidate pair: ``same`` merges the other record into ``kept`` (one of the
    two), ``different`` keeps them apart for good."""
    locked, first, second = _locked_pair(actor, candidate)
    decision = PairDecision(
        first=first,
        second=second,
        verdict=verdict,
        reasons=reasons.strip(),
        organisation=_acting_organisation(actor, first, second),
        decided_by=actor,
    )
    if verdict == Verdict.SAME:
        if kept is None or kept.pk not in (first.pk, second.pk):
            raise ValidationError({"kept": ValidationError(errors.KEPT_REQUIRED, code="kept")})
        merged = second if kept.pk == first.pk else first
        kept = first if kept.pk == first.pk else second
        for record in (kept, merged):
            if record.merged_into_id is not None:
                raise ValidationError(
                    errors.ALREADY_MERGED,
                    code="already_merged",
                    params={"number": record.registration_number},
                )
        moved = list(Person.objects.filter(merged_into=merged).values_list("pk", flat=True))
        _point(actor, [merged.pk, *moved], kept, "merged")
        decision.kept, decision.merged, decision.moved = kept, merged, moved
    elif verdict != Verdict.DIFFERENT:
        raise ValidationError({"verdict": ValidationError(errors.VERDICT_UNKNOWN, code="verdict")})
    history_stamp(decision, actor=actor, reason=f"pair decided: {verdict}")
    decision.save()
    locked.verdict = verdict
    locked.save(update_fields=["verdict"])
    return decision


def _point(actor: User, ids: list[int], to: Person | None, reason: str) -> None:
    """Point records to ``to`` (None: unmerge), each change kept in the record's history."""
    for person in Person.objects.select_for_update().filter(pk__in=ids):
        person.merged_into = to
        person.version += 1
        history_stamp(person, actor=actor, reason=reason)
        person.save(update_fields=["merged_into", "version", "updated_at"])


@transaction.atomic
def decision_undo(*, actor: User, decision: PairDecision) -> PairDecision:
    """Undo a decision: a merge is taken apart exactly as it was made; the pair becomes a
    pending candidate again."""
    locked = PairDecision.objects.select_for_update().get(pk=decision.pk)
    allowed = visible_persons(actor, Perm.PERSON_CHANGE).filter(
        pk__in=[locked.first_id, locked.second_id]
    )
    if allowed.count() != 2:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    if locked.undone_at is not None:
        raise ValidationError(errors.ALREADY_UNDONE, code="already_undone")
    if locked.verdict == Verdict.SAME and locked.merged_id is not None:
        merged = Person.objects.get(pk=locked.merged_id)
        if merged.merged_into_id != locked.kept_id:
            raise ValidationError(errors.MERGE_CHANGED_SINCE, code="merge_changed")
        _point(actor, [locked.merged_id], None, "merge undone")
        _point(actor, list(locked.moved), merged, "merge undone")
    locked.undone_at = timezone.now()
    locked.undone_by = actor
    history_stamp(locked, actor=actor, reason="decision undone")
    locked.save(update_fields=["undone_at", "undone_by"])
    Candidate.objects.filter(first_id=locked.first_id, second_id=locked.second_id).update(
        verdict=Verdict.PENDING
    )
    return locked
