"""The retention job: anonymise what has been kept long enough after it closed.

Per record type a period after closure (settings):
- a person, ``QORGAU_RETENTION_YEARS_PERSON`` years after their record closed: their current
  legal status is a final one (naturalised, nationality confirmed, departed, deceased) since
  then. Never while a legal hold applies (an open case of theirs or their household's): such a
  person is counted as held and tried again at the next run.
- a case, ``QORGAU_RETENTION_YEARS_CASE`` years after it closed: the free text of its steps
  (reasons and the values entered) is cleared; dates, stages and decisions stay.

Each run writes one kept report per country office (``RetentionReport``); a dry run writes
nothing and says what a run would do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from qorgau.organisations.models import Organisation
from qorgau.people.models import LegalStatusPeriod, Person
from qorgau.people.models.choices import OUTCOMES
from qorgau.procedures.models import Case, CaseStep
from qorgau.rights.models import Anonymisation, RetentionReport
from qorgau.rights.services.anonymise import REASON_RETENTION, legal_holds, person_anonymise


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier (28 February for a 29 February that did not exist)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass
class CountryOutcome:
    country_id: int
    persons: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)


def persons_expired(today: dt.date) -> list[Person]:
    """Closed records past their retention period, not yet anonymised and not merged."""
    closed_before = years_before(today, settings.RETENTION_YEARS_PERSON)
    closing = LegalStatusPeriod.objects.filter(
        effective_to__isnull=True, status__in=OUTCOMES, effective_from__lte=closed_before
    ).values("person_id")
    return list(
        Person.objects.filter(pk__in=closing, merged_into__isnull=True)
        .exclude(pk__in=Anonymisation.objects.values("person_id"))
        .order_by("pk")
    )


def cases_expired(today: dt.date) -> list[Case]:
    """Cases closed before their retention period whose steps still hold free text."""
    closed_before = years_before(today, settings.RETENTION_YEARS_CASE)
    with_text = CaseStep.objects.filter(~Q(reasons="") | ~Q(fields={})).values("case_id")
    return list(Case.objects.filter(closed_on__lte=closed_before, pk__in=with_text).order_by("pk"))


def retention_run(*, today: dt.date | None = None, dry_run: bool = False) -> list[CountryOutcome]:
    """Anonymise the expired people and clear the expired cases; one report per country
    office (each agency office's country, and every country a record was found in)."""
    today = today or timezone.localdate()
    outcomes: dict[int, CountryOutcome] = {
        country: CountryOutcome(country)
        for country in Organisation.objects.filter(is_operating_agency=True)
        .values_list("country_id", flat=True)
        .distinct()
    }

    def outcome(country_id: int) -> CountryOutcome:
        return outcomes.setdefault(country_id, CountryOutcome(country_id))

    for person in persons_expired(today):
        entry = outcome(person.country_office_id)
        if legal_holds(person).exists():
            entry.held.append(str(person.public_id))
            continue
        if not dry_run:
            person_anonymise(actor=None, person=person, reason=REASON_RETENTION, today=today)
        entry.persons.append(str(person.public_id))
    for case in cases_expired(today):
        if not dry_run:
            CaseStep.objects.filter(case=case).update(reasons="", fields={})
        outcome(case.country_id).cases.append(str(case.public_id))
    if not dry_run:
        _report(outcomes.values(), today)
    return sorted(outcomes.values(), key=lambda o: o.country_id)


@transaction.atomic
def _report(outcomes: object, today: dt.date) -> None:
    at = timezone.now()
    RetentionReport.objects.bulk_create(
        RetentionReport(
            country_id=o.country_id,
            at=at,
            run_on=today,
            persons_anonymised=len(o.persons),
            cases_cleared=len(o.cases),
            persons_held=len(o.held),
            ids={"person": o.persons, "case": o.cases, "held": o.held},
        )
        for o in outcomes  # type: ignore[attr-defined]
    )
