"""The request pages: bad input is answered on the form and stores nothing; the lists do not
grow their queries with their rows; overdue requests are flagged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from qorgau.rights import errors
from qorgau.rights.models import RetentionReport, SubjectRequest
from qorgau.rights.tests.factories import request_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(clerk, agency, make_person):
    return make_person(clerk, agency)


def test_a_future_receipt_is_answered_on_the_form_and_nothing_is_stored(clerk, person, login):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = login(clerk).post(
        reverse("rights:new", kwargs={"public_id": person.public_id}),
        {"kind": "access", "received_on": tomorrow.isoformat(), "received_via": "letter"},
    )

    assert response.status_code == 200
    assert str(errors.IN_FUTURE) in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_a_blank_answer_is_refused_on_the_page_and_the_request_stays_open(clerk, person, login):
    request = request_record(clerk, person)

    response = login(clerk).post(
        reverse("rights:answer", kwargs={"public_id": request.public_id}),
        {"version": 1, "answer": " ", "answered_on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 400
    assert SubjectRequest.objects.get(pk=request.pk).is_open


def test_a_stale_answer_is_refused_with_its_message(clerk, person, login):
    request = request_record(clerk, person)
    SubjectRequest.objects.filter(pk=request.pk).update(version=2)

    response = login(clerk).post(
        reverse("rights:answer", kwargs={"public_id": request.public_id}),
        {"version": 1, "answer": "Sent.", "answered_on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 400
    assert str(errors.STALE_REQUEST) in response.content.decode()
    assert SubjectRequest.objects.get(pk=request.pk).answer == ""


def test_the_list_flags_overdue_requests(clerk, person, login):
    late = request_record(clerk, person, received_on=timezone.localdate() - dt.timedelta(days=40))
    request_record(clerk, person)

    response = login(clerk).get(reverse("rights:list"))

    rows = response.context["rows"]
    assert rows[0]["request"] == late
    assert [row["overdue"] for row in rows] == [True, False]
    assert response.content.decode().count('class="overdue"') == 1


def test_the_lists_do_not_grow_their_queries_with_their_rows(
    clerk, agency, make_person, login, list_queries
):
    client = login(clerk)

    def more_requests() -> None:
        for n in range(10):
            request_record(clerk, make_person(clerk, agency, given_name=f"Ерлан{'а' * n}"))

    def more_reports() -> None:
        for _ in range(10):
            RetentionReport.objects.create(
                country=agency.country,
                at=timezone.now(),
                run_on=timezone.localdate(),
                ids={"person": [], "case": [], "held": []},
            )

    request_record(clerk, make_person(clerk, agency))
    more_reports()
    requests = list_queries(client, reverse("rights:list"), grow=more_requests)
    reports = list_queries(client, reverse("rights:retention"), grow=more_reports)

    assert requests[0] == requests[1]
    assert reports[0] == reports[1]
