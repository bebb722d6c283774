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
from qorgau.people.policy import purpose_covered
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


def agreement_for_share(
    actor: User,
    provider: Organisation,
    recipient: Organisation,
    expires_on: dt.date,
    reference: str = "",
    purpose: str = "Legal counselling",
) -> Any:
    """A data-sharing agreement record between ``provider`` and ``recipient`` in force today
    and until ``expires_on``, allowing every field group, for ``purpose``: the one a test's
    share is made under (shares need one, ADR 0056, for a purpose it covers, ADR 0061). Made
    directly, as test data: recording one through ``partners.services.agreement_record``
    needs an administrator the test may not have."""
    from qorgau.partners.models import Agreement

    today = timezone.localdate()
    found = [
        agreement
        for agreement in Agreement.objects.filter(
            provider=provider,
            recipient=recipient,
            starts_on__lte=today,
            expires_on__gte=max(expires_on, today),
            ended_at__isnull=True,
        )
        if purpose_covered(agreement.purpose, purpose)
    ]
    if found:
        return found[0]
    return Agreement.objects.create(
        reference=reference
        or f"DSA-TEST-{provider.code}-{recipient.code}-{Agreement.objects.count() + 1}",
        provider=provider,
        recipient=recipient,
        purpose=purpose.strip() or "Legal counselling",
        field_groups=list(FieldGroup.values),
        starts_on=today - dt.timedelta(days=30),
        expires_on=max(expires_on, today) + dt.timedelta(days=365),
        recorded_by=actor,
    )


def share_grant_agreed(**kwargs: Any) -> Share:
    """``share_grant`` under an agreement record between the record's registering organisation
    and the recipient (made by ``agreement_for_share`` unless the test names one), for tests
    about anything but the agreement. No agreement is made for a share to the registering
    organisation itself, which the policy refuses."""
    record = kwargs.get("person") or kwargs.get("household")
    recipient = kwargs["recipient"]
    if (
        kwargs.get("agreement_record") is None
        and record is not None
        and record.registered_by_id != recipient.pk
    ):
        kwargs["agreement_record"] = agreement_for_share(
            kwargs["actor"],
            record.registered_by,
            recipient,
            kwargs["expires_on"],
            purpose=kwargs.get("purpose", ""),
        )
    return share_grant(**kwargs)


def share_make(actor: User, recipient: Organisation, person: Person, **extra: Any) -> Share:
    """A share of ``person`` with ``recipient`` for thirty days, through the service, under
    an agreement record (``share_grant_agreed``)."""
    return share_grant_agreed(
        actor=actor,
        recipient=recipient,
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
