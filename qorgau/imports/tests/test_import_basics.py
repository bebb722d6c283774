"""Importing a list: rows become records, again changes nothing, an update updates in place."""

from __future__ import annotations

from qorgau.imports.models import RunState
from qorgau.imports.tests.conftest import ROWS
from qorgau.people.models import Household, Person


def test_it_creates_the_people_and_the_household(run_import, write_csv, ngo_a_org):
    result = run_import(write_csv(ROWS))
    run = result.run
    assert result.problems == []
    assert (run.state, run.rows, run.created, run.held) == (RunState.DONE, 3, 3, 0)
    people = Person.objects.filter(registered_by=ngo_a_org)
    assert sorted(people.values_list("source_id", flat=True)) == ["P-1", "P-2", "P-3"]
    mother = people.get(source_id="P-1")
    assert (mother.birth_year, mother.birth_month, mother.birth_day) == (1985, 4, 12)
    assert mother.household.source_id == "H-1"
    assert mother.household.members.count() == 2
    assert [n.need.code for n in mother.needs.all()] == ["SM-CI"]
    assert str(mother.phones.get().number.as_e164) == "+77015550101"
    assert people.get(source_id="P-3").household is None


def test_it_changes_nothing_when_the_same_file_comes_again(run_import, write_csv, ngo_a_org):
    path = write_csv(ROWS)
    run_import(path)
    before = Person.history.count()
    again = run_import(path).run
    assert (again.created, again.updated, again.unchanged, again.held) == (0, 0, 3, 0)
    assert Person.objects.filter(registered_by=ngo_a_org).count() == 3
    assert Household.objects.filter(registered_by=ngo_a_org).count() == 1
    assert Person.history.count() == before


def test_it_updates_a_changed_row_in_place_with_history(run_import, write_csv, ngo_a, ngo_a_org):
    run_import(write_csv(ROWS))
    changed = [list(r) for r in ROWS]
    changed[2][4] = "Назгүл"
    run = run_import(write_csv(changed, name="v2.csv")).run
    assert (run.created, run.updated, run.unchanged) == (0, 1, 2)
    person = Person.objects.get(registered_by=ngo_a_org, source_id="P-3")
    assert person.given_name == "Назгүл"
    assert person.version == 2
    last = person.history.first()
    assert last.history_user == ngo_a
    assert Person.objects.filter(registered_by=ngo_a_org).count() == 3
