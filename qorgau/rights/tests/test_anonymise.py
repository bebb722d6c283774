"""Anonymisation: the statistics of earlier dates stay exactly as they were, nothing that
identifies the person stays in the record or its history, and a legal hold refuses it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from qorgau.audit.models import AccessLog, SecurityEvent
from qorgau.errors import NotAllowed
from qorgau.people.models import (
    Document,
    LegalStatus,
    LegalStatusPeriod,
    Person,
    PersonAlias,
    PersonNameKey,
    PersonNeed,
    PhoneNumber,
)
from qorgau.procedures.models import Case
from qorgau.procedures.tests.factories import all_roles_user
from qorgau.reference.models import Country, Region
from qorgau.reminders.tests.factories import asylum_case_registered, case_take
from qorgau.rights import errors
from qorgau.rights.models import Anonymisation, RequestKind
from qorgau.rights.services.anonymise import birth_kept, person_anonymise
from qorgau.rights.tests.factories import request_record, rich_person
from qorgau.statistics.disclosure import NO_CONTROL, Policy
from qorgau.statistics.figures import figures
from qorgau.statistics.tables import release

pytestmark = pytest.mark.django_db

# Past dates, among them days between two children's fifth birthdays and the middle of the
# year (where a year of birth alone would move them to another age band).
PAST = [
    dt.date(2016, 1, 1),
    dt.date(2017, 6, 30),
    dt.date(2017, 7, 2),
    dt.date(2017, 10, 17),
    dt.date(2017, 12, 31),
    dt.date(2020, 6, 30),
    dt.date(2024, 1, 1),
    dt.date(2024, 10, 18),
]


def _tables(day: dt.date) -> dict[str, object]:
    """Key figures, every breakdown and the fact sheet's tables (with and without disclosure
    control) for the Kazakhstan office on ``day``."""
    counted = figures(country="KAZ", as_of=day)
    return {
        "by_origin": counted.by_origin,
        "acquired": counted.acquired,
        "people": counted.people,
        "raw": release(counted, NO_CONTROL).tables,
        "published": release(counted, Policy(threshold=3)).tables,
    }


@pytest.fixture
def population(clerk, agency):
    """People whose figures move over the years: adults, two children crossing age bands, a
    refugee from another country in another region, one naturalised."""
    origin = Country.objects.get(iso3="AFG")
    region = Region.objects.filter(country=agency.country).order_by("code").first()
    people = {
        "adult": rich_person(clerk, agency, given_name="Ерлан", birth="1990-03-09"),
        "child": rich_person(clerk, agency, given_name="Айгүл", birth="2012-10-20"),
        "child_15th": rich_person(clerk, agency, given_name="Данияр", birth="2012-10-15"),
        "refugee": rich_person(
            clerk,
            agency,
            given_name="Асель",
            birth="1959-11-30",
            status=LegalStatus.REFUGEE,
            since=dt.date(2017, 2, 1),
        ),
        "kept": rich_person(clerk, agency, given_name="Нұржан", birth="1985"),
    }
    from qorgau.people.services.persons import person_input_from, person_update

    refugee = people["refugee"]
    data = person_input_from(refugee)
    data.origin_country, data.region = origin, region
    data.citizenship_status, data.citizenship_country = "citizen", origin
    people["refugee"] = person_update(
        actor=clerk, person=refugee, expected_version=refugee.version, data=data
    )
    from qorgau.people.services.status import status_period_record

    status_period_record(
        actor=clerk,
        organisation=agency,
        person=people["adult"],
        status=LegalStatus.NATURALISED,
        effective_from=dt.date(2023, 5, 2),
    )
    return people


def test_it_keeps_every_earlier_figure_exactly(clerk, population):
    before = {day: _tables(day) for day in PAST}

    for name in ("adult", "child", "child_15th", "refugee"):
        person_anonymise(actor=clerk, person=population[name], reason="subject_request")

    after = {day: _tables(day) for day in PAST}
    assert after == before
    assert before[dt.date(2024, 1, 1)]["by_origin"]  # the comparison compared figures


def test_it_keeps_only_the_parts_of_the_date_of_birth_the_figures_need(clerk, population):
    today = dt.date(2026, 12, 1)

    assert birth_kept(population["adult"], until=today) == (None, None, "year")
    assert birth_kept(population["child"], until=today) == (10, 20, "exact")
    assert birth_kept(population["child_15th"], until=today) == (10, None, "month")
    assert birth_kept(population["kept"], until=today) == (None, None, "year")


def _history_text(person: Person) -> str:
    """Every history row that hangs from the person, as text."""
    rows: list[dict[str, object]] = [
        model_to_dict(row) for row in Person.history.filter(id=person.pk)
    ]
    for model in (Document, PhoneNumber, PersonAlias, PersonNeed, LegalStatusPeriod):
        rows += list(model.history.filter(person_id=person.pk).values())
    return json.dumps(rows, default=str, ensure_ascii=False)


PERSONAL = ["Ерлан", "Сейтқазиев", "Серікұлы", "Seitkaziev", "Abai", "Абай", "Шымкент",
            "7654321", "77011234567", "Decision 42", "NGO-Ерлан-1", "03-09", "SM-MI"]  # fmt: skip


def test_it_removes_personal_data_from_the_record_and_its_history(clerk, agency):
    person = rich_person(clerk, agency)
    assert "Ерлан" in _history_text(person)

    person_anonymise(actor=clerk, person=person, reason="subject_request")

    person.refresh_from_db()
    assert (person.given_name, person.family_name, person.patronymic) == ("", "", "")
    assert (person.address, person.birth_place, person.source_id, person.languages) == (
        "",
        "",
        "",
        [],
    )
    assert (person.birth_year, person.birth_month, person.birth_day) == (1990, None, None)
    for model in (Document, PhoneNumber, PersonAlias, PersonNeed, PersonNameKey):
        assert not model.objects.filter(person=person).exists(), model
    assert person.status_periods.get().basis == ""
    history = _history_text(person)
    assert [value for value in PERSONAL if value in history] == []
    current = json.dumps(model_to_dict(person), default=str, ensure_ascii=False)
    assert [value for value in PERSONAL if value in current] == []
    assert person.history.first().history_change_reason == "anonymised"


def test_it_keeps_the_access_log_and_writes_the_security_log(clerk, agency, login):
    person = rich_person(clerk, agency)
    login(clerk).get(reverse("people:detail", kwargs={"public_id": person.public_id}))
    reads = AccessLog.objects.filter(object_id=person.public_id).count()

    done = person_anonymise(actor=clerk, person=person, reason="subject_request")

    assert AccessLog.objects.filter(object_id=person.public_id).count() == reads > 0
    event = SecurityEvent.objects.get(event="person_anonymised")
    assert (event.user, event.object_id) == (clerk, person.public_id)
    assert (done.actor, done.reason) == (clerk, "subject_request")


@pytest.mark.parametrize("whose", ["person", "household"])
def test_it_refuses_while_a_case_is_open(clerk, agency, whose):
    from qorgau.people.models import Relationship
    from qorgau.people.services.households import MemberInput, household_register
    from qorgau.people.tests.factories import person_input

    manager = all_roles_user("manager", agency)
    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[MemberInput(person_input(given_name="Серік"), Relationship.PRINCIPAL)],
    )
    person = household.members.get()
    if whose == "person":
        asylum_case_registered(manager, agency, person)
    else:
        # No procedure of the KAZ definitions is followed for a household: a case row of one,
        # as a definition for households would open.
        Case.objects.create(
            country=agency.country,
            procedure="family_tracing",
            household=household,
            organisation=agency,
            stage="open",
            opened_on=dt.date(2025, 1, 10),
        )

    with pytest.raises(ValidationError) as refused:
        person_anonymise(actor=clerk, person=person, reason="subject_request")

    assert refused.value.messages == [str(errors.LEGAL_HOLD)]
    assert Person.objects.get(pk=person.pk).given_name == "Серік"
    assert not Anonymisation.objects.exists()
    assert SecurityEvent.objects.filter(event="person_anonymise_refused").count() == 1


def test_it_anonymises_once_the_case_is_closed(clerk, agency):
    manager = all_roles_user("manager", agency)
    person = rich_person(clerk, agency)
    case = asylum_case_registered(manager, agency, person)
    case_take(case, manager, "close", dt.date(2025, 2, 1))

    person_anonymise(actor=clerk, person=person, reason="subject_request")

    assert Person.objects.get(pk=person.pk).given_name == ""
    assert all(step.reasons == "" and step.fields == {} for step in case.steps.all())


@pytest.mark.parametrize("outsider", ["ngo_b", "liaison"])
def test_it_refuses_an_organisation_that_may_not_change_the_person(
    request, ngo_a, ngo_a_org, outsider
):
    person = rich_person(ngo_a, ngo_a_org)

    with pytest.raises(NotAllowed):
        person_anonymise(
            actor=request.getfixturevalue(outsider), person=person, reason="subject_request"
        )

    assert Person.objects.get(pk=person.pk).given_name == "Ерлан"


def test_it_refuses_a_second_anonymisation(clerk, agency):
    person = rich_person(clerk, agency)
    person_anonymise(actor=clerk, person=person, reason="subject_request")

    with pytest.raises(ValidationError, match=str(errors.ALREADY_ANONYMISED)):
        person_anonymise(actor=clerk, person=person, reason="subject_request")


def test_the_page_shows_the_legal_hold_and_changes_nothing(clerk, agency, login):
    manager = all_roles_user("manager", agency)
    person = rich_person(clerk, agency)
    asylum_case_registered(manager, agency, person)
    deletion = request_record(clerk, person, RequestKind.DELETION)

    response = login(clerk).post(
        reverse("rights:anonymise", kwargs={"public_id": deletion.public_id}), {"confirm": "on"}
    )

    assert response.status_code == 400
    assert str(errors.LEGAL_HOLD) in response.content.decode()
    assert Person.objects.get(pk=person.pk).given_name == "Ерлан"


def test_the_page_anonymises_on_a_deletion_request(clerk, agency, login):
    person = rich_person(clerk, agency)
    deletion = request_record(clerk, person, RequestKind.DELETION)
    url = reverse("rights:anonymise", kwargs={"public_id": deletion.public_id})

    unconfirmed = login(clerk).post(url, {})
    confirmed = login(clerk).post(url, {"confirm": "on"})

    assert (unconfirmed.status_code, confirmed.status_code) == (400, 302)
    assert Anonymisation.objects.get(person=person).request == deletion
