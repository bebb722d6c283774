"""The date inputs of the case pages hold ISO values in Kazakh and Russian: the browser's date
input shows nothing for ``02.12.2026``, and the pre-filled date would be lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.procedures.forms import ExtendForm, OpenCaseForm, PauseForm, PipelineForm, StepForm
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.services import case_open
from qorgau.procedures.tests.factories import START
from qorgau.web.tests.form_submission import form_data

pytestmark = pytest.mark.django_db

Login = Callable[[User | None], Client]
TODAY = dt.datetime(2026, 12, 2, 6, tzinfo=dt.UTC)


def _register() -> object:
    procedure = procedure_for("KAZ", "asylum")
    return next(t for t in procedure.transitions if t.code == "register")


def _forms() -> list[forms.Form]:
    """Each case form as its page builds it on a GET."""
    return [
        StepForm(transition=_register(), initial={"version": 1}),  # type: ignore[arg-type]
        OpenCaseForm(procedures=[], organisations=Organisation.objects.none(), language="kk"),
        ExtendForm(choices=[], initial={"until": dt.date(2026, 12, 2)}),
        PauseForm(initial={"occurred_on": dt.date(2026, 12, 2)}),
        PipelineForm(
            {"country": "KAZ", "date_from": dt.date(2026, 1, 1), "date_to": dt.date(2026, 12, 2)},
            countries=[("KAZ", "KAZ")],
        ),
    ]


@pytest.mark.parametrize("language", ["kk", "ru"])
@time_machine.travel(TODAY, tick=False)
def test_it_renders_every_date_of_the_case_forms_as_iso(language: str) -> None:
    with translation.override(language):
        rendered = [(form, str(form)) for form in _forms()]

    for form, html in rendered:
        for name, field in form.fields.items():
            if isinstance(field, forms.DateField):
                assert f'name="{name}"' in html
                assert 'type="date"' in html
        assert "02.12.2026" not in html
        assert "01.01.2026" not in html
    step, opened, extend, pause, pipeline = (html for _form, html in rendered)
    assert 'name="occurred_on" value="2026-12-02"' in step
    assert 'name="opened_on" value="2026-12-02"' in opened
    assert 'name="until" value="2026-12-02"' in extend
    assert 'name="occurred_on" value="2026-12-02"' in extend
    assert 'name="occurred_on" value="2026-12-02"' in pause
    assert 'name="date_from" value="2026-01-01"' in pipeline
    assert 'name="date_to" value="2026-12-02"' in pipeline


@pytest.mark.parametrize("language", ["kk", "ru"])
@time_machine.travel(TODAY, tick=False)
def test_it_prefills_the_step_date_as_iso_on_the_step_page(
    actor: User, agency: Organisation, person: Person, login: Login, language: str
) -> None:
    case = case_open(
        actor=actor, organisation=agency, procedure="asylum", person=person, opened_on=START
    )

    page = login(actor).get(
        reverse("procedures:step", args=[case.public_id, "register"]),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert page.status_code == 200
    assert form_data(page.content.decode(), "occurred_on")["occurred_on"] == ["2026-12-02"]


@pytest.mark.parametrize("language", ["kk", "ru"])
@time_machine.travel(TODAY, tick=False)
def test_it_shows_the_pipeline_for_its_prefilled_period_in_the_language(
    agency: Organisation, login: Login, language: str
) -> None:
    client = login(user_make("manager", agency, Role.PROTECTION_OFFICER))
    client.cookies["django_language"] = language
    page = client.get(reverse("procedures:pipeline"))
    sent = form_data(page.content.decode(), "date_from")

    shown = client.get(reverse("procedures:pipeline"), sent)

    assert shown.status_code == 200
    assert not shown.context["form"].errors
    assert (sent["date_from"], sent["date_to"]) == (["2026-01-01"], ["2026-12-02"])
    assert shown.context["rows"] is not None
    assert "Обязательное поле" not in shown.content.decode()
    assert 'value="2026-01-01"' in shown.content.decode()
