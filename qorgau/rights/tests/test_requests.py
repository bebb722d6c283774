"""Recording and answering data-subject requests: deadline, answer, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.errors import NotAllowed, StaleVersion
from qorgau.rights import errors
from qorgau.rights.models import RequestKind, RequestStatus, SubjectRequest
from qorgau.rights.services.requests import subject_request_answer, subject_request_record
from qorgau.rights.tests.factories import request_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(clerk, agency, make_person):
    return make_person(clerk, agency)


def test_it_sets_the_legal_deadline_from_the_setting(settings, clerk, person):
    settings.RIGHTS_ANSWER_DAYS = 30

    request = request_record(clerk, person, received_on=dt.date(2026, 1, 10))

    assert request.due_on == dt.date(2026, 2, 9)
    assert request.status == RequestStatus.OPEN
    assert request.organisation.code == "agency-kaz"
    assert request.history.get().history_user == clerk


def test_it_marks_a_request_answered(clerk, person):
    request = request_record(clerk, person, RequestKind.CORRECTION)
    today = timezone.localdate()

    subject_request_answer(
        actor=clerk, request=request, version=1, answer="Corrected the name.", answered_on=today
    )

    request.refresh_from_db()
    assert (request.status, request.answered_by, request.answered_on) == ("answered", clerk, today)
    assert request.version == 2


@pytest.mark.parametrize(
    ("answer", "answered_on", "field", "message"),
    [
        ("  ", dt.date(2026, 1, 12), "answer", errors.ANSWER_REQUIRED),
        ("Done.", dt.date(2026, 1, 9), "answered_on", errors.ANSWER_BEFORE_RECEIPT),
        ("Done.", dt.date(2999, 1, 1), "answered_on", errors.IN_FUTURE),
    ],
    ids=["blank", "before-receipt", "future"],
)
def test_it_refuses_a_bad_answer_and_keeps_the_request_open(
    clerk, person, answer, answered_on, field, message
):
    request = request_record(clerk, person, received_on=dt.date(2026, 1, 10))

    with pytest.raises(ValidationError) as refused:
        subject_request_answer(
            actor=clerk, request=request, version=1, answer=answer, answered_on=answered_on
        )

    assert refused.value.message_dict[field] == [str(message)]
    request.refresh_from_db()
    assert (request.status, request.answer, request.version) == ("open", "", 1)


def test_it_refuses_an_answer_based_on_an_older_version(clerk, person):
    request = request_record(clerk, person)
    today = timezone.localdate()
    subject_request_answer(actor=clerk, request=request, version=1, answer="A", answered_on=today)

    with pytest.raises(StaleVersion):
        subject_request_answer(
            actor=clerk, request=request, version=1, answer="B", answered_on=today
        )

    assert SubjectRequest.objects.get(pk=request.pk).answer == "A"


def test_it_refuses_a_second_answer(clerk, person):
    request = request_record(clerk, person)
    today = timezone.localdate()
    subject_request_answer(actor=clerk, request=request, version=1, answer="A", answered_on=today)

    with pytest.raises(ValidationError, match=str(errors.ALREADY_ANSWERED)):
        subject_request_answer(
            actor=clerk, request=request, version=2, answer="B", answered_on=today
        )


@pytest.mark.parametrize("outsider", ["ngo_b", "liaison", "stats"])
def test_it_refuses_a_request_by_who_may_not_change_the_person(
    request, ngo_a, ngo_a_org, make_person, outsider
):
    person = make_person(ngo_a, ngo_a_org)

    with pytest.raises(NotAllowed):
        subject_request_record(
            actor=request.getfixturevalue(outsider),
            person=person,
            kind=RequestKind.ACCESS,
            received_on=timezone.localdate(),
            received_via="letter",
        )

    assert not SubjectRequest.objects.exists()


def test_it_refuses_an_answer_by_another_organisation(ngo_a, ngo_b, ngo_a_org, make_person):
    request = request_record(ngo_a, make_person(ngo_a, ngo_a_org))

    with pytest.raises(NotAllowed):
        subject_request_answer(
            actor=ngo_b, request=request, version=1, answer="X", answered_on=timezone.localdate()
        )

    assert SubjectRequest.objects.get(pk=request.pk).is_open


def test_it_refuses_an_unknown_kind_and_a_future_receipt(clerk, person):
    with pytest.raises(ValidationError) as kind:
        subject_request_record(
            actor=clerk,
            person=person,
            kind="erase",
            received_on=timezone.localdate(),
            received_via="letter",
        )
    with pytest.raises(ValidationError) as future:
        subject_request_record(
            actor=clerk,
            person=person,
            kind="access",
            received_on=timezone.localdate() + dt.timedelta(days=1),
            received_via="letter",
        )

    assert "kind" in kind.value.message_dict
    assert future.value.message_dict["received_on"] == [str(errors.IN_FUTURE)]
    assert not SubjectRequest.objects.exists()
