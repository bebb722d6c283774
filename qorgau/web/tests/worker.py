"""Running the database task worker inside a test, as ``qorgau db_worker --batch`` would."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker


def run_worker() -> None:
    """Run every queued task, then return; without the command's signal handlers (they would
    stay installed in the test process)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()
