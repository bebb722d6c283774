"""Background jobs of list exports, run by ``qorgau db_worker``."""

from __future__ import annotations

from django.tasks import task

from qorgau.exports.models import Export
from qorgau.exports.services import export_execute, exports_purge


@task()
def export_run_task(export_id: int) -> str:
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    return str(export_execute(export).status)


@task()
def exports_purge_task() -> int:
    return exports_purge()
