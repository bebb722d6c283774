"""The Fellegi–Sunter model's comparisons and blocking rules, over normalised columns.

Each comparison is a Splink ``CustomComparison`` whose levels carry a short label that the
review screen shows as evidence ("exact", "other transliteration or language form",
"year only"...). The SQL is plain and portable (``=``, ``abs``, ``substr``) or comes
from Splink's level library (Jaro–Winkler, Damerau–Levenshtein, array intersection),
which writes each backend's dialect: the same settings run on DuckDB and Spark.

Term-frequency adjustment is applied to the exact levels of family and given names and of
places of birth: agreeing on ``Ахметов`` says less than agreeing on ``Нұрпейісов``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

from qorgau.matching.normalise import ExtraKind

EXACT: Final = "exact"
OTHER_FORM: Final = "other transliteration or language form"
SWAPPED: Final = "swapped with the other name"
CLOSE: Final = "close spelling"
SIMILAR: Final = "similar spelling"
DIFFERENT: Final = "different"
MISSING: Final = "missing"


def _null(column: str) -> ComparisonLevelCreator:
    return cll.CustomLevel(f"{column}_l IS NULL OR {column}_r IS NULL", MISSING).configure(
        is_null_level=True
    )


def name_comparison(part: str, *, swapped_with: str | None = None) -> ComparisonCreator:
    """Family, given name or patronymic: exact key, another reading or language form,
    (for family and given names) swapped with the other record's other name, then by
    Jaro–Winkler similarity of the keys."""
    key = f"{part}_key"
    levels: list[ComparisonLevelCreator | dict[str, Any]] = [
        _null(key),
        cll.ExactMatchLevel(key, term_frequency_adjustments=part != "patronymic").configure(
            label_for_charts=EXACT
        ),
        cll.ArrayIntersectLevel(f"{part}_alts", 1).configure(label_for_charts=OTHER_FORM),
    ]
    if swapped_with is not None:
        other = f"{swapped_with}_key"
        levels.append(cll.CustomLevel(f"{key}_l = {other}_r OR {other}_l = {key}_r", SWAPPED))
    levels += [
        cll.JaroWinklerLevel(key, 0.92).configure(label_for_charts=CLOSE),
        cll.JaroWinklerLevel(key, 0.80).configure(label_for_charts=SIMILAR),
        cll.ElseLevel().configure(label_for_charts=DIFFERENT),
    ]
    return cl.CustomComparison(levels, output_column_name=part)


def date_of_birth_comparison() -> ComparisonCreator:
    """Dates by precision: a year-only date agrees with any date of that year (weakly, as
    EM learns), and an exact 1 January, the usual placeholder, is its own weaker level."""
    levels: list[ComparisonLevelCreator | dict[str, Any]] = [
        cll.CustomLevel("dob_year_l IS NULL OR dob_year_r IS NULL", MISSING).configure(
            is_null_level=True
        ),
        cll.CustomLevel(
            "dob_l = dob_r AND substr(dob_l, 6, 5) = '01-01'",
            "exact, 1 January (a usual placeholder)",
        ),
        cll.CustomLevel("dob_l = dob_r", EXACT),
        cll.CustomLevel(
            "dob_year_l = dob_year_r AND (dob_l IS NULL OR dob_r IS NULL)", "year only"
        ),
        cll.CustomLevel("abs(dob_days_l - dob_days_r) <= 1", "one day apart"),
        cll.CustomLevel(
            "dob_year_l = dob_year_r AND substr(dob_l, 6, 2) = substr(dob_r, 9, 2)"
            " AND substr(dob_l, 9, 2) = substr(dob_r, 6, 2)",
            "day and month swapped",
        ),
        cll.DamerauLevenshteinLevel("dob", 1).configure(label_for_charts="one digit different"),
        cll.CustomLevel("dob_year_l = dob_year_r", "same year"),
        cll.CustomLevel("abs(dob_year_l - dob_year_r) <= 1", "a year apart"),
        cll.ElseLevel().configure(label_for_charts=DIFFERENT),
    ]
    return cl.CustomComparison(levels, output_column_name="date_of_birth")


def exact_comparison(
    column: str, name: str, *, term_frequencies: bool = False, typo: bool = False
) -> ComparisonCreator:
    """Exact agreement, optionally one typo (Damerau–Levenshtein 1), else different."""
    levels: list[ComparisonLevelCreator | dict[str, Any]] = [
        _null(column),
        cll.ExactMatchLevel(column, term_frequency_adjustments=term_frequencies).configure(
            label_for_charts=EXACT
        ),
    ]
    if typo:
        levels.append(cll.DamerauLevenshteinLevel(column, 1).configure(label_for_charts="one typo"))
    levels.append(cll.ElseLevel().configure(label_for_charts=DIFFERENT))
    return cl.CustomComparison(levels, output_column_name=name)


def text_comparison(column: str, name: str) -> ComparisonCreator:
    """Free text (places, addresses): exact, close, similar (Jaro–Winkler), different."""
    levels: list[ComparisonLevelCreator | dict[str, Any]] = [
        _null(column),
        cll.ExactMatchLevel(column, term_frequency_adjustments=True).configure(
            label_for_charts=EXACT
        ),
        cll.JaroWinklerLevel(column, 0.9).configure(label_for_charts=CLOSE),
        cll.JaroWinklerLevel(column, 0.8).configure(label_for_charts=SIMILAR),
        cll.ElseLevel().configure(label_for_charts=DIFFERENT),
    ]
    return cl.CustomComparison(levels, output_column_name=name)


def comparisons(
    extra: Mapping[str, ExtraKind] | None = None,
) -> list[ComparisonCreator | dict[str, Any]]:
    """All comparisons of the model, extra columns last."""
    found: list[ComparisonCreator | dict[str, Any]] = [
        name_comparison("family", swapped_with="given"),
        name_comparison("given", swapped_with="family"),
        name_comparison("patronymic"),
        exact_comparison("sex", "sex"),
        date_of_birth_comparison(),
        text_comparison("place_key", "place_of_birth"),
        exact_comparison("nationality", "nationality"),
        exact_comparison("doc_key", "document_number", typo=True),
    ]
    for column, kind in (extra or {}).items():
        if kind == "code":
            found.append(exact_comparison(column, column, term_frequencies=True, typo=True))
        else:
            found.append(text_comparison(column, column))
    return found


def blocking_rules(
    extra: Sequence[Sequence[str]] = (),
) -> list[BlockingRuleCreator | dict[str, Any]]:
    """Which pairs are compared at all: each true pair must agree on at least one rule.

    Names by key and by skeleton (other readings and typos), each with the year of
    birth or with the other name part, swapped names, and the document number; then the
    caller's ``extra`` rules (each a list of columns that must be equal)."""
    rules: list[BlockingRuleCreator | dict[str, Any]] = [
        block_on("family_key", "given_key"),
        block_on("family_key", "dob_year"),
        block_on("given_key", "dob_year"),
        {"blocking_rule": "l.family_key = r.given_key AND l.given_key = r.family_key"},
        block_on("family_skel", "given_skel", "dob_year"),
        block_on("doc_key"),
    ]
    return rules + [block_on(*columns) for columns in extra]


def training_rules() -> list[BlockingRuleCreator]:
    """Blocking rules for EM: each leaves the comparisons it does not block on free to be
    estimated, and together they estimate every comparison."""
    return [
        block_on("family_key", "given_key"),
        block_on("dob"),
    ]
