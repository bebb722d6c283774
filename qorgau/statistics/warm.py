"""Figures computed before anyone asks for them (ADR 0015, issue 12).

The copies of ``cached`` are kept under the state of the status history, so the first request
after a change computes them: 1.2-1.7 s on PostgreSQL at a million people, where every later
request takes ~30 ms. ``figures_warm`` computes the copies the statistics pages open with, as
those pages would, for every country office with a history: the figures of today, of the last
reference date and of 1 January (the fact sheet's and the public page's date), the trend and the
chart pictures in each language, and the public copy. ``qorgau serve`` runs it beside the server
when it starts (``QORGAU_STATISTICS_WARM``), and ``qorgau statistics_warm`` runs it by hand (after
an import, say). It adds copies under the same keys and nothing else: a request still computes
what is missing, and a public visitor still never computes.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import override

from qorgau.reference.catalogue import CENTRAL_ASIA
from qorgau.statistics import cached
from qorgau.statistics.charts import charts
from qorgau.statistics.disclosure import (
    policy_from_settings,
    reference_date_on_or_before,
    reference_months_from_settings,
)
from qorgau.statistics.inputs import LANGUAGES
from qorgau.statistics.tables import release


def opening_dates(today: dt.date) -> list[dt.date]:
    """The dates the statistics pages open with: today (the agency office's managers), the last
    reference date (everyone else) and 1 January (the fact sheet and the public page)."""
    dates = {
        today,
        reference_date_on_or_before(today, reference_months_from_settings()),
        dt.date(today.year, 1, 1),
    }
    return sorted(dates)


def figures_warm(*, today: dt.date | None = None) -> list[tuple[str, dt.date]]:
    """Compute and keep the figures of every country office's opening dates; the countries and
    dates done. A date before a country's history begins is skipped, as a page refuses it."""
    today = today or timezone.localdate()
    policy = policy_from_settings()
    done = []
    for country in CENTRAL_ASIA:
        first = cached.first_record_date_cached(country=country)
        if first is None:
            continue
        for day in opening_dates(today):
            if day < first:
                continue
            published = release(cached.figures_cached(country=country, as_of=day), policy)
            for language in LANGUAGES:
                with override(language):
                    for chart in charts(published, policy).values():
                        chart.svg()
            done.append((country, day))
        cached.published_current(country=country, as_of=dt.date(today.year, 1, 1))
    return done
