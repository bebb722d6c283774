"""Production settings: refuse to start without keys, pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _run(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("QORGAU_", "DJANGO_")) and k not in {"SECRET_KEY", "DEBUG"}
    }
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "qorgau", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "QORGAU_ENV": "production",
    "SECRET_KEY": "x7Lq9VdK2pR8mW4nT6yB1cZ5hJ3gF0sA-uE_iO9wQ2rY8tU4oP6aS1dF3gH5jK7l",
    "QORGAU_DOCUMENT_HASH_KEY": "another-long-random-key-for-document-number-hashes-0123456789",
    "QORGAU_DOCUMENT_KEYS": "o4cUDR5JHUYhH3Ddcy3t9AtL5Sy0tFX0U2WyQj7Hn3Q=",
    "ALLOWED_HOSTS": "qorgau.example.org",
}


def test_it_passes_the_deployment_checks():
    result = _run(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "QORGAU_DOCUMENT_HASH_KEY", "QORGAU_DOCUMENT_KEYS", "ALLOWED_HOSTS"]
)
def test_it_refuses_to_start_without_a_key(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}

    result = _run(env, "check")

    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_it_refuses_debug_in_production():
    result = _run({**PRODUCTION, "DEBUG": "true"}, "check")

    assert result.returncode != 0
    assert "DEBUG cannot be true" in result.stderr


def test_it_names_a_badly_typed_variable():
    result = _run({"QORGAU_SESSION_SECONDS": "eight hours"}, "check")

    assert result.returncode != 0
    assert "QORGAU_SESSION_SECONDS='eight hours' is not a valid integer" in result.stderr


def test_it_refuses_a_document_key_that_is_not_a_fernet_key_without_showing_it():
    result = _run(
        {
            **PRODUCTION,
            "QORGAU_DOCUMENT_KEYS": "o4cUDR5JHUYhH3Ddcy3t9AtL5Sy0tFX0U2WyQj7Hn3Q=,short-secret",
        },
        "check",
    )

    assert result.returncode != 0
    assert "QORGAU_DOCUMENT_KEYS: key 2 is not a Fernet key" in result.stderr
    assert "short-secret" not in result.stderr


def test_it_reads_secrets_from_files(tmp_path):
    files = {}
    for name in ["SECRET_KEY", "QORGAU_DOCUMENT_HASH_KEY", "QORGAU_DOCUMENT_KEYS"]:
        path = tmp_path / name.lower()
        path.write_text(PRODUCTION[name] + "\n", encoding="utf-8")
        files[f"{name}_FILE"] = str(path)
    env = {k: v for k, v in PRODUCTION.items() if f"{k}_FILE" not in files}

    result = _run({**env, **files}, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
