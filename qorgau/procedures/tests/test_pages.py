"""The case pages: work lists, the case page, a step's form, and the managers' pipeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.procedures.models import Case
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.routes import route_to
from qorgau.procedures.services import case_open
from qorgau.procedures.tests.factories import START, walk

Login = Callable[[User | None], Client]


def _asylum_case(actor: User, agency: Organisation, person: Person, **kwargs: object) -> Case:
    return case_open(
        actor=actor,
        organisation=agency,
        procedure="asylum",
        person=person,
        opened_on=START,
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_case_page_shows_timeline_next_steps_deadlines_and_documents(
    actor: User, agency: Organisation, person: Person, login: Login
) -> None:
    procedure = procedure_for("KAZ", "asylum")
    case = walk(_asylum_case(actor, agency, person), actor, route_to(procedure, "registered"))
    page = login(actor).get(reverse("procedures:detail", kwargs={"public_id": case.public_id}))
    html = page.content.decode()

    assert page.status_code == 200
    assert "Register the application" in html  # the timeline
    assert "Asylum-seeker certificate" in html  # the document it issued
    assert reverse("procedures:step", args=[case.public_id, "fingerprint"]) in html
    # 2025-01-11 (registration) + 3 days = 2025-01-14, with its explanation in words.
    assert (
        "3 calendar days from the date of the event “Registration” (11 January 2025). Due on 14 January 2025."
    ) in html


def test_a_step_form_asks_what_the_definition_requires_and_names_what_is_missing(
    actor: User, agency: Organisation, person: Person, login: Login
) -> None:
    procedure = procedure_for("KAZ", "asylum")
    case = walk(_asylum_case(actor, agency, person), actor, route_to(procedure, "interviewed"))
    url = reverse("procedures:step", args=[case.public_id, "reject"])
    client = login(actor)
    form = client.get(url)
    assert 'name="grounds"' in form.content.decode()
    assert "No well-founded fear of persecution" in form.content.decode()

    refused = client.post(
        url,
        {"version": case.version, "occurred_on": "2025-02-01", "reasons": "Reasons."},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert refused.status_code == 200
    assert "Обязательное поле" in refused.content.decode()
    case.refresh_from_db()
    assert case.stage == "interviewed"

    answers = {
        "version": case.version,
        "occurred_on": "2025-02-01",
        "grounds": ["credibility"],
        "reasons": "Inconsistent account.",
    }
    asked = client.post(url, answers)
    assert asked.status_code == 200  # the decision is confirmed first (test_decision_confirm.py)
    done = client.post(url, {**answers, "confirm": "yes"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert (case.stage, case.decision) == ("decided", "rejected")


def test_the_open_form_chooses_the_only_organisation_the_user_acts_for(
    actor: User, person: Person, login: Login
) -> None:
    url = reverse("procedures:open", kwargs={"public_id": person.public_id})
    form = login(actor).get(url).context["form"]

    assert form["organisation"].value() == form.fields["organisation"].queryset.get().pk
    assert "- Select an option -" not in str(form["organisation"])


def test_a_step_not_allowed_now_has_no_form(
    actor: User, agency: Organisation, person: Person, login: Login
) -> None:
    case = _asylum_case(actor, agency, person)
    url = reverse("procedures:step", args=[case.public_id, "grant"])
    assert login(actor).get(url).status_code == 404


def test_work_lists_filter_mine_overdue_and_due_this_week(
    actor: User,
    agency: Organisation,
    clerk: User,
    make_person: Callable[..., Person],
    login: Login,
    settings: Any,
) -> None:
    # The session travels a week between two requests: neither idle nor too old for this test
    # (web/timeouts.py; each request notes its time and renews the stored session's expiry).
    settings.IDLE_TIMEOUT_MINUTES = 30 * 24 * 60
    settings.SESSION_COOKIE_AGE = 30 * 24 * 3600
    procedure = procedure_for("KAZ", "asylum")
    register = route_to(procedure, "registered")
    late = walk(_asylum_case(actor, agency, make_person(clerk, agency)), actor, register)
    with time_machine.travel(dt.datetime(2025, 1, 12, 12, tzinfo=dt.UTC)):
        soon = _asylum_case(actor, agency, make_person(clerk, agency), assigned_to=clerk)
        walk(soon, actor, register, start=dt.date(2025, 1, 10))
    client = login(clerk)

    def listed(query: str) -> set[str]:
        with time_machine.travel(dt.datetime(2025, 1, 13, 12, tzinfo=dt.UTC)):
            rows = client.get(reverse("procedures:list") + query).context["rows"]
        return {str(row["case"].public_id) for row in rows}

    # Both registered on 2025-01-11: fingerprinting is due on 2025-01-14.
    assert listed("?due=week") == {str(late.public_id), str(soon.public_id)}
    assert listed("?mine=1") == {str(soon.public_id)}
    assert listed("?due=overdue") == set()
    assert listed("?procedure=asylum&stage=registered") == {
        str(late.public_id),
        str(soon.public_id),
    }
    with time_machine.travel(dt.datetime(2025, 1, 20, 12, tzinfo=dt.UTC)):
        rows = client.get(reverse("procedures:list") + "?due=overdue").context["rows"]
    assert {str(row["case"].public_id) for row in rows} == {
        str(late.public_id),
        str(soon.public_id),
    }


def test_the_pipeline_counts_decisions_durations_and_the_time_limit(
    actor: User,
    agency: Organisation,
    clerk: User,
    make_person: Callable[..., Person],
    login: Login,
) -> None:
    procedure = procedure_for("KAZ", "asylum")
    to_decided = route_to(procedure, "decided")
    # Registered 2025-01-11, decided 2025-01-14 (within 3 months).
    walk(_asylum_case(actor, agency, make_person(clerk, agency)), actor, to_decided)
    # Registered 2025-01-11, decided 2025-06-03: after the 3 months.
    slow = _asylum_case(actor, agency, make_person(clerk, agency))
    walk(slow, actor, to_decided[:3])
    walk(slow, actor, to_decided[3:], start=dt.date(2025, 6, 2))
    _asylum_case(actor, agency, make_person(clerk, agency))  # open, no decision
    manager = user_make("manager", agency, Role.PROTECTION_OFFICER)

    page = login(manager).get(
        reverse("procedures:pipeline"),
        {"country": "KAZ", "date_from": "2025-01-01", "date_to": "2025-12-31"},
    )

    row = next(r for r in page.context["rows"] if r.procedure.code == "asylum")
    assert (row.opened, row.decided) == (3, 2)
    # Application 2025-01-10 (the day before registration): 4 and 144 days.
    assert row.median_days == (4 + 144) / 2
    assert (row.within_limit, row.limit_known) == (0.5, 2)
    assert dict(row.open_by_stage) == {"application": 1, "decided": 2}


@pytest.mark.parametrize("query", ["?date_from=2025-05-01&date_to=2025-01-01", "?country=XXX"])
def test_the_pipeline_refuses_a_bad_period_or_country(
    agency: Organisation, login: Login, query: str
) -> None:
    manager = user_make("manager", agency, Role.PROTECTION_OFFICER)
    page = login(manager).get(reverse("procedures:pipeline") + query)
    assert page.status_code == 400
    assert page.context["rows"] is None
    assert page.context["form"].errors


def test_the_menu_offers_the_pipeline_only_to_who_may_see_it(
    agency: Organisation, clerk: User, login: Login
) -> None:
    manager = user_make("manager", agency, Role.PROTECTION_OFFICER)
    pipeline = reverse("procedures:pipeline")
    assert pipeline in login(manager).get(reverse("procedures:list")).content.decode()
    assert pipeline not in login(clerk).get(reverse("procedures:list")).content.decode()
