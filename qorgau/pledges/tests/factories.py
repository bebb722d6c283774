"""Builders of pledge tests: pledges through the service, border-referral cases through the
procedures' services (so the indicators read what users' steps write)."""

from __future__ import annotations

import datetime as dt

from qorgau.organisations.models import Organisation, User
from qorgau.pledges.models import Pledge
from qorgau.pledges.services import pledge_record
from qorgau.procedures.models import Case
from qorgau.procedures.registry import definitions
from qorgau.procedures.services import case_open, case_step
from qorgau.procedures.tests.factories import step_input
from qorgau.reference.models import Country

MADE_ON = dt.date(2023, 12, 13)


def pledge_make(actor: User, area: str = "border_referral", country: str = "KAZ") -> Pledge:
    return pledge_record(
        actor=actor,
        country=Country.objects.get(iso3=country),
        area=area,
        made_on=MADE_ON,
        titles={"en": "Border referral", "ru": "Перенаправление", "kk": "Жолдау"},
        texts={"en": "Referral at the border.", "ru": "Направление.", "kk": "Жолдау рәсімі."},
    )


def border_case(
    actor: User,
    organisation: Organisation,
    person: object,
    referred: dt.date,
    registered: dt.date | None = None,
) -> Case:
    """A border-referral case referred on ``referred`` and registered on ``registered``."""
    procedure = definitions()[("KAZ", "border_referral")]
    case = case_open(
        actor=actor, organisation=organisation, procedure="border_referral",
        person=person, opened_on=referred,  # type: ignore[arg-type]
    )  # fmt: skip
    for code, day in (("refer", referred), ("register", registered)):
        if day is None:
            break
        transition = next(t for t in procedure.transitions if t.code == code)
        case.refresh_from_db()
        case_step(actor=actor, case=case, version=case.version, step=step_input(transition, day))
    return case
