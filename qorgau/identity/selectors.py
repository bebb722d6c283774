"""Reads of identity resolution: the review queue and a record's merges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.utils import timezone

from qorgau.identity.access import reviewable_candidates
from qorgau.identity.evidence import EvidenceRow, evidence_rows
from qorgau.identity.models import Candidate, PairDecision, Verdict
from qorgau.organisations.models import User
from qorgau.people.access import visible_households, visible_persons, visible_persons_among
from qorgau.people.fields import FieldGroup, field_policies
from qorgau.people.models import Document, LegalStatusPeriod, Person
from qorgau.people.selectors import in_force_on


def review_queue(user: User | AnonymousUser) -> QuerySet[Candidate]:
    """Pairs waiting for a decision in which the user may change both records: a partner
    reviews only pairs of records it may see and change."""
    return (
        reviewable_candidates(user)
        .select_related(
            "first__registered_by",
            "first__household",
            "second__registered_by",
            "second__household",
        )
        .order_by("-probability", "pk")
    )


def merged_record_ids(person: Person) -> list[int]:
    """The ids of the records merged into a person, by the ``merged_into`` index alone.

    Asked apart from the visibility filter and without an order: joined with them, SQLite's
    planner would walk the registration-number index over every person (its statistics say that
    nearly every ``merged_into`` is NULL, so it does not expect the index to narrow anything)."""
    return list(merged_into_query(person.pk))


def merged_into_query(person_id: int) -> QuerySet[Person, int]:
    return Person.objects.filter(merged_into_id=person_id).order_by().values_list("pk", flat=True)


def person_merges(user: User | AnonymousUser, person: Person) -> dict[str, object]:
    """For a person's page (its ``merges`` section, registered in ``IdentityConfig.ready``):
    the record it was merged into, the records merged into it (those the user may see), and the
    standing merge decision that can be undone, all read here (the template asks nothing). Each
    is asked only when there can be one: most people were never merged, and cost one indexed
    look-up."""
    merged_ids = merged_record_ids(person)
    merged_records = (
        list(visible_persons_among(user, merged_ids).order_by("registration_number"))
        if merged_ids
        else []
    )
    if person.merged_into_id is None:
        return {"merged_into": None, "merged_records": merged_records, "merge_decision": None}
    standing = (
        PairDecision.objects.filter(verdict=Verdict.SAME, undone_at__isnull=True, merged=person)
        .order_by("pk")
        .first()
    )
    return {
        "merged_into": visible_persons(user).filter(pk=person.merged_into_id).first(),
        "merged_records": merged_records,
        "merge_decision": standing,
    }


def person_merges_shown(merges: dict[str, object]) -> list[tuple[str, str, UUID]]:
    """The records the person page's ``merges`` section names (the record kept, the records
    merged into the person), for its access log."""
    into = merges.get("merged_into")
    records = merges.get("merged_records")
    shown = [into] if isinstance(into, Person) else []
    if isinstance(records, list):
        shown += [record for record in records if isinstance(record, Person)]
    return [("merge", "person", person.public_id) for person in shown]


@dataclass(frozen=True)
class ReviewSide:
    """One record of a pair as the reviewer sees it: what the person page shows of its
    household, documents and current legal status."""

    person: Person
    household_number: str | None  # None: no household, or one the reviewer may not see
    household_size: int  # the members the reviewer may see, the person included
    documents: list[Document]
    status: LegalStatusPeriod | None
    # The field groups the reviewer's role may read of the person (people/fields.py).
    fields: Mapping[str, bool]


@dataclass(frozen=True)
class ReviewPair:
    candidate: Candidate
    first: ReviewSide
    second: ReviewSide

    @property
    def evidence(self) -> list[EvidenceRow]:
        return evidence_rows(self.candidate.evidence, (self.first.person, self.second.person))

    @property
    def sides(self) -> tuple[ReviewSide, ReviewSide]:
        return (self.first, self.second)


def review_pairs(user: User | AnonymousUser, candidates: Sequence[Candidate]) -> list[ReviewPair]:
    """Both sides of each pair on a page of the queue, in a fixed number of queries for the
    whole page (documents, statuses, visible households and their sizes), none per pair."""
    people = [p for c in candidates for p in (c.first, c.second)]
    ids = {p.pk for p in people}
    documents: dict[int, list[Document]] = defaultdict(list)
    for document in Document.objects.filter(person_id__in=ids).order_by("-issued_on", "pk"):
        documents[document.person_id].append(document)
    statuses: dict[int, LegalStatusPeriod] = {}
    in_force = LegalStatusPeriod.objects.filter(in_force_on(timezone.localdate()))
    for period in in_force.filter(person_id__in=ids).order_by("effective_from", "pk"):
        statuses[period.person_id] = period  # the latest one started wins
    household_ids = {p.household_id for p in people if p.household_id}
    shown = set(
        visible_households(user).filter(pk__in=household_ids).values_list("pk", flat=True)
        if household_ids
        else ()
    )
    sizes = dict(
        visible_persons(user)
        .filter(household_id__in=shown)
        .values("household_id")
        .annotate(size=Count("pk"))
        .values_list("household_id", "size")
        .order_by()
        if shown
        else ()
    )

    policies = field_policies(user, people)

    def side(person: Person) -> ReviewSide:
        reads = policies[person.pk].by_name
        household = person.household if person.household_id in shown else None
        if not reads[FieldGroup.HOUSEHOLD]:
            household = None
        return ReviewSide(
            person=person,
            household_number=household.registration_number if household else None,
            household_size=sizes.get(household.pk, 0) if household else 0,
            documents=documents.get(person.pk, []) if reads[FieldGroup.DOCUMENTS] else [],
            status=statuses.get(person.pk) if reads[FieldGroup.LEGAL_STATUS] else None,
            fields=reads,
        )

    return [ReviewPair(c, side(c.first), side(c.second)) for c in candidates]
