"""``match()``: find the pairs of records that are one person, with the evidence."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from splink import DuckDBAPI, Linker

from qorgau.matching.model import LinkType, Model, new_settings, train
from qorgau.matching.normalise import ExtraKind, normalise
from qorgau.matching.records import check_records

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


@dataclass(frozen=True)
class MatchResult:
    """Every pair at or above ``review_threshold``, most probable first."""

    pairs: list[Pair]
    threshold: float
    review_threshold: float
    model: Model

    @property
    def matches(self) -> list[Pair]:
        """The pairs judged the same person."""
        return [pair for pair in self.pairs if pair.probability >= self.threshold]

    @property
    def review(self) -> list[Pair]:
        """The pairs in the human-review band, below the threshold."""
        return [pair for pair in self.pairs if pair.probability < self.threshold]

    def to_frame(self) -> pd.DataFrame:
        """``left_id, right_id, probability, match_weight`` of every pair."""
        return pd.DataFrame(
            [(p.left_id, p.right_id, p.probability, p.match_weight) for p in self.pairs],
            columns=["left_id", "right_id", "probability", "match_weight"],
        )


def _quiet(stage: str, fraction: float) -> None:
    """The default progress callback: report nothing."""


def _as_records(data: Records) -> list[Mapping[str, Any]]:
    if isinstance(data, pd.DataFrame):
        return data.to_dict("records")
    return list(data)


def prepare(
    data: Records, *, source: str, extra: Mapping[str, ExtraKind] | None = None
) -> pd.DataFrame:
    """Check records (ids, dates; :class:`MatchInputError` naming ``source``) and
    normalise them to the model's columns."""
    records = _as_records(data)
    check_records(records, source=source)
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
) -> MatchResult:
    """Link ``left`` to ``right``, or find the duplicates within ``left``.

    Records are mappings (or frame rows) with the columns of
    :data:`qorgau.matching.records.COLUMNS`; ``extra`` names further columns to compare
    (``"code"``: exact or one typo; ``"text"``: Jaro–Winkler) and ``blocking`` adds
    blocking rules (lists of columns that must be equal). Without ``model`` one is
    trained on the data; pass a saved :class:`Model` to score without training.
    ``backend="spark"`` runs on ``spark`` (a ``SparkSession``; one is made with
    :func:`qorgau.matching.spark.local_session` when ``None``).
    """
    if not 0 <= review_threshold <= threshold <= 1:
        raise ValueError("thresholds must satisfy 0 <= review_threshold <= threshold <= 1")
    extra = dict(model.extra if model is not None else (extra or {}))
    progress("normalising", 0.0)
    frames = [prepare(left, source="left", extra=extra)]
    if right is not None:
        frames.append(prepare(right, source="right", extra=extra))
    link_type: LinkType = "link_only" if right is not None else "dedupe_only"
    linker = _linker(frames, link_type, model, extra, blocking, backend, spark)
    if model is None:
        progress("training", 0.2)
        train(linker)
        model = Model(
            settings=linker.misc.save_model_to_json(),
            extra=extra,
            blocking=[list(rule) for rule in blocking],
        )
    progress("scoring", 0.6)
    scored = linker.inference.predict(threshold_match_probability=review_threshold)
    table = scored.as_pandas_dataframe()
    progress("done", 1.0)
    pairs = list(_pairs(table, model, link_type))
    pairs.sort(key=lambda pair: (-pair.probability, pair.left_id, pair.right_id))
    return MatchResult(pairs, threshold, review_threshold, model)


def _linker(
    frames: list[pd.DataFrame],
    link_type: LinkType,
    model: Model | None,
    extra: Mapping[str, ExtraKind],
    blocking: Sequence[Sequence[str]],
    backend: Backend,
    spark: Any,
) -> Linker:
    if backend == "spark":
        from qorgau.matching.spark import spark_api, to_spark

        spark_db = spark_api(spark)
        tables = [
            spark_db.register(to_spark(spark_db.spark, frame), table_name=name)
            for frame, name in zip(frames, _TABLES, strict=False)
        ]
    else:
        duck_db = DuckDBAPI()
        tables = [
            duck_db.register(frame, table_name=name)
            for frame, name in zip(frames, _TABLES, strict=False)
        ]
    if model is not None:
        settings: Any = model.settings_for(link_type, backend)
    else:
        settings = new_settings(link_type, extra, blocking)
    return Linker(tables, settings, log_level=logging.ERROR)


def _pairs(table: pd.DataFrame, model: Model, link_type: LinkType) -> Iterable[Pair]:
    levels = {name: dict(values) for name, values in model.levels().items()}
    for row in table.to_dict("records"):
        left_id, right_id = str(row["unique_id_l"]), str(row["unique_id_r"])
        if link_type == "link_only" and row.get("source_dataset_l") == _TABLES[1]:
            left_id, right_id = right_id, left_id
        evidence = []
        for name, labels in levels.items():
            weight = float(row[f"mw_{name}"])
            adjustment = row.get(f"mw_tf_adj_{name}")
            if adjustment is not None and not pd.isna(adjustment):
                weight += float(adjustment)
            evidence.append(Evidence(name, labels[int(row[f"gamma_{name}"])], weight))
        yield Pair(
            left_id,
            right_id,
            float(row["match_probability"]),
            float(row["match_weight"]),
            tuple(evidence),
        )
