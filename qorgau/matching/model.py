"""Building, training, saving and loading the Splink model.

Training follows Splink's recommended sequence on the data being matched: the prior
(probability that two random records match) from deterministic rules, ``u`` by random
sampling of record pairs (which are almost all non-matches), ``m`` by expectation
maximisation over the pairs of the training blocking rules. A trained :class:`Model` is
its Splink settings dictionary (JSON, loadable by Splink itself) and can score new data
without retraining.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from splink import Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.exceptions import EMTrainingException

from qorgau.matching.comparisons import (
    EM_NAMES,
    MAX_EM_PAIRS_PER_MATCH,
    Rule,
    blocking_rules,
    comparisons,
    training_rules,
)
from qorgau.matching.normalise import ExtraKind

type LinkType = Literal["link_only", "dedupe_only"]

#: Record pairs sampled to estimate ``u``. More pairs give better estimates of rare levels
#: (exact agreement on rare names); 2e6 runs in a few seconds here.
U_SAMPLE_PAIRS = 2e6
SEED = 2024
#: Share of the true pairs the deterministic rules are assumed to find, for the prior.
DETERMINISTIC_RECALL = 0.7
#: The prior is kept this far from 0 and 1: Splink takes its logarithm (a registry with no
#: duplicates gives 0 and one of only duplicates more pairs than the recall allows).
PRIOR_EPSILON = 1e-9
#: Keys of the saved settings where the extra columns (and their kinds) and the extra
#: blocking rules are kept; Splink ignores them.
EXTRA_KEY = "qorgau_extra_columns"
BLOCKING_KEY = "qorgau_extra_blocking"
#: What is copied from a trained level into the same level written for another backend.
_PARAMETERS = ("m_probability", "u_probability", "tf_minimum_u_value")


@dataclass(frozen=True)
class Model:
    """A trained model: Splink settings with every ``m`` and ``u``, and the extra columns."""

    settings: dict[str, Any]
    extra: dict[str, ExtraKind] = field(default_factory=dict)
    blocking: list[list[str]] = field(default_factory=list)

    def save(self, path: Path) -> None:
        """Write the model as Splink settings JSON (with two keys of ours, ignored by Splink)."""
        data = {**self.settings, EXTRA_KEY: self.extra, BLOCKING_KEY: self.blocking}
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Model:
        data = json.loads(path.read_text(encoding="utf-8"))
        extra = data.pop(EXTRA_KEY, {})
        blocking = data.pop(BLOCKING_KEY, [])
        return cls(settings=data, extra=extra, blocking=blocking)

    def settings_for(self, link_type: LinkType, dialect: str) -> dict[str, Any]:
        """The settings to score data with: the trained parameters, this run's link type.

        Splink keeps the SQL of comparison levels in the dialect the model was trained in,
        so for another backend (DuckDB → Spark) the comparisons are written again for that
        dialect and the trained parameters copied into them level by level."""
        if self.settings.get("sql_dialect") == dialect:
            settings = {key: value for key, value in self.settings.items() if key != "linker_uid"}
            settings["link_type"] = link_type
            return settings
        creator = new_settings(link_type, self.extra, self.blocking)
        settings = creator.get_settings(dialect).as_dict()
        settings.pop("linker_uid", None)
        settings["probability_two_random_records_match"] = self.settings[
            "probability_two_random_records_match"
        ]
        for fresh, trained in zip(
            settings["comparisons"], self.settings["comparisons"], strict=True
        ):
            for level, trained_level in zip(
                fresh["comparison_levels"], trained["comparison_levels"], strict=True
            ):
                if level["label_for_charts"] != trained_level["label_for_charts"]:
                    raise ValueError("the saved model's comparisons are not this version's")
                for name in _PARAMETERS:
                    if name in trained_level:
                        level[name] = trained_level[name]
        return settings

    def levels(self) -> dict[str, list[tuple[int, str]]]:
        """Comparison name → its levels as (comparison vector value, label), for evidence."""
        found = {}
        for comparison in self.settings["comparisons"]:
            levels = comparison["comparison_levels"]
            values = []
            rank = sum(1 for level in levels if not level.get("is_null_level"))
            for level in levels:
                if level.get("is_null_level"):
                    values.append((-1, level["label_for_charts"]))
                else:
                    rank -= 1
                    values.append((rank, level["label_for_charts"]))
            found[comparison["output_column_name"]] = values
        return found


#: How many labelled pairs the trained ``m`` of a comparison counts for when reviewers'
#: "same person" decisions are blended in (:func:`with_labels`): 50 decisions weigh as much
#: as the estimate before them, so a handful moves the weights without overturning them.
LABEL_PRIOR_PAIRS = 50


def with_labels(model: Model, gammas: Mapping[str, Sequence[int]]) -> Model:
    """``model`` with the ``m`` of each comparison blended with the levels that pairs a
    reviewer decided were the same person reached (``gammas``: comparison name → the level
    value of each labelled pair, -1 when missing): ``m = (K·m + n_level) / (K + n)`` with
    ``K`` = :data:`LABEL_PRIOR_PAIRS` and ``n`` the labelled pairs where the comparison is
    not missing. Fixed levels (the date rule, siblings) keep their ``m``: a reviewer's
    decision does not teach them away (ADR 0040)."""
    settings = json.loads(json.dumps(model.settings))
    levels = model.levels()
    for comparison in settings["comparisons"]:
        name = comparison["output_column_name"]
        seen = [int(value) for value in gammas.get(name, ()) if int(value) >= 0]
        if not seen:
            continue
        for (value, _label), level in zip(
            levels[name], comparison["comparison_levels"], strict=True
        ):
            if value < 0 or level.get("fix_m_probability") or "m_probability" not in level:
                continue
            reached = sum(1 for found in seen if found == value)
            level["m_probability"] = (LABEL_PRIOR_PAIRS * level["m_probability"] + reached) / (
                LABEL_PRIOR_PAIRS + len(seen)
            )
    return Model(settings=settings, extra=model.extra, blocking=model.blocking)


def new_settings(
    link_type: LinkType,
    extra: Mapping[str, ExtraKind] | None,
    blocking: Sequence[Sequence[str]] = (),
    rules: Sequence[BlockingRuleCreator | dict[str, Any]] | None = None,
) -> SettingsCreator:
    """Untrained settings: comparisons, blocking rules (``rules``, by default those of
    :func:`blocking_rules` with the ``blocking`` ones), and what predictions keep."""
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=comparisons(extra),
        blocking_rules_to_generate_predictions=list(
            blocking_rules(blocking) if rules is None else rules
        ),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
    )


def rules_for(
    rules: Sequence[BlockingRuleCreator | dict[str, Any]], dialect: str
) -> list[dict[str, Any]]:
    """Blocking rules as settings dictionaries in ``dialect``'s SQL."""
    return [
        rule.get_blocking_rule(dialect).as_dict()
        if isinstance(rule, BlockingRuleCreator)
        else {**rule, "sql_dialect": dialect}
        for rule in rules
    ]


def clamp_probability(value: float, epsilon: float = PRIOR_EPSILON) -> float:
    """``value`` kept inside (ε, 1 − ε), where its logarithm and that of its odds exist."""
    return min(max(value, epsilon), 1.0 - epsilon)


def train(
    linker: Linker,
    *,
    u_pairs: float = U_SAMPLE_PAIRS,
    pairs: Callable[[Rule], int] | None = None,
    possible_pairs: int = 0,
) -> None:
    """Estimate the prior, ``u`` and ``m`` of ``linker``'s model on its data.

    ``pairs`` counts the pairs a rule makes on the data and ``possible_pairs`` is the
    number of all pairs: with them, the EM rule on names is narrowed where it would pair
    many more different people than matches (:data:`MAX_EM_PAIRS_PER_MATCH`)."""
    training = linker.training
    try:
        training.estimate_probability_two_random_records_match(
            [block_on("family_key", "given_key", "dob"), block_on("doc_key", "dob_year")],
            recall=DETERMINISTIC_RECALL,
        )
        estimated = linker._settings_obj._probability_two_random_records_match
    except ValueError:  # the rules pair more records than the recall allows: nearly all match
        estimated = 1.0
    prior = clamp_probability(estimated)
    linker._settings_obj._probability_two_random_records_match = prior
    narrow = False
    if pairs is not None:
        narrow = pairs(EM_NAMES) > MAX_EM_PAIRS_PER_MATCH * prior * possible_pairs
    training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=SEED)
    for rule in training_rules(narrow=narrow):
        try:
            training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
        except EMTrainingException:
            continue  # e.g. no dates of birth at all: the other rules train what they can
        except ValueError as error:
            # On small lists a level no match reaches can see its ``m`` underflow to 0, which
            # Splink refuses: that rule's estimates are dropped, the other rules train.
            if "below the minimum allowed" not in str(error):
                raise
            continue
