"""Monthly figures of a desk: volume by channel, topic and language, the median time to the
first answer and the share answered within the target; small counts suppressed when published."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from qorgau.hotline.selectors import monthly_figures
from qorgau.hotline.services import ticket_answer, ticket_triage
from qorgau.hotline.tests.factories import ticket_logged, ticket_submitted
from qorgau.statistics.disclosure import SUPPRESSED, Policy

pytestmark = pytest.mark.django_db


def _at(day: int, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 5, day, hour))


def _answered_after(clerk, hours: int, urgency: str = "normal", **fields):
    with time_machine.travel(_at(4, 8), tick=False):
        ticket = ticket_submitted(**fields)
        ticket = ticket_triage(actor=clerk, ticket=ticket, version=1, topic="work", urgency=urgency)
    with time_machine.travel(_at(4, 8) + dt.timedelta(hours=hours), tick=False):
        return ticket_answer(actor=clerk, ticket=ticket, version=2, text="Answered.")


def test_it_counts_the_month_and_times_the_answers(clerk, agency, settings):
    settings.HOTLINE_TARGET_HOURS = {"urgent": 4, "normal": 48, "low": 120}
    _answered_after(clerk, 2, language="kk")
    _answered_after(clerk, 10, urgency="urgent")
    _answered_after(clerk, 30)
    with time_machine.travel(_at(20, 9), tick=False):
        ticket_logged(clerk, agency, channel="walk_in", language="fa")
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 6, 1, 0, 30)), tick=False):
        ticket_submitted()  # next month

    figures = monthly_figures(clerk, agency, dt.date(2026, 5, 1))

    assert figures.volume == 4
    assert figures.channels == {"form": 3, "phone": 0, "email": 0, "walk_in": 1}
    assert figures.topics["work"] == 3
    assert figures.languages == {"kk": 1, "ru": 2, "en": 0, "fa": 1, "uk": 0}
    assert figures.answered == 3
    assert figures.median_hours == 10.0
    assert figures.within_target == pytest.approx(2 / 3)


def test_it_suppresses_small_counts_when_published(clerk, agency):
    for hours in (1, 2, 3, 4, 5, 6):
        _answered_after(clerk, hours)
    _answered_after(clerk, 1, language="uk")

    figures = monthly_figures(clerk, agency, dt.date(2026, 5, 1), Policy(threshold=5))

    assert figures.languages["ru"] == SUPPRESSED
    assert figures.languages["uk"] == SUPPRESSED
    assert figures.volume == 7
    assert figures.median_hours is not None


def test_it_shows_no_other_desks_tickets(ngo_b, ngo_b_org, clerk, agency):
    _answered_after(clerk, 1)

    figures = monthly_figures(ngo_b, agency, dt.date(2026, 5, 1))

    assert figures.volume == 0


def test_it_renders_the_figures_page(clerk, agency, login):
    _answered_after(clerk, 1)

    response = login(clerk).get(reverse("hotline:figures"), {"month": "2026-05", "published": "on"})

    assert response.status_code == 200
    assert SUPPRESSED in response.content.decode()
