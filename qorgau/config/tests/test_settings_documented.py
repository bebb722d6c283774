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


def test_it_reads_a_secret_from_the_file_its_file_variable_names(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n", encoding="utf-8")
    monkeypatch.setenv("QORGAU_TEST_SECRET_FILE", str(secret))
    try:
        assert env.string("QORGAU_TEST_SECRET", "", "test", secret=True) == "from-a-file"
        assert env.string_list("QORGAU_TEST_SECRET", [], "test", secret=True) == ["from-a-file"]
        assert "QORGAU_TEST_SECRET_FILE" in env.DECLARED["QORGAU_TEST_SECRET"].doc
    finally:
        env.DECLARED.pop("QORGAU_TEST_SECRET", None)


def test_it_refuses_a_secret_set_twice_or_an_unreadable_file(monkeypatch, tmp_path):
    monkeypatch.setenv("QORGAU_TEST_SECRET_FILE", str(tmp_path / "missing"))
    try:
        with pytest.raises(
            ImproperlyConfigured, match=r"QORGAU_TEST_SECRET_FILE=.* cannot be read"
        ):
            env.string("QORGAU_TEST_SECRET", "", "test", secret=True)
        monkeypatch.setenv("QORGAU_TEST_SECRET", "in-the-environment")
        with pytest.raises(ImproperlyConfigured, match="not both"):
            env.string("QORGAU_TEST_SECRET", "", "test", secret=True)
    finally:
        env.DECLARED.pop("QORGAU_TEST_SECRET", None)


def test_it_only_reads_files_for_secrets(monkeypatch, tmp_path):
    monkeypatch.setenv("QORGAU_TEST_PLAIN_FILE", str(tmp_path / "missing"))
    try:
        assert env.string("QORGAU_TEST_PLAIN", "default", "test") == "default"
    finally:
        env.DECLARED.pop("QORGAU_TEST_PLAIN", None)
