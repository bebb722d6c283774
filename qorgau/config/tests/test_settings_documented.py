from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from qorgau.config import env

README = Path(__file__).resolve().parents[3] / "README.md"


def test_it_lists_every_variable_in_the_readme():
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- settings-table:start -->") + len("<!-- settings-table:start -->")
    end = text.index("<!-- settings-table:end -->")

    assert text[start:end].strip() == env.markdown_table()


def test_it_reads_booleans_strictly(monkeypatch):
    monkeypatch.setenv("QORGAU_TEST_FLAG", "yes")
    try:
        assert env.boolean("QORGAU_TEST_FLAG", False, "test") is True
        monkeypatch.setenv("QORGAU_TEST_FLAG", "perhaps")
        with pytest.raises(ImproperlyConfigured, match="QORGAU_TEST_FLAG='perhaps'"):
            env.boolean("QORGAU_TEST_FLAG", False, "test")
    finally:
        env.DECLARED.pop("QORGAU_TEST_FLAG", None)
