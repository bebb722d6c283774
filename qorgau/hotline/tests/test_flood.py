"""A flood of 10,000 inquiries from one address, on loopback through the whole request
stack: the rate limit stores at most its rate of tickets, the disk takes nothing more, and the
desk's queue costs the same queries and about the same time before and after."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qorgau.hotline.models import Ticket, TicketEvent
from qorgau.hotline.tests.factories import inquiry, ticket_logged
from qorgau.hotline.tests.test_public_form import _started

pytestmark = pytest.mark.django_db

FLOOD = 10_000


def _queue(client) -> tuple[int, float]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(reverse("hotline:queue"))
        took = time.perf_counter() - started
    assert response.status_code == 200
    return len(queries), took


def test_it_survives_a_flood_from_one_address(client, login, clerk, agency, settings):
    settings.HOTLINE_ASK_RATE_PER_ADDRESS = "5/h"
    for _ in range(3):
        ticket_logged(clerk, agency)
    desk = login(clerk)
    _queue(desk)
    queries_before, time_before = _queue(desk)
    data = inquiry(started=_started())
    url = reverse("hotline:ask", kwargs={"lang": "ru"})

    codes: dict[int, int] = {}
    for _ in range(FLOOD):
        code = client.post(url, data, REMOTE_ADDR="198.51.100.7").status_code
        codes[code] = codes.get(code, 0) + 1

    assert codes == {200: 5, 429: FLOOD - 5}
    assert Ticket.objects.count() == 3 + 5
    assert TicketEvent.objects.count() == 3 + 5
    # The session notes the desk's activity at most once a minute (web/timeouts.py): a flood
    # that lasts longer (a loaded machine) makes the next page write it, which is not the
    # flood's cost. Compare the steady page, as before the flood.
    _queue(desk)
    queries_after, time_after = _queue(desk)
    assert queries_after == queries_before
    assert time_after < max(10 * time_before, 0.5)
