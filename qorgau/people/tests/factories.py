"""Builders of registry inputs for tests. Records are created through the services."""

from __future__ import annotations

from typing import Any

from qorgau.people.dates import PartialDate
from qorgau.people.models import CitizenshipStatus, Sex
from qorgau.people.services.persons import PersonInput


def person_input(**overrides: Any) -> PersonInput:
    values: dict[str, Any] = {
        "family_name": "Сейтқазиев",
        "given_name": "Ерлан",
        "patronymic": "Серікұлы",
        "sex": Sex.MALE,
        "citizenship_status": CitizenshipStatus.STATELESS,
        "birth": PartialDate(1984, 3, 9, "exact"),
    }
    if "date_of_birth" in overrides:
        values["birth"] = PartialDate.parse(overrides.pop("date_of_birth"))
    values.update(overrides)
    return PersonInput(**values)
