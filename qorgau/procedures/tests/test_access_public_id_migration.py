"""The migration that gives case access grants their opaque ids fills every existing grant,
and its history rows, with a distinct id (the grant's own for its history)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from qorgau.organisations.models import Organisation, User
from qorgau.procedures.models import CaseAccess
from qorgau.procedures.services import case_access_grant, case_open
from qorgau.procedures.tests.factories import START

BEFORE = [("procedures", "0002_access_public_id")]


@pytest.mark.django_db(transaction=True)
def test_it_gives_each_existing_grant_and_its_history_a_distinct_id(
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b_org: Organisation,
    government: Organisation,
    make_person: Any,
) -> None:
    for _ in range(2):
        case = case_open(
            actor=ngo_a,
            organisation=ngo_a_org,
            procedure="asylum",
            person=make_person(ngo_a, ngo_a_org),
            opened_on=START,
        )
        for organisation in (ngo_b_org, government):
            case_access_grant(
                actor=ngo_a, case=case, organisation=organisation, can_act=False, purpose="Follow"
            )
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("procedures", "CaseAccess").objects.update(public_id=None)
    old.get_model("procedures", "HistoricalCaseAccess").objects.update(public_id=None)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app back at its latest

    ids = dict(CaseAccess.objects.values_list("pk", "public_id"))
    assert len(ids) == 4
    assert None not in ids.values()
    assert len(set(ids.values())) == 4
    for row in CaseAccess.history.all():
        assert row.public_id == ids[row.id]
