"""The matching model's evidence as a reviewer reads it, in the page's language.

The engine names its comparisons and their levels in English (``qorgau/matching``, which the
command line and benchmarks also print); the review queue shows them through these tables.
A name the tables do not know (a comparison of an extra column) is shown as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

COMPARISONS: dict[str, Promise] = {
    "family": _("Family name"),
    "given": _("Given name"),
    "patronymic": _("Patronymic or father's name"),
    "sex": _("Sex"),
    "date_of_birth": _("Date of birth"),
    "place_of_birth": _("Place of birth"),
    "nationality": _("Country of citizenship"),
    "document_number": pgettext_lazy("evidence", "Document number"),
}

LEVELS: dict[str, Promise] = {
    "exact": pgettext_lazy("evidence", "exact"),
    "other transliteration or language form": pgettext_lazy(
        "evidence", "other transliteration or language form"
    ),
    "swapped with the other name": pgettext_lazy("evidence", "swapped with the other name"),
    "close spelling": pgettext_lazy("evidence", "close spelling"),
    "similar spelling": pgettext_lazy("evidence", "similar spelling"),
    "different": pgettext_lazy("evidence", "different"),
    "missing": pgettext_lazy("evidence", "missing in one record or both"),
    "exact, 1 January (a usual placeholder)": pgettext_lazy(
        "evidence", "exact, 1 January (a usual placeholder)"
    ),
    "year only": pgettext_lazy("evidence", "year only"),
    "one day apart": pgettext_lazy("evidence", "one day apart"),
    "day and month swapped": pgettext_lazy("evidence", "day and month swapped"),
    "one digit different": pgettext_lazy("evidence", "one digit different"),
    "same year": pgettext_lazy("evidence", "same year"),
    "a year apart": pgettext_lazy("evidence", "a year apart"),
    "one typo": pgettext_lazy("evidence", "one typo"),
}


@dataclass(frozen=True)
class EvidenceRow:
    comparison: str | Promise
    level: str | Promise
    weight: float | None


def evidence_rows(evidence: list[dict[str, Any]]) -> list[EvidenceRow]:
    """A candidate's stored evidence, each comparison and level named for the reviewer."""
    rows = []
    for item in evidence:
        comparison, level = str(item.get("comparison", "")), str(item.get("level", ""))
        rows.append(
            EvidenceRow(
                comparison=COMPARISONS.get(comparison, comparison),
                level=LEVELS.get(level, level),
                weight=item.get("weight"),
            )
        )
    return rows
