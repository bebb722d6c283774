"""The demo's 2024 funding (``data_funding.json``): requirements that add up to the fact sheet's
USD 10.03 million, the donors it thanks, monthly exchange rates and synthetic contributions
that make the Representation for Central Asia 45% funded as of 10 July 2024. Written through
the funding services, as a manager of the agency's Kazakhstan office."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from qorgau.funding import services
from qorgau.funding.models import Area, Contribution, Donor, Operation
from qorgau.organisations.models import Membership, Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.population.organisations import demo_username
from qorgau.reference.models import Country

DATA = Path(__file__).resolve().parent / "data_funding.json"


def funding_demo_actor(organisation: Organisation) -> User:
    """The demo protection officer of the agency's office, who records the demo's funding:
    ``qorgau demo`` has created it with the demo password already; ``qorgau generate``
    creates it here without a usable password (nobody logs in as it there)."""
    user, created = User.objects.get_or_create(
        username=demo_username(organisation, Role.PROTECTION_OFFICER)
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(
        user=user, organisation=organisation, role=Role.PROTECTION_OFFICER
    )
    return user


@transaction.atomic
def funding_demo_seed(actor: User) -> bool:
    """Load the demo's funding unless the year already has contributions."""
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    year = data["year"]
    if Contribution.objects.filter(year=year).exists():
        return False
    operations = {o.code: o for o in Operation.objects.all()}
    areas = {a.code: a for a in Area.objects.all()}
    for operation, area, amount in data["requirements"]:
        services.requirement_set(
            actor=actor, operation=operations[operation], year=year, area=areas[area],
            amount_usd=amount,
        )  # fmt: skip
    changes = {(c, dt.date.fromisoformat(d)): r for c, d, r in data["rate_changes"]}
    for currency, rate in data["rates"].items():
        for month in range(1, 13):
            day = dt.date(year, month, 1)
            services.exchange_rate_record(
                actor=actor, currency=currency, valid_from=day,
                units_per_usd=changes.get((currency, day), rate),
            )  # fmt: skip
    countries = {c.iso3: c for c in Country.objects.all()}
    donors: dict[tuple[str, str], Donor] = {}
    for d in data["donors"]:
        donors[d["en"], d["kind"]] = Donor.objects.filter(
            name_en=d["en"], kind=d["kind"]
        ).first() or services.donor_create(
            actor=actor, name_en=d["en"], name_ru=d["ru"], name_kk=d["kk"], kind=d["kind"],
            country=countries.get(d["country"] or ""),
        )  # fmt: skip
    for name, kind, operation, amount, currency, day, earmarking, area in data["contributions"]:
        services.contribution_record(
            actor=actor, donor=donors[name, kind], operation=operations[operation], year=year,
            amount=amount, currency=currency, received_on=dt.date.fromisoformat(day),
            earmarking=earmarking, area=areas[area] if area else None,
        )  # fmt: skip
    return True
