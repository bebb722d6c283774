"""The rules a referral must meet before it is stored or sent, each a refusal naming its field
(issue 17): consent, the services the partner offers, the agreement in force, the field groups
it allows, and the share policy of ``people/policy.py`` (never to the authorities of the
person's country of origin), which is asked, not copied."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm, role_grants
from qorgau.organisations.selectors import user_memberships
from qorgau.partners.models import Agreement, Service
from qorgau.people.access import visible_households, visible_persons
from qorgau.people.fields import FieldGroup, readable_groups
from qorgau.people.models import Household, Person
from qorgau.people.policy import share_latest_expiry, share_policy_check
from qorgau.referrals import errors
from qorgau.referrals.deadlines import Urgency
from qorgau.referrals.machine import Side
from qorgau.referrals.models import ConsentMethod, Referral

ADULT_AGE = 18


@dataclass(frozen=True)
class ConsentInput:
    """The consent as recorded by the referring caseworker."""

    given: bool
    given_by: str
    method: str
    given_on: dt.date
    guardian: str = ""
    override_reason: str = ""


def holds(organisation: Organisation, record: Person | Household) -> bool:
    """The organisation registered the record, or is the agency office of its country."""
    return record.registered_by_id == organisation.pk or (
        organisation.is_operating_agency and record.country_office_id == organisation.country_id
    )


def sending_organisation(actor: User, record: Person | Household) -> Organisation | None:
    """The organisation ``actor`` changes the record for (its registrant first), or None."""
    found = [
        m.organisation
        for m in user_memberships(actor)
        if role_grants(m.role, Perm.PERSON_CHANGE) and holds(m.organisation, record)
    ]
    found.sort(key=lambda o: o.pk != record.registered_by_id)
    return found[0] if found else None


def agreements_in_force(
    sender: Organisation, recipient: Organisation, today: dt.date
) -> QuerySet[Agreement]:
    return Agreement.objects.filter(
        provider=sender,
        recipient=recipient,
        starts_on__lte=today,
        expires_on__gte=today,
        ended_at__isnull=True,
    ).order_by("-expires_on", "pk")


def is_child(person: Person | None, today: dt.date) -> bool:
    """Under 18 on ``today`` as far as the recorded date of birth tells (unknown: not known to
    be a child)."""
    if person is None or person.birth_year is None:
        return False
    born = dt.date(person.birth_year, person.birth_month or 1, person.birth_day or 1)
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < ADULT_AGE


class Problems:
    """Refusals collected by field, raised together (nothing is stored then)."""

    def __init__(self) -> None:
        self.found: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: Any, code: str, **params: Any) -> None:
        self.found.setdefault(field, []).append(
            ValidationError(message, code=code, params=params or None)
        )

    def merge(self, exc: ValidationError, rename: dict[str, str]) -> None:
        for name, found in exc.error_dict.items():
            self.found.setdefault(rename.get(name, name), []).extend(found)

    @property
    def codes(self) -> list[str]:
        return sorted(f"{name}:{e.code}" for name, found in self.found.items() for e in found)

    def raise_any(self) -> None:
        if self.found:
            raise ValidationError(self.found)


def consent_check(
    problems: Problems, consent: ConsentInput | None, person: Person | None, today: dt.date
) -> None:
    if consent is None:
        problems.add("consent", errors.NO_CONSENT, "no_consent")
        return
    if consent.method not in ConsentMethod.values or not consent.given_by.strip():
        problems.add("consent", errors.NO_CONSENT, "no_consent")
    if is_child(person, today) and not consent.guardian.strip():
        problems.add("guardian", errors.GUARDIAN_NEEDED, "guardian_needed")
    if not consent.given and not consent.override_reason.strip():
        problems.add("consent", errors.CONSENT_REFUSED, "consent_refused")


def services_check(problems: Problems, recipient: Organisation, codes: Sequence[str]) -> None:
    if not codes:
        problems.add("services", errors.NO_SERVICE, "no_service")
        return
    offered = set(
        Service.objects.filter(profiles__organisation=recipient).values_list("code", flat=True)
    )
    for code in codes:
        if code not in offered:
            problems.add(
                "services", errors.SERVICE_NOT_OFFERED, "service_not_offered", service=code
            )


def field_groups_check(
    problems: Problems,
    groups: Sequence[str],
    agreement: Agreement | None,
    actor: User,
    people: Sequence[Person],
) -> None:
    if not groups:
        problems.add("field_groups", errors.NO_FIELD_GROUP, "no_field_group")
        return
    readable = readable_groups(actor, people)
    for code in groups:
        label = FieldGroup(code).label if code in FieldGroup.values else code
        if agreement is not None and code not in agreement.field_groups:
            problems.add(
                "field_groups",
                errors.GROUP_OUTSIDE_AGREEMENT,
                "group_outside_agreement",
                group=label,
            )
        elif code not in FieldGroup.values or FieldGroup(code) not in readable:
            problems.add(
                "field_groups", errors.GROUP_NOT_READABLE, "group_not_readable", group=label
            )


def referral_rules_check(
    *,
    actor: User,
    sender: Organisation,
    record: Person | Household,
    people: Sequence[Person],
    recipient: Organisation,
    agreement: Agreement | None,
    services: Iterable[str],
    field_groups: Sequence[str],
    urgency: str,
    reason: str,
    today: dt.date,
) -> Problems:
    """Every rule but consent, as problems by field."""
    problems = Problems()
    if not reason.strip():
        problems.add("reason", errors.REASON_NEEDED, "required")
    if urgency not in Urgency.values:
        problems.add("urgency", errors.STEP_NEEDS, "required")
    services_check(problems, recipient, sorted(set(services)))
    if (
        agreement is None
        or agreement.provider_id != sender.pk
        or agreement.recipient_id != recipient.pk
        or not agreement.in_force(today)
    ):
        problems.add("agreement", errors.NO_AGREEMENT, "no_agreement")
        agreement = None
    field_groups_check(problems, field_groups, agreement, actor, people)
    try:
        share_policy_check(
            record=record,
            people=people,
            recipient=recipient,
            agreement=agreement.reference if agreement else "referral",
            purpose="referral",
            expires_on=share_expiry(agreement, today),
            today=today,
        )
    except ValidationError as exc:
        problems.merge(exc, {"organisation": "recipient"})
    return problems


def share_expiry(agreement: Agreement | None, today: dt.date) -> dt.date:
    """Until when the receiver's read grant runs at most: the agreement's end, within the
    share policy's longest share."""
    latest = share_latest_expiry(today)
    return latest if agreement is None else min(agreement.expires_on, latest)


def may_change(actor: User, record: Person | Household) -> bool:
    gate = visible_persons if isinstance(record, Person) else visible_households
    return gate(actor, Perm.PERSON_CHANGE).filter(pk=record.pk).exists()


def _receiving(actor: User, referral: Referral) -> bool:
    return any(
        m.organisation_id == referral.recipient_id and role_grants(m.role, Perm.PERSON_CHANGE)
        for m in user_memberships(actor)
    )


def referral_sides(actor: User, referral: Referral) -> list[Side]:
    """The sides ``actor`` may act for: the receiver (change rights in the receiving
    organisation) and the sender (change rights on the person or household referred)."""
    record = referral.person or referral.household
    sides = []
    if record is not None and may_change(actor, record):
        sides.append(Side.SENDER)
    if _receiving(actor, referral):
        sides.append(Side.RECEIVER)
    return sides
