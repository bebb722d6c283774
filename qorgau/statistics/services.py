"""Writes of the statistics app: fact sheet texts (by managers) and the demo's 2024 data.
Statistics never writes registry records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from qorgau.errors import NotAllowed
from qorgau.organisations.models import User
from qorgau.reference.models import Country
from qorgau.statistics import errors
from qorgau.statistics.access import factsheet_countries
from qorgau.statistics.models import Contact, FactSheetText

DATA = Path(__file__).resolve().parent / "data"


@transaction.atomic
def factsheet_text_save(
    *, actor: User, country: Country, language: str, block: str, text: str
) -> FactSheetText:
    """Replace one narrative block; only managers of the country's agency office may."""
    if country.iso3 not in factsheet_countries(actor):
        raise NotAllowed(
            errors.NOT_YOUR_COUNTRY, code="not_your_country", params={"country": country.iso3}
        )
    entry, _ = FactSheetText.objects.select_for_update().get_or_create(
        country=country, language=language, block=block, defaults={"text": text.strip()}
    )
    entry.text = text.strip()
    entry.updated_by = actor
    entry.save()
    return entry


@transaction.atomic
def factsheet_seed(country: str = "KAZ") -> bool:
    """Load the country's 2024 fact sheet (texts, contacts) unless it already has texts. Called
    by ``qorgau generate`` and ``qorgau demo``; its funding and donors are the funding app's
    records (``population/funding.py``)."""
    path = DATA / f"factsheet-{country}.yaml"
    office = Country.objects.filter(iso3=country).first()
    if office is None or not path.exists():
        return False
    if FactSheetText.objects.filter(country=office).exists():
        return False
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    FactSheetText.objects.bulk_create(
        FactSheetText(country=office, language=language, block=block, text=text.strip())
        for block, texts in data["texts"].items()
        for language, text in texts.items()
    )
    Contact.objects.bulk_create(
        Contact(
            country=office,
            name=c["name"],
            email=c["email"],
            order=i,
            **{f"title_{lang}": c["title"][lang] for lang in ("en", "ru", "kk")},
        )
        for i, c in enumerate(data["contacts"])
    )
    return True
