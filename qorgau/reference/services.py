"""Writes of reference data: synchronisation from the shipped data files."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from qorgau.reference import catalogue
from qorgau.reference.models import Country, Region, SpecificNeed


@transaction.atomic
def reference_data_sync() -> None:
    """Create or update every shipped row; rows added by administrators are left alone."""
    for entry in catalogue.countries():
        Country.objects.update_or_create(
            iso3=entry.iso3,
            defaults={
                "iso2": entry.iso2,
                "unhcr_code": entry.unhcr_code,
                "name_en": entry.en,
                "name_ru": entry.ru,
                "name_kk": entry.kk,
            },
        )
    countries = {c.iso3: c for c in Country.objects.all()}
    for region in catalogue.regions():
        Region.objects.update_or_create(
            code=region.code,
            defaults={
                "country": countries[region.country],
                "kato": region.kato or "",
                "name_en": region.en,
                "name_ru": region.ru,
                "name_kk": region.kk,
            },
        )
    needs = sorted(catalogue.specific_needs(), key=lambda n: (n.parent is not None, n.code))
    for need in needs:
        parent = SpecificNeed.objects.get(code=need.parent) if need.parent else None
        SpecificNeed.objects.update_or_create(
            code=need.code,
            defaults={"parent": parent, "name_en": need.en, "name_ru": need.ru, "name_kk": need.kk},
        )


def reference_data_sync_after_migrate(**kwargs: Any) -> None:
    """post_migrate receiver: keeps a migrated database's reference data current."""
    if kwargs.get("plan") == [] and Country.objects.exists():
        return
    reference_data_sync()
