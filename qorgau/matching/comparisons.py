"""The Fellegi–Sunter model's comparisons and blocking rules, over normalised columns.

Each comparison is a Splink ``CustomComparison`` whose levels carry a short label that the
review screen shows as evidence ("exact", "other transliteration or language form",
"year only"...). The SQL is plain and portable (``=``, ``abs``, ``substr``) or comes
from Splink's level library (Jaro–Winkler, Damerau–Levenshtein, array intersection),
which writes each backend's dialect: the same settings run on DuckDB and Spark.

Term-frequency adjustment is applied to the exact levels of family and given names and of
places of birth: agreeing on ``Ахметов`` says less than agreeing on ``Нұрпейісов``. The given
name's frequency is the one among records of that family name (:data:`NAMES_PAIR`, ADR 0062):
family and given names come from one language's pool, so they are not independent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator
from splink.internals.dialects import SplinkDialect

from qorgau.matching.normalise import ExtraKind
from qorgau.names.dates import YEAR_DAYS, YEARS_APART_ESTIMATE

EXACT: Final = "exact"
OTHER_FORM: Final = "other transliteration or language form"
SWAPPED: Final = "swapped with the other name"
CLOSE: Final = "close spelling"
SIMILAR: Final = "similar spelling"
DIFFERENT: Final = "different"
MISSING: Final = "missing"


def _fixed(level: ComparisonLevelCreator, m: float, u: float) -> ComparisonLevelCreator:
    """``level`` with ``m`` and ``u`` fixed: never learnt by EM (ADR 0040)."""
    return level.configure(
        m_probability=m, u_probability=u, fix_m_probability=True, fix_u_probability=True
    )


def _null(column: str) -> ComparisonLevelCreator:
    return cll.CustomLevel(f"{column}_l IS NULL OR {column}_r IS NULL", MISSING).configure(
        is_null_level=True
    )


#: The given names' level for siblings and twins: given names that are not alike (no level
#: above it) on two records of the same family name born the same year. EM on name-blocked
#: pairs counts twins among matches (they agree on all else: family name, patronymic, date,
#: place), so "different" alone weighs about -5 while a twin pair adds up to +26; this level
#: has a fixed weight of -30 (like the date rule), and gives way to an agreeing document
#: number or to :data:`EXTRA_AGREEING_TO_YIELD` agreeing extra columns.
SIBLINGS: Final = "different given names, same family name and year of birth"
SIBLINGS_U: Final = 0.05
SIBLINGS_M: Final = SIBLINGS_U * 2.0**-30
_SIBLINGS_SQL: Final = (
    "({family}) AND dob_year_l = dob_year_r AND NOT coalesce(doc_check_l = doc_check_r, FALSE)"
)


def _siblings_sql(extra: Sequence[str]) -> Callable[[SplinkDialect], str]:
    """:data:`SIBLINGS`' SQL: the same family name, also when one record wrote it in the
    given-name field (:func:`_family_crossed`, ADR 0064), and the same year."""

    def build(dialect: SplinkDialect) -> str:
        family = f"family_key_l = family_key_r OR {_family_crossed(dialect)}"
        return _yielding(_SIBLINGS_SQL.format(family=family), extra)

    return build


def name_comparison(
    part: str, *, swapped_with: str | None = None, extra: Sequence[str] | None = None
) -> ComparisonCreator:
    """Family, given name or patronymic: exact key, another reading or language form,
    (for family and given names) swapped with the other record's other name, then by
    Jaro–Winkler similarity of the keys. ``extra`` (the given name only): the level
    :data:`SIBLINGS` before "different", given way to agreeing ``extra`` columns."""
    key = f"{part}_key"
    exact: ComparisonLevelCreator = cll.ExactMatchLevel(
        key, term_frequency_adjustments=part == "family"
    )
    if part == "given":
        exact = exact.configure(
            tf_adjustment_column=NAMES_PAIR,
            tf_adjustment_weight=1.0,
            disable_tf_exact_match_detection=True,
        )
    levels: list[ComparisonLevelCreator | dict[str, Any]] = [
        _null(key),
        exact.configure(label_for_charts=EXACT),
        cll.ArrayIntersectLevel(f"{part}_alts", 1).configure(label_for_charts=OTHER_FORM),
    ]
    if swapped_with is not None:
        levels.append(_swapped_level(part))
    if part != "patronymic":
        levels.append(cll.CustomLevel(_other_vowels_sql(part), OTHER_VOWELS))
    levels += [
        cll.JaroWinklerLevel(key, 0.92).configure(label_for_charts=CLOSE),
        cll.JaroWinklerLevel(key, 0.80).configure(label_for_charts=SIMILAR),
    ]
    if extra is not None:
        levels.append(_fixed(_DialectLevel(_siblings_sql(extra), SIBLINGS), SIBLINGS_M, SIBLINGS_U))
    if part == "family":
        levels.append(
            _fixed(cll.CustomLevel(_FATHERS_NAME_SQL, FATHERS_NAME), FATHERS_NAME_P, FATHERS_NAME_P)
        )
    different = cll.ElseLevel().configure(label_for_charts=DIFFERENT)
    if part == "patronymic":
        different = _fixed(different, PATRONYMIC_DIFFERENT_M, PATRONYMIC_DIFFERENT_U)
    levels.append(different)
    return cl.CustomComparison(levels, output_column_name=part)


class _DialectLevel(ComparisonLevelCreator):
    """A level whose SQL is built for each backend's dialect by ``build`` (from the SQL
    of Splink's own levels, so that DuckDB and Spark each get their functions)."""

    def __init__(self, build: Callable[[SplinkDialect], str], label: str) -> None:
        self.build = build
        self.label_for_charts = label

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        return self.build(sql_dialect)

    def create_label_for_charts(self) -> str:
        return self.label_for_charts


def _across(level: ComparisonLevelCreator, column: str, other: str, dialect: SplinkDialect) -> str:
    """The SQL of ``level`` (a level on ``column``) comparing the left record's ``column``
    with the right record's ``other``: a name in one field against the other field."""
    return f"({level.create_sql(dialect).replace(f'{column}_r', f'{other}_r')})"


def _crossing(one: str, two: str, dialect: SplinkDialect) -> str:
    """The left record's ``one`` name (in any reading or language form) among the right
    record's ``two`` names."""
    return _across(cll.ArrayIntersectLevel(f"{one}_alts", 1), f"{one}_alts", f"{two}_alts", dialect)


def _family_crossed(dialect: SplinkDialect) -> str:
    """One record's family name is the other's given name, and the lists do not use it as
    a given name (``family_given``): a family name written in the given-name field."""
    return (
        f"(({_crossing('family', 'given', dialect)} AND NOT family_given_l)"
        f" OR ({_crossing('given', 'family', dialect)} AND NOT family_given_r))"
    )


def _swapped_level(part: str) -> ComparisonLevelCreator:
    """The names in another order or field (:data:`SWAPPED`), in any of their readings and
    language forms (``Kateryna | Hrebeniuk`` for ``Гребенюк | Екатерина``: the Ukrainian
    ``h`` is a Russian ``г``), or with one order-free key (``names_key``, which also reads a
    feminine family name written as the given name in its masculine form).

    Two crossings make a swap: one record's family name is the other's given name and the
    other way round (the second may be misspelt: a typo beside a swap). One crossing alone
    counts once, by what the crossing name is: a name the lists use as a given name
    (``family_given``) for the given names (``Мохаммади | Захра`` and ``Zahra | Gulahmad``,
    a father's name beside it), any other for the family names (``Crook | Bethany`` and
    ``Channing | Crook``). Before, one crossing counted for both, so that twins
    (``Полищук | Тарас`` and ``Ivan | Polishchuk``) shared one name twice (ADR 0064)."""

    def build(dialect: SplinkDialect) -> str:
        family_given = _crossing("family", "given", dialect)
        given_family = _crossing("given", "family", dialect)
        given_close = _across(
            cll.JaroWinklerLevel("given_key", 0.80), "given_key", "family_key", dialect
        )
        family_close = _across(
            cll.JaroWinklerLevel("family_key", 0.80), "family_key", "given_key", dialect
        )
        swap = (
            f"({family_given} AND {given_family}) OR ({family_given} AND {given_close})"
            f" OR ({given_family} AND {family_close}) OR names_key_l = names_key_r"
        )
        if part == "family":
            return f"{swap} OR {_family_crossed(dialect)}"
        return (
            f"{swap} OR ({given_family} AND family_given_r) OR ({family_given} AND family_given_l)"
        )

    return _DialectLevel(build, SWAPPED)


#: The given names' exact level is term-frequency adjusted on this column (the family and
#: the given name's keys together), not on the given name's key: its lookup
#: (:func:`qorgau.matching.normalise.names_pair_frequencies`) holds the given name's
#: frequency *among records of that family name*, shrunk towards its frequency among all
#: records (which a record without a family name keeps). Family and given names are not
#: independent: both come from one language's pool (Russian given names go with Russian
#: family names), so the product of their separate frequencies understates how often two
#: people share both, and namesakes of a frequent pair of names reached the match band on a
#: year-only date, where the date adds little to tell them apart (ADR 0062).
NAMES_PAIR: Final = "names_pair"


#: Patronymics that no level above relates (not the same key, no other form, not alike):
#: a patronymic is the father's given name, so one person's records differ so only when a
#: list writes something else in the field (about three pairs in a thousand, ``m``), while
#: two people's nearly always do (``u``): a weight of about -8.3. Fixed (ADR 0052): EM on
#: the million-record benchmark learnt ``m`` 0.0145 (a weight of -6) from name-blocked pairs
#: full of namesakes with other fathers; on lists of thousands it learns about -8.5.
PATRONYMIC_DIFFERENT_M: Final = 0.003
PATRONYMIC_DIFFERENT_U: Final = 0.97


#: The names' level for Persian and Arabic names written with other vowels (``Omid``/``Umed``,
#: ``Fereshta``/``Фаришта``, ``Laila``/``Лейла``, ``Hussaini``/``Хосейни``): the keys with
#: :func:`qorgau.names.equivalents.persian_vowels` agree, on a record of a nationality whose
#: names are Persian or Arabic (:data:`PERSIAN_NATIONALITIES`, either side). Before the
#: spelling levels (Jaro–Winkler reads ``Hussaini``/``Hosseini`` as merely "similar"); its
#: weight is learnt like theirs. Only on such records: the reduction also joins Kazakh
#: ``Асан``/``Есен`` and ``Асанов``/``Есенов``, different names, and would hide twins.
OTHER_VOWELS: Final = "the same name with other vowels"
#: Nationalities (ISO 3166 alpha-3) whose people's names are mostly Persian or Arabic.
PERSIAN_NATIONALITIES: Final = ("AFG", "IRN", "TJK")


#: Either record is of a :data:`PERSIAN_NATIONALITIES` nationality.
_PERSIAN_SQL: Final = "(nationality_l IN ({codes}) OR nationality_r IN ({codes}))".format(
    codes=", ".join(f"'{code}'" for code in PERSIAN_NATIONALITIES)
)


def _other_vowels_sql(part: str) -> str:
    column = "given_vowels" if part == "given" else "family_vowels"
    return f"{column}_l = {column}_r AND {_PERSIAN_SQL}"


#: The family names' level before "different": one record's family-name field holds a
#: personal name (``family_given``: the given name of other records of the lists, as Afghan
#: lists write the father's name where there is no family name) and the two full dates of
#: birth (neither a 1 January) agree. Weight 0 (``m`` = ``u``), fixed: the family names are
#: then no evidence either way, where "different" weighs about -6. The exact date keeps
#: namesakes out: two people of one given name born the same day are rare, while a year only
#: or a placeholder would let through every namesake of the year. Only when either record is
#: of a :data:`PERSIAN_NATIONALITIES` nationality (ADR 0052), whose lists write the father's
#: name so: elsewhere many family names are also given names of the lists (Kazakh, Uzbek),
#: and people of one given name born the same day are not rare among a million (on the
#: million-record benchmark the level without it merged 7,437 pairs of different people
#: against 882 of one person).
FATHERS_NAME: Final = "a personal name (a father's name) as the family name on one side"
FATHERS_NAME_P: Final = 0.01
_FATHERS_NAME_SQL: Final = (
    "(family_given_l OR family_given_r) AND dob_l = dob_r AND substr(dob_l, 6, 5) <> '01-01'"
    f" AND {_PERSIAN_SQL}"
)


#: The level of :func:`date_of_birth_comparison` that is the date rule (ADR 0040).
YEARS_APART: Final = "dates of birth differ by more than a year"
#: Its fixed ``u`` (about the share of random pairs of full dates more than a year apart in
#: a population spread over decades) and ``m`` (2**-60 of ``u``): a weight of -60, more than
#: every other comparison can add together (names, patronymic, place, sex, nationality with
#: their term frequencies stay below 45 on the benchmarks), so that such a pair stays below
#: the review band whatever its names. Fixed, never learnt: EM on name-blocked pairs takes
#: namesakes for matches and would learn that matches differ in date of birth.
YEARS_APART_U: Final = 0.95
YEARS_APART_M: Final = YEARS_APART_U * 2.0**-60
#: :func:`qorgau.names.dates.years_apart` in SQL, unless the document numbers agree
#: (``doc_check``: ``doc_key`` under a name the EM rule on documents does not block on).
_YEARS_APART_SQL: Final = (
    "dob_l IS NOT NULL AND dob_r IS NOT NULL"
    " AND substr(dob_l, 6, 5) <> '01-01' AND substr(dob_r, 6, 5) <> '01-01'"
    f" AND abs(dob_days_l - dob_days_r) > {YEAR_DAYS}"
    " AND NOT coalesce(doc_check_l = doc_check_r, FALSE)"
)
#: The date rule gives way when at least this many of the caller's extra columns (an
#: address, a phone, a postcode...) agree exactly: a person's date of birth mistyped beyond
#: one digit (FEBRL replaces ~4% of them) is then scored by the learnt levels, while
#: namesakes, who share names, patronymic and place and nothing else, stay under the rule.
EXTRA_AGREEING_TO_YIELD: Final = 2


#: The date rule's second level: one date known only to the year (or a 1 January, the usual
#: placeholder) and years of birth more than :data:`YEARS_APART_ESTIMATE` apart, not the
#: last two digits swapped (:func:`qorgau.names.dates.years_apart_estimated`, which the
#: registration check uses). Weaker than the
#: full rule (an estimated age can be some years off): fixed weight -20, still more than
#: names, place, sex and nationality add together on a namesake (about 22 against a prior
#: of about -11), so a namesake stays below the review band. A multiple of ten is not
#: spared: namesakes are born ten or twenty years apart as often as any other span.
YEARS_APART_PARTIAL: Final = "years of birth differ by more than five years"
YEARS_APART_PARTIAL_U: Final = 0.9
YEARS_APART_PARTIAL_M: Final = YEARS_APART_PARTIAL_U * 2.0**-20
_YEARS_APART_PARTIAL_SQL: Final = (
    "dob_year_l IS NOT NULL AND dob_year_r IS NOT NULL"
    f" AND abs(dob_year_l - dob_year_r) > {YEARS_APART_ESTIMATE}"
    " AND NOT (dob_year_l % 10 = floor(dob_year_r / 10) % 10"
    " AND dob_year_r % 10 = floor(dob_year_l / 10) % 10)"
    " AND NOT coalesce(doc_check_l = doc_check_r, FALSE)"
)


def _yielding(rule: str, extra: Sequence[str]) -> str:
    """``rule`` (the SQL of a fixed level against a match), unless
    :data:`EXTRA_AGREEING_TO_YIELD` of the ``extra`` columns agree."""
    if len(extra) < EXTRA_AGREEING_TO_YIELD:
        return rule
    agreeing = " + ".join(
        f"(CASE WHEN {column}_l = {column}_r THEN 1 ELSE 0 END)" for column in extra
    )
    return f"{rule} AND ({agreeing}) < {EXTRA_AGREEING_TO_YIELD}"


#: The same year, one of the dates a 1 January (the usual placeholder for an unknown day and
#: month) and the other not: as good as "year only", where "same year" of two full dates
#: (namesakes, siblings) says less. Learnt.
ONE_PLACEHOLDER: Final = "same year, one date a 1 January (a usual placeholder)"


#: Two dates of one year that no level above explains: two full dates (a 1 January is
#: :data:`ONE_PLACEHOLDER`) not a day apart, not day and month swapped, not one digit off.
#: One person's records rarely differ so (one pair in two thousand: :data:`SAME_YEAR_M`);
#: namesakes and siblings of one year always do. Fixed, like the date rule (ADR 0052): EM on
#: name-blocked pairs learnt it from namesakes (``m`` 0.005, a weight of about -1), and
#: names, patronymic and place then merged namesakes of one year (on the million-record
#: benchmark 2,372 false merges against 28 true). Weight about -4.3: evidence against, not a
#: veto (a mistyped month and day can happen).
SAME_YEAR: Final = "same year"
SAME_YEAR_M: Final = 0.0005
SAME_YEAR_U: Final = 0.01

#: Different document numbers, fixed (ADR 0052): one person may hold a passport, a renewed
#: passport and a refugee certificate, so about one pair of records in ten of one person
#: shows two different numbers (``m``), while nearly every pair of two people does
#: (``u``): a weight of about -3.3. EM learnt ``m`` from name-blocked pairs full of
#: namesakes (0.25, a weight of -2).
DIFFERENT_DOCUMENTS_M: Final = 0.1
DIFFERENT_DOCUMENTS_U: Final = 0.99


def _one_digit_sql(dialect: SplinkDialect) -> str:
    """Two dates one digit (or two adjacent digits) apart, unless both are a 1 January:
    two placeholders of different years are years apart, not a mistyped digit (ADR 0064)."""
    typo = cll.DamerauLevenshteinLevel("dob", 1).create_sql(dialect)
    return f"({typo}) AND NOT (substr(dob_l, 6, 5) = '01-01' AND substr(dob_r, 6, 5) = '01-01')"


def date_of_birth_comparison(extra: Sequence[str] = ()) -> ComparisonCreator:
    """Dates by precision: a year-only date agrees with any date of that year (weakly, as
    EM learns), and an exact 1 January, the usual placeholder, is its own weaker level.

    Two full dates (neither a 1 January) more than a year apart are the date rule's level
    (:data:`YEARS_APART`, fixed ``m``/``u``) unless the document numbers agree: a day and
    month swapped (the same year), a year off by one and one digit mistyped (its own level,
    before) never reach it; nor does a pair on which the ``extra`` columns agree
    (:data:`EXTRA_AGREEING_TO_YIELD`)."""
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
        _DialectLevel(_one_digit_sql, "one digit different"),
        _fixed(
            cll.CustomLevel(_yielding(_YEARS_APART_SQL, extra), YEARS_APART),
            YEARS_APART_M,
            YEARS_APART_U,
        ),
        _fixed(
            cll.CustomLevel(_yielding(_YEARS_APART_PARTIAL_SQL, extra), YEARS_APART_PARTIAL),
            YEARS_APART_PARTIAL_M,
            YEARS_APART_PARTIAL_U,
        ),
        cll.CustomLevel(
            "dob_year_l = dob_year_r"
            " AND (substr(dob_l, 6, 5) = '01-01' OR substr(dob_r, 6, 5) = '01-01')",
            ONE_PLACEHOLDER,
        ),
        _fixed(cll.CustomLevel("dob_year_l = dob_year_r", SAME_YEAR), SAME_YEAR_M, SAME_YEAR_U),
        cll.CustomLevel("abs(dob_year_l - dob_year_r) <= 1", "a year apart"),
        cll.ElseLevel().configure(label_for_charts=DIFFERENT),
    ]
    return cl.CustomComparison(levels, output_column_name="date_of_birth")


def exact_comparison(
    column: str,
    name: str,
    *,
    term_frequencies: bool = False,
    typo: bool = False,
    different: tuple[float, float] | None = None,
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
    if different is None:
        levels.append(cll.ElseLevel().configure(label_for_charts=DIFFERENT))
    else:
        levels.append(_fixed(cll.ElseLevel().configure(label_for_charts=DIFFERENT), *different))
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
        name_comparison("given", swapped_with="family", extra=list(extra or {})),
        name_comparison("patronymic"),
        exact_comparison("sex", "sex"),
        date_of_birth_comparison(list(extra or {})),
        text_comparison("place_key", "place_of_birth"),
        exact_comparison("nationality", "nationality"),
        exact_comparison(
            "doc_key",
            "document_number",
            typo=True,
            different=(DIFFERENT_DOCUMENTS_M, DIFFERENT_DOCUMENTS_U),
        ),
    ]
    for column, kind in (extra or {}).items():
        if kind == "code":
            found.append(exact_comparison(column, column, term_frequencies=True, typo=True))
        else:
            found.append(text_comparison(column, column))
    return found


#: A blocking rule that would compare more pairs than this is replaced by its narrower rules.
#: Names and years of birth repeat: on a million records of this region the same family and
#: given name (or family name and year) pairs 35-60 million records, more than DuckDB scores
#: in a minute on two cores, while the narrower rules (the same with the year, or the date,
#: or the patronymic) pair about a million each and keep as many true pairs. Small lists
#: (FEBRL, the generated source lists: tens of thousands of pairs at most) never reach it.
MAX_RULE_PAIRS = 10_000_000
#: The same limit for the rules of rare classes of records (:attr:`Rule.max_pairs`): a name
#: crossing fields, a typo in one name beside a year-only or missing date. Each finds a few
#: hundred true pairs in a million records, so it must not add millions of candidate pairs:
#: on the million-record benchmark the given name against the other family name with the
#: year added 2.5 million pairs for 1,039 true pairs no other rule found, and the given name
#: with the family name's tail and the year 3.5 million for 357, half of what was scored and
#: a third of the run (ADR 0067). Small lists never reach it (see :data:`MAX_RULE_PAIRS`).
MAX_RARE_RULE_PAIRS = 1_000_000


@dataclass(frozen=True)
class Rule:
    """Pairs whose ``left`` columns on one side equal the ``right`` columns on the other
    (the same columns, or the other name part for swapped names), and the rules used
    instead when this one pairs too many records."""

    left: tuple[str, ...]
    right: tuple[str, ...] = ()
    narrower: tuple[Rule, ...] = ()
    #: The rule whose number of pairs decides whether this one is narrowed (itself if None).
    measured_by: Rule | None = None
    #: Columns of which each must be missing on at least one of the two records: the pairs
    #: no other rule could make (not counted by :func:`count_pairs`, which so counts more
    #: pairs than the rule makes).
    missing: tuple[str, ...] = ()
    #: Above this many pairs the rule is replaced by its narrower rules (which are measured
    #: in turn): :data:`MAX_RULE_PAIRS`, or :data:`MAX_RARE_RULE_PAIRS` for a rare class.
    max_pairs: int = MAX_RULE_PAIRS

    def implied_by(self, other: Rule) -> bool:
        """Every pair this rule makes is one ``other`` makes (the same columns compared the
        same way, ``other`` on fewer of them): this rule adds nothing after ``other``."""
        if other.missing and other.missing != self.missing:
            return False
        pairs = set(zip(self.left, self.right_columns, strict=True))
        return set(zip(other.left, other.right_columns, strict=True)) <= pairs

    @property
    def right_columns(self) -> tuple[str, ...]:
        return self.right or self.left

    def creator(self) -> BlockingRuleCreator | dict[str, Any]:
        if not self.right and not self.missing:
            return block_on(*self.left)
        conditions = [
            f"l.{left} = r.{right}"
            for left, right in zip(self.left, self.right_columns, strict=True)
        ]
        conditions += [f"(l.{column} IS NULL OR r.{column} IS NULL)" for column in self.missing]
        return {"blocking_rule": " AND ".join(conditions)}


def _swapped(*more: str) -> Rule:
    return Rule(("family_key", "given_key", *more), ("given_key", "family_key", *more))


#: Names by key and by skeleton (other readings and typos), each with the year of birth or
#: with the other name part, swapped names, and the document number. Narrower rules add the
#: year of birth to names, or replace the year by the date or add the patronymic; swapped
#: names are narrowed with names (on the same blocks) and then also compared by skeleton (a
#: feminine family name written in the given-name field keeps its ending in the key, not in
#: the skeleton).
_NAMES: Final = Rule(
    ("family_key", "given_key"), narrower=(Rule(("family_key", "given_key", "dob_year")),)
)
RULES: Final = (
    _NAMES,
    Rule(
        ("family_key", "dob_year"),
        narrower=(
            Rule(("family_key", "dob")),
            Rule(("family_key", "patronymic_key", "dob_year")),
        ),
    ),
    Rule(
        ("given_key", "dob_year"),
        narrower=(Rule(("given_key", "dob")), Rule(("given_key", "patronymic_key", "dob_year"))),
    ),
    Rule(
        ("family_key", "given_key"),
        ("given_key", "family_key"),
        narrower=(
            _swapped("dob_year"),
            Rule(
                ("family_skel", "given_skel", "dob_year"), ("given_skel", "family_skel", "dob_year")
            ),
        ),
        measured_by=_NAMES,
    ),
    Rule(("family_skel", "given_skel", "dob_year")),
    # The names in any order and field, in other language forms (normalise.names_key),
    # and so by skeleton (typos, other readings), without the year: a typo or a swap
    # often comes with a missing date. Narrowed with the year on large data.
    Rule(("names_key",), narrower=(Rule(("names_key", "dob_year")),)),
    Rule(("names_skel",), narrower=(Rule(("names_skel", "dob_year")),)),
    # The given name in its canonical words with the year: Afghan records that have no
    # family name on one side, or Mohammad on one side only.
    Rule(("given_canon", "dob_year"), narrower=(Rule(("given_canon", "dob")),)),
    # The same where the year cannot pair them (a missing date) and one record has no
    # family name (``| Farid`` with ``Wardak | Muhammad Farid``), and
    # the given name in the other record's family-name field with the year (a swap beside a
    # father's name: ``Мохаммади | Захра`` and ``Zahra | Gulahmad``), both ways. Narrowed
    # to the date on large data (ADR 0064).
    Rule(
        ("given_canon",),
        narrower=(Rule(("given_canon", "dob")),),
        missing=("family_key", "dob_year"),
    ),
    *(
        Rule(
            (one, "dob_year"),
            (other, "dob_year"),
            narrower=(Rule((one, "dob"), (other, "dob")),),
            max_pairs=MAX_RARE_RULE_PAIRS,
        )
        for one, other in (("given_canon", "family_canon"), ("family_canon", "given_canon"))
    ),
    # The same with Persian vowels reduced (``Laila``/``Лейла``, ``Omid``/``Umed``).
    Rule(("given_vowels", "dob_year"), narrower=(Rule(("given_vowels", "dob")),)),
    # One name's key with the head or the tail of the other's (normalise.key_ends): a typo
    # in that other name with a year-only or missing date (ADR 0052). Narrowed with the year
    # on large data, and then to the date where that still pairs too many (ADR 0067): the
    # names and the date pair them already, so on such data the rule is left out.
    *(
        Rule(
            (key, f"{other}_{end}"),
            narrower=(
                Rule(
                    (key, f"{other}_{end}", "dob_year"),
                    narrower=(Rule((key, f"{other}_{end}", "dob")),),
                    max_pairs=MAX_RARE_RULE_PAIRS,
                ),
            ),
        )
        for key, other in (("family_key", "given"), ("given_key", "family"))
        for end in ("head", "tail")
    ),
    Rule(("doc_key",)),
)


def blocking_rules(
    extra: Sequence[Sequence[str]] = (),
    pairs: Callable[[Rule], int] | None = None,
) -> list[BlockingRuleCreator | dict[str, Any]]:
    """Which pairs are compared at all: each true pair must agree on at least one rule.

    :data:`RULES`, each replaced by its narrower rules where ``pairs`` (the number of pairs
    a rule makes on the data to be scored) exceeds its :attr:`Rule.max_pairs`, and these in
    turn; a rule whose pairs an earlier rule already makes is left out (it would cost a join
    and add nothing). Then the caller's ``extra`` rules (each a list of columns that must
    be equal)."""
    chosen: list[Rule] = []
    for rule in RULES:
        for found in _narrowed(rule, pairs):
            if not any(found.implied_by(earlier) for earlier in chosen):
                chosen.append(found)
    return [rule.creator() for rule in chosen] + [block_on(*columns) for columns in extra]


def _narrowed(rule: Rule, pairs: Callable[[Rule], int] | None) -> list[Rule]:
    """``rule``, or its narrower rules (each narrowed in turn) where it pairs too many."""
    if rule.narrower and pairs is not None and pairs(rule.measured_by or rule) > rule.max_pairs:
        return [found for narrower in rule.narrower for found in _narrowed(narrower, pairs)]
    return [rule]


#: Records counted at most, by :func:`count_pairs`; from a sample the count is scaled up.
COUNT_SAMPLE = 200_000


def count_pairs(rule: Rule, frames: Sequence[pd.DataFrame]) -> int:
    """How many pairs ``rule`` makes within one frame (deduplication) or across two:
    exactly up to :data:`COUNT_SAMPLE` records, else estimated from a seeded sample of that
    many (pairs grow with the square of the records)."""
    return pair_counter(frames)(rule)


def pair_counter(frames: Sequence[pd.DataFrame]) -> Callable[[Rule], int]:
    """:func:`count_pairs` for many rules on the same ``frames``: the sample is drawn once
    (the same rows for every rule, as the seed makes them), not once per rule."""
    share = min(1.0, COUNT_SAMPLE / sum(len(frame) for frame in frames))
    if share < 1:
        frames = [frame.sample(frac=share, random_state=0) for frame in frames]

    def count(rule: Rule) -> int:
        return round(_count_pairs(rule, frames) / share**2)

    return count


def _count_pairs(rule: Rule, frames: Sequence[pd.DataFrame]) -> int:
    left = _block_sizes(frames[0], rule.left)
    right = _block_sizes(frames[-1], rule.right_columns)
    if rule.right:  # swapped: index the right blocks by the left rule's column order
        right = right.rename_axis(list(rule.left))
    common = left.to_frame("left").join(right.to_frame("right"), how="inner")
    products = int((common["left"] * common["right"]).sum())
    if len(frames) > 1:
        return products
    if not rule.right:
        return (products - int(left.sum())) // 2
    return products // 2


def _block_sizes(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    # Only the rule's columns are taken: dropping rows across the whole frame copies every
    # column (the name readings are lists), most of the time of counting a million records.
    return frame[list(columns)].dropna().groupby(list(columns), sort=False).size()


#: The EM rule on names is narrowed when it pairs more than this many times the matches
#: the prior expects among all pairs: EM then sees mostly different people of the same name
#: (on a million records of this region, ~90 per true pair) and takes them for the matches,
#: learning that matches differ in date of birth. FEBRL and the generated lists: 0.4-2.
MAX_EM_PAIRS_PER_MATCH = 5
#: The EM rule on names (``m`` of dates, patronymic, sex, place, document).
EM_NAMES: Final = Rule(("family_key", "given_key"))


def training_rules(*, narrow: bool = False) -> list[BlockingRuleCreator]:
    """Blocking rules for EM: each leaves the comparisons it does not block on free to be
    estimated, and together they estimate every comparison.

    ``narrow`` (see :data:`MAX_EM_PAIRS_PER_MATCH`): names with the year of birth, which
    leaves dates to the third rule, the document number (pairs that are nearly all
    matches; without documents, dates keep the ``m`` of their level definitions)."""
    if narrow:
        return [
            block_on("family_key", "given_key", "dob_year"),
            block_on("dob"),
            block_on("doc_key"),
        ]
    return [
        block_on(*EM_NAMES.left),
        block_on("dob"),
    ]
