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
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from qorgau.people.models import Person

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
    "dates of birth differ by more than a year": pgettext_lazy(
        "evidence", "dates of birth differ by more than a year"
    ),
    "years of birth differ by more than five years": pgettext_lazy(
        "evidence", "years of birth differ by more than five years"
    ),
    "different given names, same family name and year of birth": pgettext_lazy(
        "evidence", "different given names, same family name and year of birth"
    ),
    "the same name with other vowels": pgettext_lazy("evidence", "the same name with other vowels"),
    "a personal name (a father's name) as the family name on one side": pgettext_lazy(
        "evidence", "a personal name (a father's name) as the family name on one side"
    ),
    "same year, one date a 1 January (a usual placeholder)": pgettext_lazy(
        "evidence", "same year, one date a 1 January (a usual placeholder)"
    ),
}
#: The date rule's levels (qorgau.matching.comparisons.YEARS_APART, YEARS_APART_PARTIAL):
#: named with the number of years between the two records' years of birth.
_YEARS_APART_LEVELS = (
    "dates of birth differ by more than a year",
    "years of birth differ by more than five years",
)


@dataclass(frozen=True)
class EvidenceRow:
    comparison: str | Promise
    level: str | Promise
    weight: float | None


def evidence_rows(
    evidence: list[dict[str, Any]], pair: tuple[Person, Person] | None = None
) -> list[EvidenceRow]:
    """A candidate's stored evidence, each comparison and level named for the reviewer; with
    the ``pair`` of records, the deciding facts in words ("dates of birth differ by 19
    years", "patronymic missing on one side")."""
    rows = []
    for item in evidence:
        comparison, level = str(item.get("comparison", "")), str(item.get("level", ""))
        words = _in_words(comparison, level, pair)
        rows.append(
            EvidenceRow(
                comparison=COMPARISONS.get(comparison, comparison),
                level=LEVELS.get(level, level) if words is None else words,
                weight=item.get("weight"),
            )
        )
    return rows


def _in_words(comparison: str, level: str, pair: tuple[Person, Person] | None) -> str | None:
    """The level as the fact it stands for on this pair, or None to show the level's name."""
    if pair is None:
        return None
    first, second = pair
    if level in _YEARS_APART_LEVELS and first.birth_year and second.birth_year:
        years = abs(first.birth_year - second.birth_year)
        return npgettext(
            "evidence",
            "dates of birth differ by %(years)d year",
            "dates of birth differ by %(years)d years",
            years,
        ) % {"years": years}
    one_side = bool(first.patronymic) != bool(second.patronymic)
    if comparison == "patronymic" and level == "missing" and one_side:
        return pgettext("evidence", "patronymic missing on one side")
    return None
