"""The funding the funding browser tests start from, made through the services as the
managers' forms make it: the representation requires USD 1,000 in 2024 (statelessness), and
the Kazakhstan office received USD 250 from Testland on 1 March 2024 (25% funded)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qorgau.funding import services
from qorgau.funding.models import Area, Donor, DonorKind, Operation
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make

OVERVIEW = "/funding/?operation=RCA&year=2024&as_of=2024-12-31"


@dataclass(frozen=True)
class FundingWorld:
    manager: User  # a protection officer of the agency's Kazakhstan office
    rca: Operation
    kaz: Operation
    donor: Donor


def funding_world(agency: Organisation) -> FundingWorld:
    manager = user_make("manager", agency, Role.PROTECTION_OFFICER)
    rca, kaz = Operation.objects.get(code="RCA"), Operation.objects.get(code="KAZ")
    services.requirement_set(
        actor=manager, operation=rca, year=2024, area=Area.objects.get(code="statelessness"),
        amount_usd="1000",
    )  # fmt: skip
    donor = services.donor_create(
        actor=manager, name_en="Testland", name_ru="Тестландия", name_kk="Тестландия",
        kind=DonorKind.GOVERNMENT,
    )  # fmt: skip
    services.contribution_record(
        actor=manager, donor=donor, operation=kaz, year=2024, amount="250", currency="USD",
        received_on=dt.date(2024, 3, 1), earmarking="unearmarked",
    )  # fmt: skip
    return FundingWorld(manager=manager, rca=rca, kaz=kaz, donor=donor)
