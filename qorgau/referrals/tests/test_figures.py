"""The monthly figures per partner and service, checked against a month computed by hand; the
page and the API; who may read them; and the disclosure control of what is published."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.referrals.figures import referral_figures
from qorgau.referrals.models import Referral
from qorgau.referrals.services import (
    referral_accept,
    referral_complete,
    referral_decline,
    referral_start,
)
from qorgau.referrals.services import referral_send as send
from qorgau.statistics.disclosure import Policy

pytestmark = pytest.mark.django_db

OCTOBER = dt.date(2026, 10, 1)


def at(day: int, hour: int, month: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, month, day, hour))


def _timed(referral: Referral, **times: dt.datetime) -> None:
    """Move the referral's moments into the month (the steps were taken today)."""
    Referral.objects.filter(pk=referral.pk).update(**times)


@pytest.fixture
def october(refer, ngo_a, ngo_b):
    """By hand (ngo-a → ngo-b):
    R1 legal aid, medium: sent 1 Oct 10:00, due 4 Oct 10:00, accepted 2 Oct 10:00 (1 day, in
       time), service 4 Oct 10:00 (3 days), completed.
    R2 legal aid + medical, high: sent 10 Oct 10:00, due 11 Oct 10:00, accepted 13 Oct 10:00
       (3 days, late), service 20 Oct 10:00 (10 days), not completed.
    R3 legal aid, low: sent 20 Oct 10:00, declined 21 Oct 22:00 (1.5 days, in time).
    R4 medical, sent 1 Nov: another month. R5 a draft: never counted.
    legal aid: sent 3, in time 2, accepted 2, completed 1, median 1.5 days to answer, 6.5 to
    service. medical: sent 1, in time 0, accepted 1, completed 0, 3.0 and 10.0 days."""
    r1 = send(actor=ngo_a, referral=refer(), version=1)
    r1 = referral_accept(actor=ngo_b, referral=r1, version=r1.version)
    r1 = referral_start(actor=ngo_b, referral=r1, version=r1.version)
    referral_complete(
        actor=ngo_b, referral=r1, version=r1.version, outcome="ok", outcome_on=timezone.localdate()
    )
    _timed(r1, sent_at=at(1, 10), answer_due=at(4, 10), answered_at=at(2, 10),
           service_started_at=at(4, 10))  # fmt: skip
    r2 = send(actor=ngo_a, referral=refer(services=["legal_aid", "medical"]), version=1)
    r2 = referral_accept(actor=ngo_b, referral=r2, version=r2.version)
    r2 = referral_start(actor=ngo_b, referral=r2, version=r2.version)
    referral_complete(
        actor=ngo_b, referral=r2, version=r2.version, outcome="moved", outcome_on=timezone.localdate(),
        completed=False,
    )  # fmt: skip
    _timed(r2, sent_at=at(10, 10), answer_due=at(11, 10), answered_at=at(13, 10),
           service_started_at=at(20, 10))  # fmt: skip
    r3 = send(actor=ngo_a, referral=refer(), version=1)
    referral_decline(actor=ngo_b, referral=r3, version=r3.version, reason="full")
    _timed(r3, sent_at=at(20, 10), answer_due=at(3, 10, 11), answered_at=at(21, 22))
    r4 = send(actor=ngo_a, referral=refer(services=["medical"]), version=1)
    _timed(r4, sent_at=at(1, 10, 11), answer_due=at(2, 10, 11))
    refer()


def _table(rows):
    return [
        (
            r.partner.code, r.service.code, r.sent, r.answered_in_time, r.accepted, r.completed,
            r.median_days_to_answer, r.median_days_to_service,
        )
        for r in rows
    ]  # fmt: skip


def test_it_computes_the_month_by_hand(october, ngo_a_officer, ngo_b_admin):
    expected = [
        ("ngo-b", "legal_aid", 3, 2, 2, 1, 1.5, 6.5),
        ("ngo-b", "medical", 1, 0, 1, 0, 3.0, 10.0),
    ]

    assert _table(referral_figures(ngo_a_officer, month=OCTOBER)) == expected
    # The partner reads the same figures of the referrals it received.
    assert _table(referral_figures(ngo_b_admin, month=OCTOBER)) == expected


def test_it_suppresses_small_counts_and_thin_medians_when_published(october, ngo_a_officer):
    rows = referral_figures(ngo_a_officer, month=OCTOBER, policy=Policy(threshold=3))

    assert _table(rows) == [
        ("ngo-b", "legal_aid", 3, "*", "*", "*", 1.5, None),
        ("ngo-b", "medical", "*", 0, "*", 0, None, None),
    ]


def test_nobody_else_reads_them(october, ngo_a, ngo_c_partner, liaison):
    ngo_c_manager = user_make("ngo-c-manager", ngo_c_partner, Role.PROTECTION_OFFICER)

    assert referral_figures(ngo_c_manager, month=OCTOBER) == []
    assert referral_figures(liaison, month=OCTOBER) == []
    assert referral_figures(ngo_a, month=OCTOBER) == []  # a caseworker reads no figures


def test_the_page_shows_the_month_exact_or_as_published(october, login, ngo_a_officer, settings):
    settings.STATISTICS_THRESHOLD = 5
    client = login(ngo_a_officer)

    exact = client.get(reverse("referrals:figures"), {"month": "2026-10"}).content.decode()
    shown = client.get(
        reverse("referrals:figures"), {"month": "2026-10", "published": "on"}
    ).content.decode()

    assert "<td>3</td><td>2</td><td>2</td><td>1</td><td>1.5</td><td>6.5</td>" in exact
    assert "<td>*</td><td>*</td><td>*</td><td>*</td><td>—</td><td>—</td>" in shown


def test_the_page_is_only_for_figure_readers(login, ngo_a):
    answer = login(ngo_a).get(reverse("referrals:figures"))

    assert answer.status_code == 403


def test_the_api_publishes_under_disclosure_control(october, login, ngo_a_officer, settings):
    settings.STATISTICS_THRESHOLD = 3
    client = login(ngo_a_officer)

    answer = client.get(reverse("referral-figures-list"), {"month": "2026-10"})

    assert answer.status_code == 200
    assert [(r["service"], r["sent"], r["accepted"], r["median_days_to_answer"])
            for r in answer.json()] == [("legal_aid", 3, "*", 1.5), ("medical", "*", "*", None)]  # fmt: skip


def test_the_api_refuses_a_bad_month(login, ngo_a_officer):
    answer = login(ngo_a_officer).get(reverse("referral-figures-list"), {"month": "October"})

    assert answer.status_code == 400
    assert "month" in answer.json()


def test_the_schema_has_the_figures(login, ngo_a_officer):
    schema = login(ngo_a_officer).get(reverse("schema")).content.decode()

    assert "/api/v1/referral-figures/" in schema
