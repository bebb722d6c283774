"""Writes of the funding app: the coded areas and the operations (synchronised from the
shipped file), donors, exchange rates, requirements and contributions. Each write is made by
a manager who publishes the figures (``funding.access``), checked here, in one transaction,
stamped on the change history with its actor; edits carry the record's version. Bad input
raises ``Invalid`` naming the field; nothing is stored then."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from uuid import UUID

from django.db import transaction

from qorgau.audit.history import REASON_MAX, history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed, StaleVersion, locked_at_version
from qorgau.funding import access, errors, money
from qorgau.funding.models import (
    Area,
    Contribution,
    Donor,
    ExchangeRate,
    Operation,
    Requirement,
)
from qorgau.organisations.models import User
from qorgau.reference.models import Country

DATA = Path(__file__).resolve().parent / "data" / "funding.json"
LIMIT = Decimal("1e14")
RATE_STEP = Decimal("1e-8")  # the column's eight decimal places and twelve before them
RATE_LIMIT = Decimal("1e12")
FUNDING_REFUSED = "funding_edit_refused"


@transaction.atomic
def funding_catalogue_sync() -> None:
    """Create or update the shipped areas and operations (countries must exist)."""
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    for position, entry in enumerate(data["areas"]):
        Area.objects.update_or_create(
            code=entry["code"],
            defaults={"position": position, **{f"name_{k}": entry[k] for k in ("en", "ru", "kk")}},
        )
    for position, entry in enumerate(data["operations"]):
        country = (
            Country.objects.filter(iso3=entry["country"]).first() if entry["country"] else None
        )
        if entry["country"] and country is None:
            continue  # reference data not loaded yet: the next migrate adds it
        Operation.objects.update_or_create(
            code=entry["code"],
            defaults={
                "position": position,
                "country": country,
                "seat": Country.objects.filter(iso3=entry.get("seat") or "").first(),
                "parent": Operation.objects.filter(code=entry.get("parent") or "").first(),
                **{f"name_{k}": entry[k] for k in ("en", "ru", "kk")},
            },
        )


def funding_catalogue_sync_after_migrate(**kwargs: Any) -> None:
    """post_migrate receiver: keeps a migrated database's areas and operations current."""
    if kwargs.get("plan") == [] and Operation.objects.filter(parent__isnull=False).exists():
        return
    funding_catalogue_sync()


def _refuse(actor: User, exc: NotAllowed, object_type: str, detail: dict[str, Any]) -> None:
    security_event_record(
        actor=actor, event=FUNDING_REFUSED, object_type=object_type,
        detail={**detail, "reason": "no_permission"},
    )  # fmt: skip
    raise exc


def _editor(actor: User, object_type: str, operation: Operation | None = None) -> None:
    try:
        if operation is None:
            access.check_funding_editor(actor)
        else:
            access.check_operation_editor(actor, operation)
    except NotAllowed as exc:
        detail = {"operation": operation.code} if operation is not None else {}
        _refuse(actor, exc, object_type, detail)


def amount_clean(value: Any, field: str = "amount", *, zero: bool = False) -> Decimal:
    """A positive (or, with ``zero``, non-negative) amount with at most two decimal places."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise Invalid(errors.AMOUNT_NOT_POSITIVE, code="not_a_number", field=field) from exc
    if not amount.is_finite():
        raise Invalid(errors.AMOUNT_NOT_POSITIVE, code="not_a_number", field=field)
    if amount < 0 or (amount == 0 and not zero):
        message = errors.AMOUNT_NEGATIVE if zero else errors.AMOUNT_NOT_POSITIVE
        raise Invalid(message, code="not_positive", field=field)
    if amount >= LIMIT:
        raise Invalid(errors.AMOUNT_TOO_LARGE, code="too_large", field=field)
    if amount != amount.quantize(money.CENT):
        raise Invalid(errors.AMOUNT_TOO_PRECISE, code="too_precise", field=field)
    return amount.quantize(money.CENT)


def currency_clean(value: str, field: str = "currency") -> str:
    code = (value or "").strip().upper()
    if not money.is_currency(code):
        raise Invalid(
            errors.UNKNOWN_CURRENCY, code="unknown_currency", field=field, params={"value": value}
        )
    return code


def rate_for(currency: str, day: dt.date) -> Decimal | None:
    """The rate that counts for ``currency`` on ``day`` (1 for US dollars), None if missing."""
    if currency == money.USD:
        return Decimal(1)
    rates = ExchangeRate.objects.filter(
        currency=currency, valid_from__lte=day, valid_from__gte=day.replace(day=1)
    ).values_list("valid_from", "units_per_usd")
    return money.rate_on(rates, day)


def donor_create(
    *, actor: User, name_en: str, name_ru: str, name_kk: str, kind: str,
    country: Country | None = None,
) -> Donor:  # fmt: skip
    _editor(actor, "donor")
    name = _donor_named(name_en, kind)
    donor = Donor(
        name_en=name, name_ru=name_ru.strip() or name, name_kk=name_kk.strip() or name,
        kind=kind, country=country,
    )  # fmt: skip
    with transaction.atomic():
        history_stamp(donor, actor=actor, reason="donor recorded")
        donor.save()
    return donor


def _donor_named(name_en: str, kind: str, donor: Donor | None = None) -> str:
    """The English name, refused when another donor of the same kind has it."""
    name = name_en.strip()
    others = Donor.objects.filter(name_en=name, kind=kind)
    if donor is not None:
        others = others.exclude(pk=donor.pk)
    if others.exists():
        raise Invalid(errors.DONOR_EXISTS, code="donor_exists", field="name_en",
                      params={"name": name})  # fmt: skip
    return name


def donor_update(
    *, actor: User, donor: Donor, version: int, name_en: str, name_ru: str, name_kk: str,
    kind: str, country: Country | None = None,
) -> Donor:  # fmt: skip
    """Change a donor's names, kind or country; ``version`` is the one the editor saw. Its
    contributions keep pointing at it, so the figures and the fact sheet show the new name."""
    _editor(actor, "donor")
    name = _donor_named(name_en, kind, donor)
    with transaction.atomic():
        row = locked_at_version(Donor, donor.pk, version, message=errors.STALE, code="stale_donor")
        row.name_en, row.name_ru, row.name_kk = (
            name,
            name_ru.strip() or name,
            name_kk.strip() or name,
        )
        row.kind, row.country = kind, country
        row.version += 1
        history_stamp(row, actor=actor, reason="donor changed")
        row.save()
    return row


def donor_remove(*, actor: User, donor: Donor, version: int) -> Donor:
    """Remove a donor recorded by mistake. A donor whose contributions are recorded is kept
    (``Invalid``, naming how many): the figures of past dates must not change (ADR 0060). The
    change history keeps the removed donor. Returns it as it was, without its database id."""
    _editor(actor, "donor")
    with transaction.atomic():
        row = locked_at_version(Donor, donor.pk, version, message=errors.STALE, code="stale_donor")
        used = Contribution.objects.filter(donor=row).count()
        if used:
            raise Invalid(
                errors.DONOR_IN_USE, code="donor_in_use", field="donor",
                params={"donor": row.name, "count": used},
            )  # fmt: skip
        history_stamp(row, actor=actor, reason="donor removed")
        row.delete()
    return row


def exchange_rate_record(
    *, actor: User, currency: str, valid_from: dt.date, units_per_usd: Any
) -> ExchangeRate:
    """Record the rate of ``currency`` from ``valid_from`` (units of it per US dollar)."""
    _editor(actor, "exchange_rate")
    code = currency_clean(currency)
    if code == money.USD:
        raise Invalid(errors.USD_NEEDS_NO_RATE, code="usd_needs_no_rate", field="currency")
    rate = _rate_clean(units_per_usd)
    with transaction.atomic():
        if ExchangeRate.objects.filter(currency=code, valid_from=valid_from).exists():
            raise Invalid(
                errors.RATE_EXISTS, code="rate_exists", field="valid_from",
                params={"currency": code, "date": valid_from.isoformat()},
            )  # fmt: skip
        row = ExchangeRate(
            currency=code, valid_from=valid_from, units_per_usd=rate, recorded_by=actor
        )
        history_stamp(row, actor=actor, reason="rate recorded")
        row.save()
    return row


def _rate_clean(value: Any) -> Decimal:
    try:
        rate = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise Invalid(errors.RATE_NOT_POSITIVE, code="not_a_number", field="units_per_usd") from exc
    if not rate.is_finite() or rate <= 0:
        raise Invalid(errors.RATE_NOT_POSITIVE, code="not_positive", field="units_per_usd")
    if rate >= RATE_LIMIT or rate != rate.quantize(RATE_STEP):
        raise Invalid(errors.RATE_OUT_OF_RANGE, code="out_of_range", field="units_per_usd")
    return rate


def _reason_clean(reason: str) -> str:
    why = " ".join((reason or "").split())
    if not why:
        raise Invalid(errors.REASON_REQUIRED, code="reason_required", field="reason")
    if len(why) > REASON_MAX:
        raise Invalid(errors.REASON_TOO_LONG, code="reason_too_long", field="reason",
                      params={"limit": REASON_MAX})  # fmt: skip
    return why


def exchange_rate_correct(
    *, actor: User, rate: ExchangeRate, version: int, units_per_usd: Any, reason: str
) -> ExchangeRate:
    """Correct a rate's value (its currency and day stay: a rate of another day is a new
    record). The reason, required, is kept on the change history; the contributions it
    converts count at the new value from now on, on every page and the fact sheet."""
    _editor(actor, "exchange_rate")
    value = _rate_clean(units_per_usd)
    why = _reason_clean(reason)
    with transaction.atomic():
        row = locked_at_version(
            ExchangeRate, rate.pk, version, message=errors.STALE, code="stale_rate"
        )
        if row.units_per_usd == value:
            raise Invalid(errors.RATE_UNCHANGED, code="rate_unchanged", field="units_per_usd")
        row.units_per_usd = value
        row.version += 1
        history_stamp(row, actor=actor, reason=why)
        row.save()
    return row


def requirement_set(
    *, actor: User, operation: Operation, year: int, area: Area, amount_usd: Any,
    version: int = 0, editing: UUID | None = None,
) -> Requirement:  # fmt: skip
    """Set an operation's requirement for ``year`` and ``area``. ``editing`` is the public id
    of the requirement the editor opened (None for a new one) and ``version`` the version they
    saw of it (0 for a new one). A requirement that already exists for the operation, year and
    area but is not the one opened is refused beside the area, naming it (the editor switched
    to an area that has one), not as a stale edit; a stale edit of the one opened answers
    ``StaleVersion``. Switched to an area without one, the form sets a new requirement."""
    _editor(actor, "requirement", operation)
    amount = amount_clean(amount_usd, "amount_usd", zero=True)
    with transaction.atomic():
        row = (
            Requirement.objects.select_for_update()
            .select_related("operation", "area")
            .filter(operation=operation, year=year, area=area)
            .first()
        )
        switched = editing is not None and (row is None or row.public_id != editing)
        if row is not None and (switched or (editing is None and version == 0)):
            raise Invalid(
                errors.REQUIREMENT_EXISTS, code="requirement_exists", field="area",
                params={"area": row.area.name, "operation": row.operation.name, "year": year,
                        "amount": row.amount_usd},
            )  # fmt: skip
        seen = 0 if switched else version
        current = row.version if row is not None else 0
        if seen != current:
            raise StaleVersion(errors.STALE, code="stale_requirement", current_version=current)
        if row is None:
            row = Requirement(operation=operation, year=year, area=area, version=0)
        row.amount_usd = amount
        row.version += 1
        history_stamp(row, actor=actor, reason="requirement set")
        row.save()
    return row


def _contribution_checked(
    *, amount: Any, currency: str, received_on: dt.date, year: int, donor: Donor
) -> tuple[Decimal, str]:
    cleaned = amount_clean(amount)
    code = currency_clean(currency)
    if received_on.year != year:
        raise Invalid(
            errors.OUTSIDE_YEAR, code="outside_year", field="received_on",
            params={"date": received_on.isoformat(), "year": year},
        )  # fmt: skip
    if rate_for(code, received_on) is None:
        raise Invalid(
            errors.MISSING_RATE, code="missing_rate", field="currency",
            params={"currency": code, "date": received_on.isoformat(), "donor": donor.name,
                    "amount": cleaned},
        )  # fmt: skip
    return cleaned, code


def contribution_record(
    *, actor: User, donor: Donor, operation: Operation, year: int, amount: Any, currency: str,
    received_on: dt.date, earmarking: str, area: Area | None = None,
) -> Contribution:  # fmt: skip
    """Record money received: its currency must have a rate for the day received (unless US
    dollars), and the day must be in the contribution's year."""
    _editor(actor, "contribution", operation)
    cleaned, code = _contribution_checked(
        amount=amount, currency=currency, received_on=received_on, year=year, donor=donor
    )
    row = Contribution(
        donor=donor, operation=operation, year=year, amount=cleaned, currency=code,
        received_on=received_on, earmarking=earmarking, area=area, recorded_by=actor,
    )  # fmt: skip
    with transaction.atomic():
        history_stamp(row, actor=actor, reason="contribution recorded")
        row.save()
    return row


def contribution_update(
    *, actor: User, contribution: Contribution, version: int, amount: Any, currency: str,
    received_on: dt.date, earmarking: str, reason: str, area: Area | None = None,
) -> Contribution:  # fmt: skip
    """Correct a contribution; its donor, operation and year stay. The reason, required, is
    kept on the change history beside the values before and after."""
    _editor(actor, "contribution", contribution.operation)
    why = _reason_clean(reason)
    cleaned, code = _contribution_checked(
        amount=amount, currency=currency, received_on=received_on, year=contribution.year,
        donor=contribution.donor,
    )  # fmt: skip
    with transaction.atomic():
        row = locked_at_version(
            Contribution, contribution.pk, version, message=errors.STALE, code="stale_contribution"
        )
        row.amount, row.currency, row.received_on = cleaned, code, received_on
        row.earmarking, row.area = earmarking, area
        row.version += 1
        history_stamp(row, actor=actor, reason=why)
        row.save()
    return row
