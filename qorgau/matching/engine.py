"""``match()``: find the pairs of records that are one person, with the evidence."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal

import numpy as np
import pandas as pd
from splink import DuckDBAPI, Linker, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator

from qorgau.matching.comparisons import (
    MAX_RULE_PAIRS,
    NAMES_PAIR,
    blocking_rules,
    count_pairs,
    pair_counter,
)
from qorgau.matching.model import (
    SEED,
    LinkType,
    Model,
    new_settings,
    rules_for,
    train,
    with_labels,
)
from qorgau.matching.normalise import (
    ExtraKind,
    columns_of,
    mark_family_given,
    names_pair_frequencies,
    normalise,
)
from qorgau.matching.records import ImpossibleDateFound, check_columns

#: Pairs at or above this probability are the same person (fixed before any benchmark
#: looked at labels; see README).
THRESHOLD = 0.95
#: Pairs at or above this probability and below the threshold go to human review.
REVIEW_THRESHOLD = 0.5

type Records = pd.DataFrame | Sequence[Mapping[str, Any]]
type Progress = Callable[[str, float], None]
type Backend = Literal["duckdb", "spark"]

#: Names of the registered input tables (never ``left``/``right``: reserved in SQL).
_TABLES = ("records_a", "records_b")


@dataclass(frozen=True, slots=True)
class Evidence:
    """How one comparison of a pair came out: its level and that level's match weight."""

    comparison: str
    level: str
    match_weight: float


@dataclass(frozen=True, slots=True)
class Pair:
    left_id: str
    right_id: str
    probability: float
    match_weight: float
    evidence: tuple[Evidence, ...]
    #: One-to-one linkage: one of the two records is already linked, at a higher
    #: probability, to another record; the pair goes to review whatever its probability.
    linked_elsewhere: bool = False


@dataclass(frozen=True)
class MatchResult:
    """Every pair at or above ``review_threshold``, most probable first, and the dates of
    birth that could not be one (compared as missing)."""

    pairs: list[Pair]
    threshold: float
    review_threshold: float
    model: Model
    impossible_dates: list[ImpossibleDateFound] = field(default_factory=list)

    def _is_match(self, pair: Pair) -> bool:
        return pair.probability >= self.threshold and not pair.linked_elsewhere

    @property
    def matches(self) -> list[Pair]:
        """The pairs judged the same person."""
        return [pair for pair in self.pairs if self._is_match(pair)]

    @property
    def review(self) -> list[Pair]:
        """The pairs for human review: the band below the threshold, and (one-to-one
        linkage) the pairs above it whose record is linked elsewhere."""
        return [pair for pair in self.pairs if not self._is_match(pair)]

    def to_frame(self) -> pd.DataFrame:
        """``left_id, right_id, probability, match_weight`` of every pair."""
        return pd.DataFrame(
            [(p.left_id, p.right_id, p.probability, p.match_weight) for p in self.pairs],
            columns=["left_id", "right_id", "probability", "match_weight"],
        )


def _quiet(stage: str, fraction: float) -> None:
    """The default progress callback: report nothing."""


def prepare(
    data: Records,
    *,
    source: str,
    extra: Mapping[str, ExtraKind] | None = None,
    impossible: list[ImpossibleDateFound] | None = None,
) -> pd.DataFrame:
    """Check records (ids, dates; :class:`MatchInputError` naming ``source``) and
    normalise them to the model's columns. A frame is read column by column. Impossible
    dates are normalised as missing and added to ``impossible``."""
    records = data if isinstance(data, pd.DataFrame) else list(data)
    cells = columns_of(records)
    found = check_columns(cells("id"), cells("date_of_birth"), source=source)
    if impossible is not None:
        impossible += found
    return normalise(records, extra)


def match(
    left: Records,
    right: Records | None = None,
    *,
    threshold: float = THRESHOLD,
    review_threshold: float = REVIEW_THRESHOLD,
    model: Model | None = None,
    extra: Mapping[str, ExtraKind] | None = None,
    blocking: Sequence[Sequence[str]] = (),
    backend: Backend = "duckdb",
    spark: Any = None,
    progress: Progress = _quiet,
    training_sample: int | None = None,
    sources: tuple[str, str] = ("left", "right"),
    one_to_one: bool = False,
    labels: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]] = (),
) -> MatchResult:
    """Link ``left`` to ``right``, or find the duplicates within ``left``.

    Records are mappings (or frame rows) with the columns of
    :data:`qorgau.matching.records.COLUMNS`; ``extra`` names further columns to compare
    (``"code"``: exact or one typo; ``"text"``: Jaro–Winkler) and ``blocking`` adds
    blocking rules (lists of columns that must be equal). Without ``model`` one is
    trained on the data; pass a saved :class:`Model` to score without training.
    ``backend="spark"`` runs on ``spark`` (a ``SparkSession``; one is made with
    :func:`qorgau.matching.spark.local_session` when ``None``). With ``training_sample``,
    a model is trained on at most that many records (a seeded random sample, the same share
    of each side), then scores all of them: for large data, where training on everything
    costs more than it brings.

    ``one_to_one`` (linking two lists that each hold one row per person): each record is
    linked to at most one other, the most probable pair first; a pair above the threshold
    whose record is already linked is kept for review (``Pair.linked_elsewhere``), never
    dropped. Off by default (lists often hold duplicates), and when deduplicating.

    ``labels`` are pairs of records a reviewer decided are the same person (they need not
    be in ``left`` or ``right``: merged records are not): a model trained here blends
    their comparison levels into its ``m`` (:func:`qorgau.matching.model.with_labels`).

    ``sources`` name the two lists in errors and in :attr:`MatchResult.impossible_dates`
    (dates of birth that cannot be one, compared as missing).

    Blocking rules are chosen for the data being scored: where one would pair more than
    :data:`qorgau.matching.comparisons.MAX_RULE_PAIRS` records, its narrower rules are used.
    """
    if not 0 <= review_threshold <= threshold <= 1:
        raise ValueError("thresholds must satisfy 0 <= review_threshold <= threshold <= 1")
    extra = dict(model.extra if model is not None else (extra or {}))
    progress("normalising", 0.0)
    impossible: list[ImpossibleDateFound] = []
    frames = [prepare(left, source=sources[0], extra=extra, impossible=impossible)]
    if right is not None:
        frames.append(prepare(right, source=sources[1], extra=extra, impossible=impossible))
    mark_family_given(frames)
    link_type: LinkType = "link_only" if right is not None else "dedupe_only"
    if model is not None:
        blocking = model.blocking
    rules = _blocking_rules(frames, blocking)
    if model is None:
        progress("training", 0.2)
        sample = _sample(frames, training_sample)
        linker = _linker(sample, link_type, None, extra, blocking, backend, spark, rules)
        train(
            linker,
            pairs=lambda rule: count_pairs(rule, sample),
            possible_pairs=_possible_pairs(sample),
        )
        model = Model(
            settings=linker.misc.save_model_to_json(),
            extra=extra,
            blocking=[list(rule) for rule in blocking],
        )
        if labels:
            model = with_labels(model, _label_levels(labels, model, extra))
        if sample is not frames or labels:
            linker = _linker(frames, link_type, model, extra, blocking, backend, spark, rules)
    else:
        linker = _linker(frames, link_type, model, extra, blocking, backend, spark, rules)
    progress("scoring", 0.6)
    scored = linker.inference.predict(threshold_match_probability=review_threshold)
    progress("collecting pairs", 0.9)
    table = _scored_frame(scored, model)
    progress("done", 1.0)
    pairs = list(_pairs(table, model, link_type))
    pairs.sort(key=lambda pair: (-pair.probability, pair.left_id, pair.right_id))
    if one_to_one and link_type == "link_only":
        pairs = one_to_one_links(pairs, threshold)
    return MatchResult(pairs, threshold, review_threshold, model, impossible)


#: The column that pairs each labelled record with its other half (:func:`_label_levels`).
_LABEL_KEY = "label_key"


def _label_levels(
    labels: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]],
    model: Model,
    extra: Mapping[str, ExtraKind],
) -> dict[str, list[int]]:
    """The comparison level (value; -1 missing) each labelled pair reaches under ``model``:
    the pairs scored by a link of their two halves blocked on the pair's number."""
    halves = []
    for side in range(2):
        frame = normalise(
            [{**pair[side], "id": str(index)} for index, pair in enumerate(labels)], extra
        )
        frame[_LABEL_KEY] = range(len(labels))
        halves.append(frame)
    rule = block_on(_LABEL_KEY)
    linker = _linker(halves, "link_only", model, extra, (), "duckdb", None, [rule])
    table = linker.inference.predict().as_pandas_dataframe()
    return {
        name: [int(value) for value in table[f"gamma_{name}"].tolist()] for name in model.levels()
    }


def one_to_one_links(pairs: list[Pair], threshold: float) -> list[Pair]:
    """``pairs`` (most probable first) with each record in at most one pair at or above
    ``threshold``: a pair whose left or right record is already in a more probable one is
    marked :attr:`Pair.linked_elsewhere` (ADR 0040)."""
    linked: tuple[set[str], set[str]] = (set(), set())
    found = []
    for pair in pairs:
        if pair.probability >= threshold:
            if pair.left_id in linked[0] or pair.right_id in linked[1]:
                pair = replace(pair, linked_elsewhere=True)
            else:
                linked[0].add(pair.left_id)
                linked[1].add(pair.right_id)
        found.append(pair)
    return found


def _blocking_rules(
    frames: list[pd.DataFrame], blocking: Sequence[Sequence[str]]
) -> list[BlockingRuleCreator | dict[str, Any]]:
    """The blocking rules for these frames: rules that would pair too many records narrowed
    (counting only where there are enough records for that to happen)."""
    if _possible_pairs(frames) <= MAX_RULE_PAIRS:
        return blocking_rules(blocking)
    return blocking_rules(blocking, cache(pair_counter(frames)))


def _possible_pairs(frames: list[pd.DataFrame]) -> int:
    """All pairs of records: within one frame, or across two."""
    sizes = [len(frame) for frame in frames]
    return sizes[0] * sizes[1] if len(sizes) > 1 else sizes[0] * (sizes[0] - 1) // 2


def _sample(frames: list[pd.DataFrame], size: int | None) -> list[pd.DataFrame]:
    """At most ``size`` records, the same seeded share of each frame (``frames`` itself if
    they are no more)."""
    total = sum(len(frame) for frame in frames)
    if size is None or total <= size:
        return frames
    share = size / total
    return [frame.sample(frac=share, random_state=SEED).reset_index(drop=True) for frame in frames]


def _linker(
    frames: list[pd.DataFrame],
    link_type: LinkType,
    model: Model | None,
    extra: Mapping[str, ExtraKind],
    blocking: Sequence[Sequence[str]],
    backend: Backend,
    spark: Any,
    rules: Sequence[BlockingRuleCreator | dict[str, Any]],
) -> Linker:
    lookup = names_pair_frequencies(frames)
    if backend == "spark":
        from qorgau.matching.spark import spark_api, to_spark

        spark_db = spark_api(spark)
        tables = [
            spark_db.register(to_spark(spark_db.spark, frame), table_name=name)
            for frame, name in zip(frames, _TABLES, strict=False)
        ]
        frequencies = spark_db.register(
            to_spark(spark_db.spark, lookup), table_name=f"tf_lookup_{NAMES_PAIR}"
        )
    else:
        duck_db = DuckDBAPI()
        tables = [
            duck_db.register(frame, table_name=name)
            for frame, name in zip(frames, _TABLES, strict=False)
        ]
        frequencies = duck_db.register(lookup, table_name=f"tf_lookup_{NAMES_PAIR}")
    if model is not None:
        settings: Any = model.settings_for(link_type, backend)
        settings["blocking_rules_to_generate_predictions"] = rules_for(rules, backend)
    else:
        settings = new_settings(link_type, extra, blocking, rules)
    linker = Linker(tables, settings, log_level=logging.ERROR)
    # The pair of names' frequencies are the given name's among that family name's records,
    # not what Splink would count from the column (normalise.names_pair_frequencies).
    linker.table_management.register_term_frequency_lookup(frequencies, NAMES_PAIR)
    return linker


def _scored_frame(scored: Any, model: Model) -> pd.DataFrame:
    """The columns of Splink's predictions that pairs are made of (not the compared values,
    which Splink keeps too and which would cost memory on large data)."""
    wanted = {"unique_id_l", "unique_id_r", "source_dataset_l", "match_probability"}
    wanted.add("match_weight")
    for name in model.levels():
        wanted |= {f"gamma_{name}", f"mw_{name}", f"mw_tf_adj_{name}"}
    columns = [column.name for column in scored.columns if column.unquote().name in wanted]
    sql = f"SELECT {', '.join(columns)} FROM {{this}}"  # noqa: S608 (Splink's own column names)
    return scored.query_sql(sql).as_pandas_dataframe()


def _evidence(
    name: str, labels: Mapping[int, str], gammas: np.ndarray, weights: np.ndarray
) -> list[Evidence]:
    """One comparison's :class:`Evidence` for each pair: one object per distinct level and
    weight, found for all pairs at once (by codes, not a look-up per pair)."""
    levels, level_values = pd.factorize(gammas)
    weighed, weight_values = pd.factorize(weights, use_na_sentinel=False)
    keys, inverse = np.unique(
        levels.astype(np.int64) * len(weight_values) + weighed, return_inverse=True
    )
    found = np.empty(len(keys), dtype=object)
    for index, key in enumerate(keys.tolist()):
        level, weight = divmod(key, len(weight_values))
        found[index] = Evidence(
            name, labels[int(level_values[level])], float(weight_values[weight])
        )
    return found[inverse.ravel()].tolist()


def _pairs(table: pd.DataFrame, model: Model, link_type: LinkType) -> Iterable[Pair]:
    """Pairs with their evidence, column by column (one :class:`Evidence` per distinct
    level and weight of a comparison, shared by the pairs that have it)."""
    left = [str(value) for value in table["unique_id_l"].tolist()]
    right = [str(value) for value in table["unique_id_r"].tolist()]
    if link_type == "link_only" and "source_dataset_l" in table:
        for index, source in enumerate(table["source_dataset_l"].tolist()):
            if source == _TABLES[1]:
                left[index], right[index] = right[index], left[index]
    columns = []
    for name, values in model.levels().items():
        labels = dict(values)
        weights = table[f"mw_{name}"].to_numpy(dtype=float)
        if f"mw_tf_adj_{name}" in table:
            adjustments = table[f"mw_tf_adj_{name}"].to_numpy(dtype=float)
            weights = weights + np.nan_to_num(adjustments, nan=0.0)
        columns.append(_evidence(name, labels, table[f"gamma_{name}"].to_numpy(), weights))
    for left_id, right_id, probability, weight, evidence in zip(
        left,
        right,
        table["match_probability"].tolist(),
        table["match_weight"].tolist(),
        zip(*columns, strict=True),
        strict=True,
    ):
        yield Pair(left_id, right_id, float(probability), float(weight), tuple(evidence))
