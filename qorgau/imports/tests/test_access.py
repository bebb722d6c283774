"""The doors to runs, mappings and held rows: the importing organisation's people only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from qorgau.imports.access import access_mapping, access_run, visible_held_rows
from qorgau.imports.selectors import held_rows_pending, import_runs
from qorgau.imports.tests.conftest import ROWS


@pytest.fixture
def imported(run_import, write_csv, make_person, ngo_a, ngo_a_org):
    make_person(
        ngo_a,
        ngo_a_org,
        family_name="Тоқтарова",
        given_name="Назерке",
        patronymic="",
        sex="female",
        date_of_birth="1990-07-03",
        source_id="OLD-1",
    )
    return run_import(write_csv(ROWS)).run


def test_it_shows_the_run_and_held_rows_to_the_importing_organisation(imported, ngo_a):
    assert list(import_runs(ngo_a)) == [imported]
    assert access_run(user=ngo_a, public_id=imported.public_id) == imported
    (held,) = held_rows_pending(ngo_a)
    assert held.row.source_id == "P-3"
    assert len(held.candidate_ids) == 1


@pytest.mark.parametrize("persona", ["ngo_b", "clerk", "liaison", "stats"])
def test_it_shows_nothing_to_another_organisation(imported, mapping, persona, request):
    user = request.getfixturevalue(persona)
    assert not import_runs(user).exists()
    assert held_rows_pending(user) == []
    with pytest.raises(Http404):
        access_run(user=user, public_id=imported.public_id)
    with pytest.raises(Http404):
        access_mapping(user=user, public_id=mapping.public_id)


def test_it_shows_nothing_to_an_anonymous_visitor(imported):
    assert not visible_held_rows(AnonymousUser()).exists()
    assert not import_runs(AnonymousUser()).exists()
