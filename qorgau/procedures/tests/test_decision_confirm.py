"""A decision, or a step that ends the case, is confirmed before it is recorded.

The first submit of a valid form shows what is about to be recorded and stores nothing; the
confirmation (``confirm=yes``, a plain form: no JavaScript) records it; "Change" goes back to the
form as filled in. The API takes such a step in one request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.procedures.models import Case
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.routes import route_to
from qorgau.procedures.services import case_access_grant, case_open
from qorgau.procedures.tests.factories import START, walk
from qorgau.web.tests.form_submission import form_data

pytestmark = pytest.mark.django_db

Login = Callable[[User | None], Client]
DECIDED_ON = "2025-02-01"


@pytest.fixture
def interviewed(actor: User, agency: Organisation, person: Person) -> Case:
    """An asylum case registered, fingerprinted and interviewed: a decision is next."""
    case = case_open(
        actor=actor, organisation=agency, procedure="asylum", person=person, opened_on=START
    )
    return walk(case, actor, route_to(procedure_for("KAZ", "asylum"), "interviewed"))


def _url(case: Case, transition: str) -> str:
    return reverse("procedures:step", args=[case.public_id, transition])


def _answers(case: Case) -> dict[str, Any]:
    return {
        "version": case.version,
        "occurred_on": DECIDED_ON,
        "grounds": ["convention_1951_religion", "convention_1951_political_opinion"],
        "reasons": "Credible account of persecution for religious practice.",
    }


def _template(response: Any) -> str:
    """The page's own template (the first one rendered)."""
    return str(response.templates[0].name)


def _unchanged(case: Case) -> bool:
    version, steps = case.version, case.steps.count()
    case.refresh_from_db()
    return (case.stage, case.version, case.steps.count()) == ("interviewed", version, steps)


def test_it_shows_what_is_about_to_be_recorded_and_stores_nothing(
    interviewed: Case, actor: User, login: Login
) -> None:
    response = login(actor).post(_url(interviewed, "recognise"), _answers(interviewed))

    assert response.status_code == 200
    assert _template(response) == "procedures/step_confirm.html"
    html = response.content.decode()
    assert "You are about to record the decision: Recognised." in html
    assert "This cannot be undone: a correction needs a new step." in html
    assert "1951 Convention: religion; 1951 Convention: political opinion" in html
    assert "Credible account of persecution for religious practice." in html
    assert "1 February 2025" in html  # the date of the step, in the page's format
    assert _unchanged(interviewed)


def test_it_records_the_decision_once_confirmed_with_every_answer_kept(
    interviewed: Case, actor: User, login: Login
) -> None:
    client = login(actor)
    asked = client.post(_url(interviewed, "recognise"), _answers(interviewed))
    # What the confirmation page's form sends, as a browser would, plus its button.
    sent = form_data(asked.content.decode(), "reasons")

    done = client.post(_url(interviewed, "recognise"), {**sent, "confirm": "yes"})

    assert done.status_code == 302
    interviewed.refresh_from_db()
    assert (interviewed.stage, interviewed.decision) == ("decided", "recognised")
    assert interviewed.decided_on == dt.date(2025, 2, 1)
    step = interviewed.steps.get(transition="recognise")
    assert step.grounds == ["convention_1951_religion", "convention_1951_political_opinion"]
    assert step.reasons == "Credible account of persecution for religious practice."


def test_it_goes_back_to_the_filled_in_form_to_change_it(
    interviewed: Case, actor: User, login: Login
) -> None:
    client = login(actor)
    asked = client.post(_url(interviewed, "recognise"), _answers(interviewed))
    sent = form_data(asked.content.decode(), "reasons")

    back = client.post(_url(interviewed, "recognise"), {**sent, "edit": "1"})

    assert back.status_code == 200
    assert _template(back) == "procedures/step.html"
    assert form_data(back.content.decode(), "reasons")["reasons"] == [
        "Credible account of persecution for religious practice."
    ]
    assert form_data(back.content.decode(), "occurred_on")["occurred_on"] == [DECIDED_ON]
    assert not back.context["form"].errors
    assert _unchanged(interviewed)


def test_it_shows_the_form_with_its_problems_before_any_confirmation(
    interviewed: Case, actor: User, login: Login
) -> None:
    response = login(actor).post(
        _url(interviewed, "recognise"), {**_answers(interviewed), "reasons": ""}
    )

    assert _template(response) == "procedures/step.html"
    assert "reasons" in response.context["form"].errors
    assert _unchanged(interviewed)


def test_it_refuses_a_confirmation_someone_else_overtook(
    interviewed: Case, actor: User, login: Login
) -> None:
    """A step recorded between the summary and the confirmation: the form says so, and the
    decision is not recorded on a case that changed under it."""
    client = login(actor)
    answers = _answers(interviewed)
    Case.objects.filter(pk=interviewed.pk).update(version=interviewed.version + 1)

    response = client.post(_url(interviewed, "recognise"), {**answers, "confirm": "yes"})

    assert response.status_code == 200
    assert response.context["form"].errors
    interviewed.refresh_from_db()
    assert interviewed.stage == "interviewed"


def test_it_confirms_a_step_that_closes_the_case_without_a_decision(
    interviewed: Case, actor: User, login: Login
) -> None:
    client = login(actor)
    data = {"version": interviewed.version, "occurred_on": DECIDED_ON}

    asked = client.post(_url(interviewed, "close"), data)
    assert "You are about to close the case: Closed." in asked.content.decode()
    assert _unchanged(interviewed)

    assert client.post(_url(interviewed, "close"), {**data, "confirm": "yes"}).status_code == 302
    interviewed.refresh_from_db()
    assert interviewed.closed_on == dt.date(2025, 2, 1)


def test_it_records_an_ordinary_step_at_once(
    actor: User, agency: Organisation, person: Person, login: Login
) -> None:
    case = case_open(
        actor=actor, organisation=agency, procedure="asylum", person=person, opened_on=START
    )
    walk(case, actor, route_to(procedure_for("KAZ", "asylum"), "registered"))

    response = login(actor).post(
        _url(case, "fingerprint"), {"version": case.version, "occurred_on": DECIDED_ON}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == "fingerprinted"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Вы собираетесь записать решение: Признан."),
        ("kk", "Сіз шешімді жазғалы отырсыз: Танылды."),
    ],
)
def test_it_asks_in_the_page_language(
    interviewed: Case, actor: User, login: Login, language: str, expected: str
) -> None:
    client = login(actor)
    client.cookies["django_language"] = language

    html = client.post(_url(interviewed, "recognise"), _answers(interviewed)).content.decode()

    assert expected in html
    assert "You are about" not in html
    assert "cannot be undone" not in html


def test_it_never_records_for_another_organisation(
    interviewed: Case, ngo_b: User, login: Login
) -> None:
    response = login(ngo_b).post(
        _url(interviewed, "recognise"), {**_answers(interviewed), "confirm": "yes"}
    )

    assert response.status_code == 404
    assert _unchanged(interviewed)


def test_it_never_records_for_the_recipient_of_a_share_of_the_person(
    interviewed: Case,
    actor: User,
    agency: Organisation,
    ngo_b_org: Organisation,
    ngo_b: User,
    login: Login,
) -> None:
    """A share lets NGO B see the person (view only), not the person's cases."""
    share_grant_agreed(
        actor=actor,
        recipient=ngo_b_org,
        agreement="DTA-7",
        purpose="Legal aid",
        expires_on=dt.date.today() + dt.timedelta(days=30),
        person=interviewed.person,
    )
    client = login(ngo_b)

    for answers in (_answers(interviewed), {**_answers(interviewed), "confirm": "yes"}):
        assert client.post(_url(interviewed, "recognise"), answers).status_code == 404
    assert _unchanged(interviewed)


def test_it_never_records_for_an_organisation_that_only_follows_the_case(
    interviewed: Case, actor: User, government: Organisation, login: Login
) -> None:
    """View-only access (following the case) shows it, but its officer cannot decide, even
    with the roles the step names."""
    case_access_grant(
        actor=actor, case=interviewed, organisation=government, can_act=False, purpose="Follow"
    )
    follower = user_make("gov-officer", government, Role.PROTECTION_OFFICER)
    client = login(follower)

    asked = client.post(_url(interviewed, "recognise"), _answers(interviewed))
    confirmed = client.post(
        _url(interviewed, "recognise"), {**_answers(interviewed), "confirm": "yes"}
    )

    for response in (asked, confirmed):
        assert response.status_code == 200
        assert _template(response) == "procedures/step.html"
        assert response.context["form"].non_field_errors()
    assert _unchanged(interviewed)


def test_it_shows_what_the_engine_refuses_before_any_confirmation(
    interviewed: Case, actor: User, login: Login
) -> None:
    """A date before the last step is refused by the engine: the form says so at once."""
    response = login(actor).post(
        _url(interviewed, "recognise"), {**_answers(interviewed), "occurred_on": "2025-01-11"}
    )

    assert _template(response) == "procedures/step.html"
    assert "occurred_on" in response.context["form"].errors
    assert _unchanged(interviewed)


def test_it_sends_an_anonymous_visitor_to_log_in(interviewed: Case) -> None:
    response = Client().post(
        _url(interviewed, "recognise"), {**_answers(interviewed), "confirm": "yes"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert _unchanged(interviewed)


def test_the_api_takes_a_decision_in_one_request(
    interviewed: Case, actor: User, login: Login
) -> None:
    answers = _answers(interviewed)
    response = login(actor).post(
        reverse("case-transitions", kwargs={"id": str(interviewed.public_id)}),
        {
            "version": answers["version"],
            "transition": "recognise",
            "occurred_on": DECIDED_ON,
            "grounds": answers["grounds"],
            "reasons": answers["reasons"],
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    interviewed.refresh_from_db()
    assert interviewed.decision == "recognised"
