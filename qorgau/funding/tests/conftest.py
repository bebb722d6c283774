from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from qorgau.funding import services
from qorgau.funding.models import Area, Donor, DonorKind, Operation
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make


@pytest.fixture
def manager(agency: Organisation) -> User:
    """A protection officer of the agency's Kazakhstan office: publishes the figures."""
    return user_make("manager", agency, Role.PROTECTION_OFFICER)


@pytest.fixture
def kgz_manager(agency_kgz: Organisation) -> User:
    return user_make("kgz-manager", agency_kgz, Role.PROTECTION_OFFICER)


@pytest.fixture
def rca(db: None) -> Operation:
    return Operation.objects.get(code="RCA")


@pytest.fixture
def kaz_office(db: None) -> Operation:
    return Operation.objects.get(code="KAZ")


@pytest.fixture
def area(db: None) -> Callable[[str], Area]:
    return lambda code: Area.objects.get(code=code)


@pytest.fixture
def donor(manager: User) -> Donor:
    return services.donor_create(
        actor=manager, name_en="Testland", name_ru="Тестландия", name_kk="Тестландия",
        kind=DonorKind.GOVERNMENT,
    )  # fmt: skip


@pytest.fixture
def give(manager: User, donor: Donor, kaz_office: Operation) -> Callable[..., Any]:
    """Record a contribution with defaults (KAZ office, 2024, unearmarked, USD)."""

    def make(amount: str, received_on: Any, **kwargs: Any) -> Any:
        values: dict[str, Any] = {
            "actor": manager, "donor": donor, "operation": kaz_office, "year": 2024,
            "currency": "USD", "earmarking": "unearmarked",
        }  # fmt: skip
        values.update(kwargs)
        return services.contribution_record(amount=amount, received_on=received_on, **values)

    return make
