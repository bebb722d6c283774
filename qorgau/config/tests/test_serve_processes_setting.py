"""``QORGAU_SERVE_PROCESSES``: one web process in development, one per core in production."""

import os

from qorgau.config.tests.test_production import PRODUCTION, _run

PRINT = "from django.conf import settings; print(settings.SERVE_PROCESSES)"


def test_it_serves_from_one_process_in_development():
    result = _run({}, "shell", "--no-imports", "-c", PRINT)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"


def test_it_serves_from_one_process_per_available_core_in_production():
    result = _run(PRODUCTION, "shell", "--no-imports", "-c", PRINT)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(os.sched_getaffinity(0)))


def test_it_takes_the_number_set():
    result = _run(
        {**PRODUCTION, "QORGAU_SERVE_PROCESSES": "3"}, "shell", "--no-imports", "-c", PRINT
    )

    assert result.stdout.strip() == "3"


def test_it_refuses_less_than_one_process():
    result = _run({"QORGAU_SERVE_PROCESSES": "0"}, "check")

    assert result.returncode != 0
    assert "QORGAU_SERVE_PROCESSES must be at least 1" in result.stderr
