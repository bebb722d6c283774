"""The refresh as a background job: enqueued through ``django.tasks`` and run by the database
worker, as in production (tests use the same backend; see docs/adr/0006-reminders.md)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from qorgau.reminders.models import Reminder
from qorgau.reminders.tasks import reminders_refresh_task
from qorgau.reminders.tests.factories import TODAY, holder
from qorgau.web.tests.worker import run_worker

DAY = dt.timedelta(days=1)


@pytest.mark.django_db(transaction=True)
def test_it_runs_the_refresh_in_the_database_worker(ngo_a, ngo_a_org, person) -> None:
    holder(ngo_a, ngo_a_org, person, TODAY + 5 * DAY)

    result = reminders_refresh_task.enqueue(TODAY.isoformat())
    assert result.status == TaskResultStatus.READY
    assert Reminder.objects.count() == 0

    run_worker()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"created": 1, "closed": 0, "reopened": 0}
    assert Reminder.objects.get().document.person == person


@pytest.mark.django_db
def test_the_command_refreshes_now(ngo_a, ngo_a_org, person) -> None:
    holder(ngo_a, ngo_a_org, person, TODAY + 5 * DAY)
    out = StringIO()

    call_command("reminders", "--today", TODAY.isoformat(), stdout=out)

    assert out.getvalue().strip() == "Reminders: 1 created, 0 closed, 0 reopened."
    assert Reminder.objects.count() == 1


@pytest.mark.django_db
def test_the_command_enqueues_for_the_worker(ngo_a, ngo_a_org, person) -> None:
    holder(ngo_a, ngo_a_org, person, TODAY + 5 * DAY)

    call_command("reminders", "--enqueue", "--today", TODAY.isoformat(), stdout=StringIO())

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "qorgau.reminders.tasks.reminders_refresh_task"
    assert queued.args_kwargs == {"args": [TODAY.isoformat()], "kwargs": {}}
    assert Reminder.objects.count() == 0


@pytest.mark.django_db
def test_the_command_refuses_a_bad_date() -> None:
    with pytest.raises(CommandError, match="not a date"):
        call_command("reminders", "--today", "2026-02-30")
