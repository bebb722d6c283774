"""Large loads: ``qorgau generate --persons N`` people with the mix of a country's plan.

Batches are drawn a column at a time (:mod:`.scaled`), in worker processes while this process
writes them (two cores at once), or in this process (``workers=0``). The writing commits every
``COMMIT_EVERY`` people: a commit writes every page the batches changed, and the indexes on
random values (public ids, dates, hashes) change pages all over the tables, so committing
every batch wrote most pages many times over.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections, models, transaction

from qorgau.people.services.bulk import (
    BulkBatch,
    BulkLoad,
    bulk_loading,
    registry_analyze,
    registry_bulk_write,
)
from qorgau.people.services.bulk_rows import reserve_ids
from qorgau.population import plan
from qorgau.population.generator import BATCH, Context, Totals
from qorgau.population.plan import Track
from qorgau.population.scaled import ScaledGenerator

#: People written between two commits.
COMMIT_EVERY = 250_000


def generate_scaled(
    context: Context, country: str, persons: int, *, seed: int, batch: int = BATCH, workers: int = 1
) -> Iterator[Totals]:
    """Insert ``persons`` people with the country's mix, yielding the running totals.

    ``workers`` processes draw the batches (worker *i* its share with seed ``seed + i``); at
    most two batches per worker wait in the queue, so memory stays flat whatever the number
    of people. With ``workers=0`` this process draws them itself.
    """
    if workers < 1:
        generator = ScaledGenerator(context, country, seed)
        load = BulkLoad(id_block=20 * batch)
        yield from _write(generator.batches(plan.scaled(country, persons), batch, load))
    else:
        with _drawing(context, country, persons, seed, batch, workers) as batches:
            yield from _write(batches)
    registry_analyze()


def _write(batches: Iterator[BulkBatch]) -> Iterator[Totals]:
    totals = Totals()
    with bulk_loading():
        while True:
            with transaction.atomic():
                since_commit = 0
                for item in batches:
                    result = registry_bulk_write(batch=item)
                    since_commit += result.people
                    yield totals.add(result)
                    if since_commit >= COMMIT_EVERY:
                        break
                else:
                    return


@contextmanager
def _drawing(
    context: Context, country: str, persons: int, seed: int, batch: int, workers: int
) -> Iterator[Iterator[BulkBatch]]:
    """Start the drawing processes; give the batches they queue, answering their requests
    for primary keys on the way (the writing process holds the write lock on SQLite almost
    all the time, and a worker waiting for it would starve)."""
    shares = [persons // workers + (i < persons % workers) for i in range(workers)]
    processes = multiprocessing.get_context("fork")
    queue = processes.Queue(maxsize=2 * workers)
    replies = [processes.Queue() for _ in shares]
    if not connection.in_atomic_block:  # (tests load inside a transaction)
        # A forked process must not share this process's connection; the drawing processes
        # never use the database.
        connections.close_all()
    started = [
        processes.Process(
            target=_draw,
            args=(context, country, plan.scaled(country, share), seed + index, batch),
            kwargs={"queue": queue, "keys": _KeysFromWriter(index, queue, replies[index])},
            daemon=True,
        )
        for index, share in enumerate(shares)
        if share
    ]
    for process in started:
        process.start()

    def batches() -> Iterator[BulkBatch]:
        running = len(started)
        while running:
            item = queue.get()
            if item is None:
                running -= 1
            elif isinstance(item, str):
                raise RuntimeError(f"a generating process failed: {item}")
            elif isinstance(item, tuple):
                index, model, count = item
                replies[index].put(reserve_ids(model, count))
            else:
                yield item

    try:
        yield batches()
    finally:
        for process in started:
            process.kill()
            process.join()


@dataclass(frozen=True)
class _KeysFromWriter:
    """Primary keys for a worker process, reserved by the writing process."""

    index: int
    requests: Any
    replies: Any

    def __call__(self, model: type[models.Model], count: int) -> Sequence[int]:
        self.requests.put((self.index, model, count))
        keys: Sequence[int] = self.replies.get()
        return keys


def _draw(
    context: Context,
    country: str,
    tracks: list[Track],
    seed: int,
    size: int,
    *,
    queue: Any,
    keys: _KeysFromWriter,
) -> None:
    """In a worker process: draw batches, queue them, then ``None``."""
    try:
        generator = ScaledGenerator(context, country, seed)
        load = BulkLoad(id_block=20 * size, reserve=keys)
        for item in generator.batches(tracks, size, load):
            queue.put(item)
        queue.put(None)
    except Exception:  # reported to the writing process, which stops the load
        queue.put(traceback.format_exc())
        raise
