"""Figures kept between requests (ADR 0015): a change to the status history shows on the next
request, the public page never recomputes for a visitor, and no copy crosses countries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings

from qorgau.audit.history import RECENT, history_stamp
from qorgau.organisations.models import Organisation, OrganisationType, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import organisation_make, user_make
from qorgau.people.models import Person
from qorgau.people.services.status import status_period_record
from qorgau.statistics import cached
from qorgau.statistics.cached import figures_cached
from qorgau.statistics.figures import Figures, figures
from qorgau.web.tests.worker import run_worker

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2024, 1, 1)


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dt.date]]:
    """Each computation of figures, as (country, date): the real function still answers."""
    calls: list[tuple[str, dt.date]] = []

    def counting(**kwargs: Any) -> Figures:
        calls.append((kwargs["country"], kwargs["as_of"]))
        return figures(**kwargs)

    monkeypatch.setattr(cached, "figures", counting)
    return calls


def _public(client: Any) -> dict[str, Figures]:
    response = client.get("/figures/")
    assert response.status_code == 200
    return {
        country.iso3: published.figures for country, published, *_ in response.context["releases"]
    }


def test_it_computes_once_and_again_after_a_status_change(history, clerk, agency, computed):
    person = history(("ASY", D(2023, 5, 1)))

    first = figures_cached(country="KAZ", as_of=ON)
    again = figures_cached(country="KAZ", as_of=ON)
    status_period_record(
        actor=clerk, organisation=agency, person=person, status="REF", effective_from=D(2023, 9, 1)
    )
    after = figures_cached(country="KAZ", as_of=ON)

    assert first.by_origin == again.by_origin == {("ASY", "unknown"): 1}
    assert after.by_origin == {("REF", "unknown"): 1}
    assert computed == [("KAZ", ON), ("KAZ", ON)]


def test_a_status_change_shows_on_the_next_dashboard_request(
    history, clerk, agency, stats, login, computed
):
    person = history(("STA", D(2020, 2, 1)))
    client = login(stats)
    url = f"/statistics/?country=KAZ&as_of={ON}"

    client.get(url)
    cached_page = client.get(url)
    status_period_record(
        actor=clerk, organisation=agency, person=person, status="NAT", effective_from=D(2022, 3, 1)
    )
    changed = client.get(url)

    assert cached_page.context["data"] is not None
    assert len(computed) == 2  # the first request and the one after the change
    assert changed.context["data"] != cached_page.context["data"]


def test_an_edit_of_a_person_counts_as_a_change(history, clerk, computed):
    history(("REF", D(2020, 2, 1)))
    figures_cached(country="KAZ", as_of=ON)
    person = Person.objects.get()
    person.sex = "male" if person.sex != "male" else "female"
    history_stamp(person, actor=clerk)
    person.save()  # any write keeps a history row: forms, imports and merges alike

    figures_cached(country="KAZ", as_of=ON)

    assert len(computed) == 2


def test_the_public_page_is_served_from_the_copy_without_recomputing(
    history, clerk, agency, client, computed
):
    history(("STA", D(2020, 2, 1)))
    first = _public(client)
    computed.clear()

    again = _public(client)

    assert computed == []
    assert first["KAZ"].by_origin == again["KAZ"].by_origin == {("STA", "unknown"): 1}


@pytest.mark.django_db(transaction=True)  # the worker commits, as it does in production
def test_after_a_change_visitors_get_the_last_copy_and_the_worker_recomputes(
    history, clerk, agency, client, computed
):
    person = history(("STA", D(2020, 2, 1)))
    _public(client)
    status_period_record(
        actor=clerk, organisation=agency, person=person, status="NAT", effective_from=D(2022, 3, 1)
    )
    computed.clear()

    during = [_public(client), _public(client)]  # two visitors before the worker runs
    assert computed == []  # neither recomputes
    assert all(page["KAZ"].by_origin == {("STA", "unknown"): 1} for page in during)
    run_worker()  # one refresh was queued, not one per visitor
    after = _public(client)

    year_start = D(dt.date.today().year, 1, 1)
    assert computed == [("KAZ", year_start)]
    assert after["KAZ"].by_origin == {}
    assert after["KAZ"].acquired == {(2022, "NAT"): 1}


def test_copies_never_cross_countries(history, make_person: Callable[..., Person], computed):
    kgz_agency = organisation_make("agency-kgz", OrganisationType.UN_AGENCY, "KGZ", agency=True)
    kgz_clerk = user_make("kgz-clerk", kgz_agency, Role.REGISTRATION_CLERK)
    history(("REF", D(2020, 2, 1)))
    history(("STA", D(2021, 2, 1)), ("STA", D(2021, 3, 1)), by=(kgz_clerk, kgz_agency))

    kaz = figures_cached(country="KAZ", as_of=ON)
    kgz = figures_cached(country="KGZ", as_of=ON)

    assert kaz.by_origin == {("REF", "unknown"): 1}
    assert kgz.by_origin == {("STA", "unknown"): 1}
    assert computed == [("KAZ", ON), ("KGZ", ON)]


def test_a_cached_country_stays_refused_to_a_viewer_of_another(
    history, stats: User, login, agency: Organisation
):
    kgz_agency = organisation_make("agency-kgz", OrganisationType.UN_AGENCY, "KGZ", agency=True)
    kgz_stats = user_make("kgz-stats", kgz_agency, Role.STATISTICS_VIEWER)
    history(("REF", D(2020, 2, 1)))
    assert login(stats).get(f"/statistics/?country=KAZ&as_of={ON}").status_code == 200

    refused = login(kgz_stats).get(f"/statistics/?country=KAZ&as_of={ON}")
    api = login(kgz_stats).get(f"/api/v1/statistics/figures/?country=KAZ&as_of={ON}")

    assert "data" not in refused.context  # the country is not offered: no figures shown
    assert b"REF" not in refused.content
    assert api.status_code == 403


def test_a_chart_is_drawn_once_per_spec_and_language(history, stats, login, monkeypatch):
    from qorgau.statistics.charts import CHARTS
    from qorgau.web import charts

    drawn: list[str] = []
    real = charts.vl_convert.vegalite_to_svg

    def counting(spec: Any, **kwargs: Any) -> str:
        drawn.append(str(kwargs["format_locale"]))
        return str(real(spec, **kwargs))

    monkeypatch.setattr(charts.vl_convert, "vegalite_to_svg", counting)
    history(("STA", D(2020, 2, 1)))
    client = login(stats)
    url = f"/statistics/?country=KAZ&as_of={ON}"

    first = client.get(url)
    again = client.get(url)
    after_first = len(drawn)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    russian = client.get(url)

    assert after_first == len(CHARTS)  # the second request drew nothing
    assert first.context["svgs"] == again.context["svgs"]
    assert russian.status_code == 200
    assert len(drawn) == 2 * len(CHARTS)  # another language, other pictures


def test_the_generation_reads_the_newest_history_rows_from_the_primary_key(history):
    """Asked on every statistics request: it must stay a walk down the primary key, never a
    sort of the whole history."""
    from django.db import connection

    from qorgau.people.models import LegalStatusPeriod, Person

    history(("REF", D(2020, 2, 1)))
    for model in (LegalStatusPeriod, Person):
        newest = model.history.model.objects.order_by("-history_id")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # A test table is tiny: forbid the other plans to see whether the index serves.
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_bitmapscan = off")
        plan = newest.values_list("history_id", flat=True)[:RECENT].explain()

        assert "TEMP B-TREE" not in plan  # SQLite: no sort
        assert "Sort" not in plan  # PostgreSQL: no sort
        if connection.vendor == "postgresql":
            assert "Index" in plan


def test_the_first_date_of_the_history_is_kept_until_the_history_changes(
    history, clerk, agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = history(("ASY", D(2023, 5, 1)))
    reads: list[str] = []
    real = cached.selectors.first_record_date

    def counting(*, country: str) -> dt.date | None:
        reads.append(country)
        return real(country=country)

    monkeypatch.setattr(cached.selectors, "first_record_date", counting)
    first = cached.first_record_date_cached(country="KAZ")
    again = cached.first_record_date_cached(country="KAZ")
    status_period_record(
        actor=clerk, organisation=agency, person=person, status="REF", effective_from=D(2023, 9, 1)
    )
    cached.first_record_date_cached(country="KAZ")

    assert first == again == D(2023, 5, 1)
    assert reads == ["KAZ", "KAZ"]
