"""A partial correction of a status period changes only what it names; the rest stays as stored
(read by the service under its lock, not by the view)."""

from __future__ import annotations

import datetime as dt

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import LegalStatusPeriod
from qorgau.people.services.status import status_period_correct, status_period_record

pytestmark = pytest.mark.django_db


def test_a_partial_correction_keeps_the_fields_it_does_not_name(
    clerk: User, agency: Organisation, government: Organisation, make_person
) -> None:
    person = make_person(clerk, agency)
    period = status_period_record(
        actor=clerk, organisation=agency, person=person, status="ASY",
        effective_from=dt.date(2024, 1, 5),
        deciding_authority=government, basis="Decision 12",
    )  # fmt: skip

    status_period_correct(actor=clerk, period=period, basis="Decision 12/a")
    status_period_correct(actor=clerk, period=period, deciding_authority=None)

    stored = LegalStatusPeriod.objects.get(pk=period.pk)
    assert stored.basis == "Decision 12/a"
    assert stored.deciding_authority is None
