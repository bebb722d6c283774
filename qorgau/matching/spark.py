"""The same model on Apache Spark, for registries that outgrow one machine.

Splink writes each backend's SQL from the same settings, so a model trained on DuckDB scores
on Spark unchanged (:func:`qorgau.matching.engine.match` with ``backend="spark"``). This
module makes the session and moves the normalised frame into it. A local session
(``local[2]``) serves tests and small machines: two shuffle partitions, no web UI, the
interpreter of this process for the Python workers, and Splink's similarity functions
(Jaro–Winkler...) loaded from the jar Splink ships.

PySpark is an optional dependency (the ``dev`` extra): nothing here is imported unless
Spark is asked for.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from typing import Any

import pandas as pd
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
)
from splink.backends.spark import SparkAPI, similarity_jar_location

#: Normalised columns that are not plain strings.
_TYPES: dict[str, Any] = {
    "family_alts": ArrayType(StringType()),
    "given_alts": ArrayType(StringType()),
    "patronymic_alts": ArrayType(StringType()),
    "dob_year": LongType(),
    "dob_days": LongType(),
    "family_given": BooleanType(),
    "tf_names_pair": DoubleType(),
}


def local_session(cores: int = 2) -> SparkSession:
    """A local Spark session (``local[cores]``) set up for Splink."""
    logging.getLogger("py4j").setLevel(logging.ERROR)  # it logs while closing at exit
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("qorgau-matching")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(cores))
        .config("spark.default.parallelism", str(cores))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="qorgau-spark-"))
    return session


def spark_api(session: SparkSession | None) -> SparkAPI:
    """Splink's Spark backend on ``session`` (a local one when ``None``)."""
    return SparkAPI(
        spark_session=session or local_session(),
        break_lineage_method="persist",
        num_partitions_on_repartition=2,
    )


def to_spark(session: SparkSession, frame: pd.DataFrame) -> DataFrame:
    """The normalised frame as a Spark frame with explicit types (nulls stay nulls)."""
    schema = StructType(
        [StructField(name, _TYPES.get(name, StringType()), nullable=True) for name in frame]
    )
    rows = [
        tuple(None if _missing(value) else value for value in row)
        for row in frame.astype(object).itertuples(index=False, name=None)
    ]
    return session.createDataFrame(rows, schema=schema)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, list) and bool(pd.isna(value)))
