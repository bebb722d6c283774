"""Registration numbers: ``KAZ-24-000123`` for people, ``KAZ-24-H00045`` for households."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from qorgau.people.models import RegistrationCounter
from qorgau.reference.models import Country

PERSON = "P"
HOUSEHOLD = "H"


def registration_number_allocate(*, country: Country, kind: str) -> str:
    """The next number of the country office for this year, without gaps or duplicates.

    The counter row is locked (``select_for_update``) until the caller's transaction ends, so
    two registrations at once wait for each other; a rolled-back registration returns its
    number with it.
    """
    year = timezone.localdate().year
    with transaction.atomic():
        RegistrationCounter.objects.get_or_create(country=country, year=year, kind=kind)
        counter = RegistrationCounter.objects.select_for_update().get(
            country=country, year=year, kind=kind
        )
        counter.last_value += 1
        counter.save(update_fields=["last_value"])
    return registration_number_format(
        iso3=country.iso3, year=year, kind=kind, value=counter.last_value
    )


def registration_number_format(*, iso3: str, year: int, kind: str, value: int) -> str:
    prefix = f"{iso3}-{year % 100:02d}-"
    if kind == HOUSEHOLD:
        return f"{prefix}H{value:05d}"
    return f"{prefix}{value:06d}"
