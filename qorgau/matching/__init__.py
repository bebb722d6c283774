"""Identity resolution: which records of one or two lists are the same person.

The engine (this package's plain modules) is usable without the web application; the
package is also the Django app that will hold runs, the review queue and merges. Nothing is
imported here, so that loading the app does not load Splink.

Python API
==========

``qorgau.matching.engine.match(left, right=None, *, threshold=0.95, review_threshold=0.5,
model=None, extra=None, blocking=(), backend="duckdb", spark=None, progress=...,
training_sample=None)``
    Link ``left`` to ``right``, or find the duplicates within ``left``. Records are a
    ``pandas.DataFrame`` or a sequence of mappings with the columns of
    :data:`qorgau.matching.records.COLUMNS` (``id`` required; names in any script; dates
    ``dd.mm.yyyy``, ``yyyy-mm-dd``, ``yyyy`` or empty). Without ``model`` a model is trained
    on the data. ``extra`` maps further columns to ``"code"`` or ``"text"`` comparisons,
    ``blocking`` adds blocking rules (lists of normalised columns that must be equal).
    ``backend="spark"`` scores on a Spark session (``spark``, or a local one from
    :func:`qorgau.matching.spark.local_session`). ``progress(stage, fraction)`` is called at
    each stage. ``training_sample=N`` trains on a seeded sample of at most N records and
    scores all (large data). Blocking rules that would pair too many records on the data
    are narrowed (:data:`qorgau.matching.comparisons.MAX_RULE_PAIRS`). Bad input raises
    :class:`qorgau.matching.errors.MatchInputError` (``source``, ``row``, ``column``,
    ``reason``).

``MatchResult``
    ``pairs`` (every pair at or above ``review_threshold``, most probable first),
    ``matches`` (at or above ``threshold``), ``review`` (the band below it), ``model`` (the
    trained :class:`~qorgau.matching.model.Model`), ``to_frame()``.

``Pair``
    ``left_id``, ``right_id``, ``probability``, ``match_weight`` and ``evidence``: one
    ``Evidence(comparison, level, match_weight)`` per comparison (``family``, ``given``,
    ``patronymic``, ``sex``, ``date_of_birth``, ``place_of_birth``, ``nationality``,
    ``document_number`` and the extra columns), ``level`` being a label such as ``"exact"``,
    ``"other transliteration or language form"``, ``"swapped with the other name"``,
    ``"close spelling"``, ``"year only"``, ``"exact, 1 January (a usual placeholder)"``,
    ``"missing"``. The match weights of the evidence plus the prior's sum to the pair's.

``Model``
    ``model.save(path)`` / ``Model.load(path)``: Splink settings JSON with the trained
    ``m``/``u`` values, to score without retraining (``match(..., model=model)``), on either
    backend.

Modules: :mod:`.records` (CSV reading and checks), :mod:`.dates`, :mod:`.normalise` (record →
compared columns, via :mod:`qorgau.names`), :mod:`.comparisons` (Splink comparisons and
blocking rules), :mod:`.model` (training, saving), :mod:`.engine` (``match``), :mod:`.spark`.
The command ``qorgau match`` wraps ``match`` for CSV files. Decisions: ADR 0007.
"""
