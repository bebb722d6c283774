"""Fixtures of the legal standards' tests: the Kazakhstan office's manager (``officer``) and
a provision of a synthetic law in force from 2010 to 2020."""

from __future__ import annotations

import datetime as dt

import pytest

from qorgau.legal.models import Provision
from qorgau.legal.services import provision_record
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import persona_user
from qorgau.reference.models import Country


@pytest.fixture
def officer(agency: Organisation) -> User:
    return persona_user("officer", agency)


@pytest.fixture
def provision(officer: User) -> Provision:
    return provision_record(
        actor=officer, country=Country.objects.get(iso3="KAZ"),
        law_title="Law on Synthetic Examples", article="Art. 8",
        text="Asylum may be requested at a border crossing point.",
        in_force_from=dt.date(2010, 1, 1), in_force_to=dt.date(2020, 12, 31),
    )  # fmt: skip
