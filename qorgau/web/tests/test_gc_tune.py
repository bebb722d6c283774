"""``qorgau serve`` tunes the garbage collector once the application is loaded (ADR 0069): what
is loaded is frozen, and the young generation is collected less often; in both ways of serving."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from qorgau.web import serving
from qorgau.web.management.commands import serve


@pytest.fixture
def collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_it_freezes_what_is_loaded_and_collects_the_young_less_often(collector):
    gc.unfreeze()
    serving.gc_tune()

    assert gc.get_freeze_count() > 10_000  # Django, the application and its URLs' views
    assert gc.get_threshold()[0] == serving.GC_YOUNG_THRESHOLD > 700


def test_several_processes_are_forked_from_a_tuned_arbiter(collector, monkeypatch):
    tuned: list[bool] = []
    monkeypatch.setattr(serving, "gc_tune", lambda: tuned.append(True))

    serving._when_ready(arbiter=None)

    assert tuned == [True]


def test_one_process_is_tuned_before_it_serves(collector, monkeypatch):
    order: list[str] = []
    monkeypatch.setattr(serve, "gc_tune", lambda: order.append("tuned"))
    monkeypatch.setattr("waitress.serve", lambda *args, **kwargs: order.append("served"))
    options: dict[str, Any] = {"host": "127.0.0.1", "port": 0}

    serve.Command()._serve(options, threads=1)

    assert order == ["tuned", "served"]
