"""Anonymising a person: what identifies them goes, what the statistics count stays.

Kept, because the statistics of every earlier date are computed from them: the legal status
periods (dates and statuses), sex, region, country of origin, registering organisation and
country office, household links and the year of birth. The month and day of birth are kept only
where dropping them would move the person to another age band on a date they were counted on
(``birth_kept``). Everything else that names or describes the person is emptied or deleted, in
the record and in its change history (docs/adr/0031-anonymisation-and-history.md). The access
log of the person stays: it holds no personal data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed
from qorgau.identity.models import Candidate, PairDecision
from qorgau.organisations.models import User
from qorgau.people.models import (
    DatePrecision,
    Document,
    LegalStatusPeriod,
    Person,
    PersonAlias,
    PersonNameKey,
    PersonNeed,
    PhoneNumber,
)
from qorgau.procedures.models import Case, CaseStep
from qorgau.rights import errors
from qorgau.rights.access import may_change_person
from qorgau.rights.models import Anonymisation, RequestKind, SubjectRequest
from qorgau.statistics.ages import BANDS

PERSON_ANONYMISED = "person_anonymised"
PERSON_ANONYMISE_REFUSED = "person_anonymise_refused"

#: The reasons an anonymisation is done for (codes, stored; never free text).
REASON_REQUEST = "subject_request"
REASON_RETENTION = "retention"
REASONS = (REASON_REQUEST, REASON_RETENTION)

#: The person's values that identify them, and what they become.
PERSON_BLANK: dict[str, Any] = {
    "family_name": "",
    "given_name": "",
    "patronymic": "",
    "family_name_latin": "",
    "given_name_latin": "",
    "patronymic_latin": "",
    "birth_place": "",
    "birth_country": None,
    "languages": [],
    "address": "",
    "source_id": "",
}

#: Records of the person removed whole, with every row of their history.
REMOVED = (PersonAlias, PhoneNumber, PersonNeed, Document)


def legal_holds(person: Person) -> QuerySet[Case]:
    """The open procedure cases of the person or of their household: while one is open the
    record is under a legal hold and is not anonymised."""
    condition = Q(person=person)
    if person.household_id is not None:
        condition |= Q(household_id=person.household_id)
    return Case.objects.filter(condition, closed_on__isnull=True)


def _key(year: int, month: int | None, day: int | None) -> int:
    """``statistics.ages.birth_key`` in Python: middle of the year or month filled in."""
    return year * 10000 + (month * 100 + (day or 15) if month else 701)


def _band_moves(old: int, new: int, spans: list[tuple[dt.date, dt.date]]) -> bool:
    """Whether a person with birth key ``new`` instead of ``old`` is in another age band on
    some day of ``spans``. Younger than N on a day ⇔ day key < birth key + N years, so the
    two keys disagree exactly on the days whose key lies in [min + N, max + N)."""
    if old == new:
        return False
    for _name, limit in BANDS:
        low, high = min(old, new) + limit * 10000, max(old, new) + limit * 10000
        for start, end in spans:
            first = start.year * 10000 + start.month * 100 + start.day
            last = end.year * 10000 + end.month * 100 + end.day
            if first < high and last >= low:
                return True
    return False


def birth_kept(person: Person, *, until: dt.date) -> tuple[int | None, int | None, str]:
    """The month, day and precision of birth the anonymised record keeps (the year always
    stays): none, if the age bands of every day the person was counted on (their status
    periods, up to ``until``) stay the same without them; else the month alone if that
    suffices; else both, as they were."""
    year, month, day = person.birth_year, person.birth_month, person.birth_day
    precision = person.birth_precision
    if year is None or month is None:
        return month, day, precision
    spans = [
        (start, min(until, end - dt.timedelta(days=1)) if end else until)
        for start, end in person.status_periods.values_list("effective_from", "effective_to")
        if start <= until
    ]
    old = _key(year, month, day)
    if not _band_moves(old, _key(year, None, None), spans):
        return None, None, DatePrecision.YEAR
    if day is not None and not _band_moves(old, _key(year, month, None), spans):
        return month, None, DatePrecision.MONTH
    return month, day, precision


def _refuse(actor: User | None, person: Person, error: Exception, code: str) -> None:
    security_event_record(
        actor=actor,
        event=PERSON_ANONYMISE_REFUSED,
        object_type="person",
        object_id=person.public_id,
        detail={"reasons": [code]},
    )
    raise error


def person_anonymise(
    *,
    actor: User | None,
    person: Person,
    reason: str,
    request: SubjectRequest | None = None,
    today: dt.date | None = None,
) -> Anonymisation:
    """Anonymise ``person`` (``actor`` None: the retention job). The actor must be able to
    change the person; a merged or already anonymised record, a request of another person or
    of another kind, and an open case (a legal hold) are refused, the refusal written to the
    security log. Everything is done in one transaction."""
    today = today or timezone.localdate()
    if reason not in REASONS:
        raise Invalid(code="invalid_choice", field="reason")
    if actor is not None and not may_change_person(actor, person):
        _refuse(actor, person, NotAllowed(errors.NO_PERMISSION, code="no_permission"), "perm")
    if request is not None and (
        request.person_id != person.pk
        or request.kind not in (RequestKind.DELETION, RequestKind.OBJECTION)
    ):
        raise Invalid(errors.NOT_A_DELETION, code="not_a_deletion")
    if Anonymisation.objects.filter(person=person).exists():
        raise Invalid(errors.ALREADY_ANONYMISED, code="already_anonymised")
    if person.merged_into_id is not None:
        raise Invalid(errors.MERGED_RECORD, code="merged_record")
    if legal_holds(person).exists():
        _refuse(actor, person, Invalid(errors.LEGAL_HOLD, code="legal_hold"), "legal_hold")
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if legal_holds(locked).exists():  # a case opened meanwhile
            raise Invalid(errors.LEGAL_HOLD, code="legal_hold")
        _anonymise(locked, actor, today)
        done = Anonymisation.objects.create(
            person=locked, at=timezone.now(), actor=actor, reason=reason, request=request
        )
        security_event_record(
            actor=actor,
            event=PERSON_ANONYMISED,
            object_type="person",
            object_id=locked.public_id,
            detail={"reason": reason, "request": str(request.public_id) if request else None},
        )
    person.refresh_from_db()
    return done


def _anonymise(person: Person, actor: User | None, today: dt.date) -> None:
    month, day, precision = birth_kept(person, until=today)
    values = {**PERSON_BLANK, "birth_month": month, "birth_day": day, "birth_precision": precision}
    for name, value in values.items():
        setattr(person, name, value)
    person.version += 1
    if actor is not None:
        history_stamp(person, actor=actor, reason="anonymised")
    person.save()
    # Every earlier history row of the person says no more than the anonymised record does.
    history_values = {
        ("birth_country_id" if name == "birth_country" else name): value
        for name, value in values.items()
    }
    history_values["birth_year"] = person.birth_year
    Person.history.filter(id=person.pk).update(**history_values)

    PersonNameKey.objects.filter(person=person).delete()
    for model in REMOVED:
        model.objects.filter(person=person).delete()
        model.history.filter(person_id=person.pk).delete()

    LegalStatusPeriod.objects.filter(person=person).update(basis="")
    LegalStatusPeriod.history.filter(person_id=person.pk).update(basis="")

    # The person's own cases (closed: a legal hold refused the others): the free text of their
    # steps. Household cases name other people and stay.
    CaseStep.objects.filter(case__person=person).update(reasons="", fields={})

    pairs = Q(first=person) | Q(second=person)
    Candidate.objects.filter(pairs).update(evidence=[])
    PairDecision.objects.filter(pairs).update(reasons="")
    PairDecision.history.filter(Q(first_id=person.pk) | Q(second_id=person.pk)).update(reasons="")

    SubjectRequest.objects.filter(person=person).update(answer="")
    SubjectRequest.history.filter(person_id=person.pk).update(answer="")
