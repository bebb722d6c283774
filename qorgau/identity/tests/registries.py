"""A small synthetic registry with known duplicates, for the searches' tests (unit and browser)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qorgau.names import transliterate
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person

GIVEN = ["Ерлан", "Асқар", "Дәулет", "Бауыржан", "Нұржан", "Ғалым"]


def registry_with_duplicates(
    clerk: User,
    agency: Organisation,
    make: Callable[..., Person],
    *,
    family_names: Sequence[str],
    registered_twice: int,
) -> list[Person]:
    """One person for each family and given name (all different), and the first
    ``registered_twice`` of them registered again in Latin letters; returns the first ones."""
    people = [
        make(clerk, agency, family_name=f, given_name=g, patronymic="",
             date_of_birth=f"{1960 + (i * 7 + j * 3) % 50}-0{1 + j % 9}-1{i % 9}")
        for i, f in enumerate(family_names) for j, g in enumerate(GIVEN)
    ]  # fmt: skip
    for person in people[:registered_twice]:
        make(
            clerk,
            agency,
            family_name=transliterate(person.family_name),
            given_name=transliterate(person.given_name),
            patronymic="",
            date_of_birth=f"{person.birth_year}-{person.birth_month:02d}-{person.birth_day:02d}",
        )
    return people
