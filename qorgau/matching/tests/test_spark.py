"""The model trained on DuckDB scores the same pairs on a local Spark session."""

import shutil

import pytest

from qorgau.matching.engine import match
from qorgau.matching.tests.people import latin_copies, people

pytest.importorskip("pyspark")
pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java"),
]


def test_it_gets_the_same_pairs_on_spark_as_on_duckdb():
    from qorgau.matching.spark import local_session

    left = people(300, seed=5)
    right = latin_copies(left, 0.3, seed=6)
    on_duckdb = match(left, right)
    session = local_session()
    try:
        on_spark = match(left, right, model=on_duckdb.model, backend="spark", spark=session)
    finally:
        session.stop()
    duckdb_pairs = {(p.left_id, p.right_id): p.probability for p in on_duckdb.pairs}
    spark_pairs = {(p.left_id, p.right_id): p.probability for p in on_spark.pairs}
    assert {(p.left_id, p.right_id) for p in on_spark.matches} == {
        (p.left_id, p.right_id) for p in on_duckdb.matches
    }
    assert len(on_duckdb.matches) > 50
    # Jaro-Winkler differs slightly between the backends: compare with a tolerance.
    for pair in duckdb_pairs.keys() & spark_pairs.keys():
        assert spark_pairs[pair] == pytest.approx(duckdb_pairs[pair], abs=0.02)
