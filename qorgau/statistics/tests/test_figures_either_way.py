"""The people of a country office are selected either by excluding everyone else (few others)
or by joining its people (many others): both ways give the same figures, in the same order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qorgau.identity.models import Candidate, Verdict
from qorgau.identity.services import ScoredPair, candidates_store, pair_decide
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people import selectors as people_selectors
from qorgau.reference.models import Country
from qorgau.statistics.figures import Figures, figures

pytestmark = pytest.mark.django_db
ON = dt.date(2024, 1, 1)
D = dt.date


@pytest.fixture
def two_offices(history, clerk: User, agency_kgz: Organisation) -> None:
    """Refugees of known and unknown origin, stateless people, acquisitions and a merged
    duplicate in Kazakhstan; people of the same statuses in Kyrgyzstan."""
    afg, ukr = Country.objects.get(iso3="AFG"), Country.objects.get(iso3="UKR")
    history(("ASY", D(2022, 5, 1)), ("REF", D(2023, 2, 1)), origin_country=afg)
    history(("REF", D(2021, 5, 1)), origin_country=ukr)
    history(("REF", D(2021, 5, 1)))
    history(("ASY", D(2023, 9, 1)), origin_country=afg)
    history(("STA", D(2016, 1, 10)), ("NAT", D(2020, 3, 1)))
    kept = history(("STA", D(2017, 1, 1)))
    duplicate = history(("STA", D(2017, 2, 1)), ("NCF", D(2022, 1, 1)), given_name="E")
    candidates_store([ScoredPair(kept.pk, duplicate.pk, 0.99, [])])
    pair_decide(actor=clerk, candidate=Candidate.objects.get(), verdict=Verdict.SAME, kept=kept)
    kgz = (user_make("clerk-kgz", agency_kgz, Role.REGISTRATION_CLERK), agency_kgz)
    history(("REF", D(2020, 1, 1)), origin_country=afg, by=kgz)
    history(("UND", D(2019, 1, 1)), ("NCF", D(2021, 6, 1)), by=kgz)


def _figures(country: str, *, excluding: bool, monkeypatch: pytest.MonkeyPatch) -> Figures:
    with monkeypatch.context() as patch:
        patch.setattr(people_selectors, "_fewer_outside", lambda office, outside: excluding)
        return figures(country=country, as_of=ON)


@pytest.mark.usefixtures("two_offices")
@pytest.mark.parametrize("country", ["KAZ", "KGZ", "TJK"])
def test_it_gives_the_same_figures_either_way(country, monkeypatch):
    excluded = _figures(country, excluding=True, monkeypatch=monkeypatch)
    joined = _figures(country, excluding=False, monkeypatch=monkeypatch)

    assert list(excluded.by_origin.items()) == list(joined.by_origin.items())
    assert excluded.acquired == joined.acquired
    assert excluded.people == joined.people


@pytest.mark.usefixtures("two_offices")
def test_it_counts_each_office_apart_and_merged_records_once():
    kaz = figures(country="KAZ", as_of=ON)

    assert list(kaz.by_origin.items()) == [
        (("ASY", "AFG"), 1),
        (("REF", "unknown"), 1),
        (("REF", "AFG"), 1),
        (("REF", "UKR"), 1),
        (("STA", "unknown"), 1),
    ]
    assert kaz.acquired == {(2020, "NAT"): 1}  # the merged duplicate's NCF is not counted
    kgz = figures(country="KGZ", as_of=ON)
    assert kgz.by_origin == {("REF", "AFG"): 1}
    assert kgz.acquired == {(2021, "NCF"): 1}


@pytest.mark.usefixtures("two_offices")
@pytest.mark.parametrize(("country", "joins"), [("KAZ", 1), ("KGZ", 3)])
def test_it_joins_the_people_only_when_fewer_are_in_the_office_than_outside(country, joins):
    with CaptureQueriesContext(connection) as queries:
        figures(country=country, as_of=ON, breakdowns=False)

    figure_queries = [q["sql"] for q in queries if "people_legalstatusperiod" in q["sql"]]
    joined = [sql for sql in figure_queries if "JOIN" in sql]
    assert len(figure_queries) == 3  # stock by status, stock of known origin, acquisitions
    assert len(joined) == joins  # in Kazakhstan only the people of a known origin
