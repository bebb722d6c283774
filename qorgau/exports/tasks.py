"""Background jobs of list exports, run by ``qorgau db_worker``."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.tasks import task

from qorgau.exports.models import Export
from qorgau.exports.selectors import export_people_of
from qorgau.exports.services import export_execute, exports_purge


@task()
def export_run_task(export_id: int) -> str:
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    return str(export_execute(export).status)


@task()
def exports_purge_task() -> int:
    return exports_purge()


def export_start(export: Export) -> bool:
    """Build a small export now; queue a larger one for the worker (after the request's
    transaction commits). True when it was built now."""
    if export_people_of(export).count() <= settings.LIST_EXPORT_INLINE_ROWS:
        export_execute(export)
        return True
    transaction.on_commit(lambda: export_run_task.enqueue(export.pk))
    return False
