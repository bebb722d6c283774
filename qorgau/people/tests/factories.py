"""Builders of registry inputs and records for tests. Records are created through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import factory
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.people.dates import PartialDate
from qorgau.people.fields import FieldGroup
from qorgau.people.models import CitizenshipStatus, Household, Person, Relationship, Sex, Share
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.persons import PersonInput, person_create
from qorgau.people.services.shares import share_grant
from qorgau.people.services.status import status_period_record


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


# Given names that differ in more than a letter, so that no two made people look like one.
GIVEN_NAMES = ("Ерлан", "Айгүл", "Данияр", "Асель", "Нұржан", "Гүлнар", "Серік", "Мадина")


def given_name(n: int) -> str:
    """The ``n``-th of an endless list of different given names."""
    return GIVEN_NAMES[n % len(GIVEN_NAMES)] + "а" * (n // len(GIVEN_NAMES))


class PersonFactory(factory.Factory[Person]):
    """A person registered through ``person_create`` by ``actor`` for ``organisation`` (both
    required), each with a given name of their own; ``status`` (a legal status code) also
    records a status period from ``status_from``. ``PersonFactory.create_batch(12, actor=…,
    organisation=…)`` makes twelve."""

    class Meta:
        model = Person

    given_name = factory.Sequence(given_name)

    @classmethod
    def _create(cls, model_class: type[Person], *args: Any, **kwargs: Any) -> Person:
        actor: User = kwargs.pop("actor")
        organisation: Organisation = kwargs.pop("organisation")
        status: str | None = kwargs.pop("status", None)
        status_from: dt.date = kwargs.pop("status_from", dt.date(2020, 1, 1))
        person = person_create(actor=actor, organisation=organisation, data=person_input(**kwargs))
        if status is not None:
            status_period_record(
                actor=actor,
                organisation=organisation,
                person=person,
                status=status,
                effective_from=status_from,
            )
        return person


class HouseholdFactory(factory.Factory[Household]):
    """A household registered through ``household_register`` by ``actor`` for
    ``organisation`` (both required): a principal applicant and ``size - 1`` children."""

    class Meta:
        model = Household

    size = 2

    @classmethod
    def _create(cls, model_class: type[Household], *args: Any, **kwargs: Any) -> Household:
        size: int = kwargs.pop("size")
        relationships = [Relationship.PRINCIPAL] + [Relationship.SON] * (size - 1)
        members = [
            MemberInput(data=person_input(given_name=given_name(index)), relationship=relationship)
            for index, relationship in enumerate(relationships)
        ]
        return household_register(
            actor=kwargs.pop("actor"), organisation=kwargs.pop("organisation"), members=members
        )


def share_make(actor: User, recipient: Organisation, person: Person, **extra: Any) -> Share:
    """A share of ``person`` with ``recipient`` for thirty days, through the service."""
    return share_grant(
        actor=actor,
        recipient=recipient,
        agreement="DTA 2025/09",
        purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        person=person,
        **extra,
    )


def role_reads_less(monkeypatch: Any, role: str, hidden: Iterable[FieldGroup]) -> None:
    """Narrow the field policy table so that ``role`` does not read ``hidden``: for pages that no
    role reaching them today lacks a group on, to prove that they ask the table."""
    from qorgau.people import fields

    narrowed = dict(fields.ROLE_READ)
    narrowed[role] = narrowed[role] - frozenset(hidden)
    monkeypatch.setattr(fields, "ROLE_READ", narrowed)
