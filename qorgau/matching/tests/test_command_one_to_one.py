"""``qorgau match`` of two lists links each record at most once by default (ADR 0067);
``--no-one-to-one`` turns it off; one list (duplicates within it) is never one-to-one."""

import pytest

from qorgau.config.cli import main
from qorgau.matching.engine import MatchResult, match
from qorgau.matching.management.commands import match as command
from qorgau.matching.model import Model
from qorgau.matching.tests.people import people

HEADER = "id,family_name,given_name,date_of_birth\n"


@pytest.fixture
def calls(monkeypatch):
    """The engine's ``one_to_one`` and right list of each run, instead of running it."""
    found = []

    def fake(left, right=None, **options):
        found.append((right is not None, options["one_to_one"]))
        return MatchResult([], options["threshold"], options["review_threshold"], Model({}))

    monkeypatch.setattr(command, "match", fake)
    return found


def _files(tmp_path):
    left = tmp_path / "left.csv"
    left.write_text(HEADER + "1,Ким,Ольга,1990\n", encoding="utf-8")
    right = tmp_path / "right.csv"
    right.write_text(HEADER + "9,Kim,Olga,1990\n", encoding="utf-8")
    return str(left), str(right), str(tmp_path / "pairs.csv")


def test_it_links_two_lists_one_to_one_by_default(tmp_path, calls):
    left, right, out = _files(tmp_path)
    main(["qorgau", "match", left, right, "--out", out])
    main(["qorgau", "match", left, right, "--out", out, "--one-to-one"])
    assert calls == [(True, True), (True, True)]


def test_it_links_each_record_several_times_on_request(tmp_path, calls):
    left, right, out = _files(tmp_path)
    main(["qorgau", "match", left, right, "--out", out, "--no-one-to-one"])
    assert calls == [(True, False)]


def test_duplicates_within_one_list_are_never_one_to_one():
    """Deduplicating one list, a record keeps every pair with its duplicates whether
    ``one_to_one`` (the command's default for two lists) is asked for or not."""
    twins = [
        {
            "id": ident,
            "family_name": family,
            "given_name": given,
            "patronymic": "Серікұлы",
            "sex": "M",
            "date_of_birth": "12.03.1974",
            "place_of_birth": "Шымкент",
        }
        for ident, family, given in (
            ("T1", "Ержанов", "Нұрлан"),
            ("T2", "Ержанов", "Нұрлан"),
            ("T3", "Yerzhanov", "Nurlan"),
        )
    ]
    records = [*people(600, seed=7), *twins]
    one = match(records, one_to_one=True)
    many = match(records, model=one.model)

    def of_twins(result):
        return sorted(
            (p.left_id, p.right_id)
            for p in result.matches
            if {p.left_id, p.right_id} <= {"T1", "T2", "T3"}
        )

    assert of_twins(one) == of_twins(many)
    assert len(of_twins(one)) == 3
    assert not any(pair.linked_elsewhere for pair in one.pairs)
