"""Background jobs of web imports, run by ``qorgau db_worker``."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task

from qorgau.imports.models import ImportJob
from qorgau.imports.services.jobs import import_job_execute


@task()
def import_job_task(job_id: int) -> str:
    job = ImportJob.objects.select_related("requested_by", "organisation").get(pk=job_id)
    return str(import_job_execute(job).state)


def import_job_enqueue(job: ImportJob) -> None:
    """Queue the run for the worker once the request's transaction commits."""
    transaction.on_commit(lambda: import_job_task.enqueue(job.pk))
