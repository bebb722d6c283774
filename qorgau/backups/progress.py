"""The progress bar of the backup commands (``rich``, as the stack names for every long command)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from qorgau.backups.databases import Progress as Callback


@contextmanager
def progress_bar(description: str, stream: Any) -> Iterator[Callback]:
    """A callback ``(done, total)`` that draws a bar on ``stream`` (the command's stderr)."""
    console = Console(file=stream)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield update
