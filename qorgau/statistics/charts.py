"""The fact sheet's and dashboard's charts: one Vega-Lite spec each on the shared base of
``web/charts.py`` (SVG by vl-convert, no JavaScript in the page, the same picture in the PDF).
Each chart is built from rows of published values, which are also what its "download the
numbers" link serves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from qorgau.reference.models import Country
from qorgau.statistics import disclosure, selectors
from qorgau.statistics.cached import stocks_on_dates_cached
from qorgau.statistics.disclosure import Grid, Policy, Published
from qorgau.statistics.tables import TOTAL, Release
from qorgau.web.charts import BLUE, LIGHT, Chart, chart_spec

CHARTS = ("origins", "stateless", "trend")


def _spec(rows: list[dict[str, Any]], **parts: Any) -> dict[str, Any]:
    return chart_spec(rows, config={"axis": {"grid": False}}, **parts)


def _count(value: Published) -> int | None:
    return value if isinstance(value, int) else None


def origins(release: Release) -> Chart:
    """Refugees and asylum-seekers: the two largest origins and all others together."""
    line = release.line("refugees_by_origin")
    total = _count(line.get(TOTAL, 0)) or 0
    named = sorted(
        ((k, v) for k, v in line.items() if k not in (TOTAL, "unknown") and isinstance(v, int)),
        key=lambda kv: -int(kv[1]),
    )[:2]
    countries = {c.iso3: c.name for c in Country.objects.filter(iso3__in=[k for k, _ in named])}
    rows: list[tuple[Any, ...]] = [(countries.get(k, k), v) for k, v in named]
    rows.append((_("Other countries"), total - sum(int(v) for _, v in named)))
    label, value = _("Country of origin"), _("People")
    data = [{label: k, value: v} for k, v in rows]
    spec = _spec(
        data, height=90, mark={"type": "bar", "color": BLUE},
        encoding={"y": {"field": label, "type": "nominal", "sort": None},
                  "x": {"field": value, "type": "quantitative"}},
    )  # fmt: skip
    spec["layer"] = [
        {"mark": {"type": "bar", "color": BLUE}},
        {
            "mark": {"type": "text", "align": "left", "dx": 3},
            "encoding": {"text": {"field": value}},
        },
    ]
    del spec["mark"]
    return Chart("origins", _("Refugees and asylum-seekers by origin"), (label, value), rows, spec)


def stateless(release: Release) -> Chart:
    """Stateless people registered by the government and people of undetermined nationality."""
    line = release.line("stateless")
    rows: list[tuple[Any, ...]] = [
        (_("Stateless, registered by the Government"), line.get("STA", 0)),
        (_("Undetermined nationality, registered by partners"), line.get("UND", 0)),
    ]
    label, value = _("Group"), _("People")
    data = [{label: k, value: v} for k, v in rows if isinstance(v, int)]
    spec = _spec(
        data, height=160, width=160, mark={"type": "arc", "innerRadius": 45},
        encoding={"theta": {"field": value, "type": "quantitative"},
                  "color": {"field": label, "type": "nominal",
                            "scale": {"range": [BLUE, LIGHT]},
                            "legend": {"orient": "bottom", "direction": "vertical",
                                       "title": None, "labelLimit": 320}}},
    )  # fmt: skip
    return Chart("stateless", _("Composition of the stateless population"), (label, value), rows,
                 spec)  # fmt: skip


def trend_grid(country: str, until: dt.date, since_year: int = 2014) -> Grid:
    """Stateless people on 1 January of each year (STA, UND and their sum, each year a line)."""
    dates = [dt.date(y, 1, 1) for y in range(since_year, until.year + 1)]
    if until not in dates:
        dates.append(until)
    counts = stocks_on_dates_cached(
        country=country, dates=dates, statuses=selectors.STATELESS_STATUSES
    )
    entries: dict[tuple[str, str], int] = {}
    for day in dates:
        for status in selectors.STATELESS_STATUSES:
            entries[(day.isoformat(), status)] = counts.get((day, status), 0)
        entries[(day.isoformat(), TOTAL)] = sum(
            counts.get((day, s), 0) for s in selectors.STATELESS_STATUSES
        )
    return Grid(entries, frozenset(d.isoformat() for d in dates), frozenset())


def trend(release: Release, policy: Policy) -> Chart:
    """Stateless people on 1 January and acquisitions of citizenship in each year."""
    figures = release.figures
    grid = trend_grid(figures.country, figures.as_of, figures.since.year)
    stock = disclosure.published(grid, disclosure.protect(grid, policy), policy)
    acquired = release.table("citizenship_acquired")
    days = sorted({row for row, _ in grid.entries})
    rows: list[tuple[Any, ...]] = [
        (
            day,
            stock[(day, TOTAL)],
            acquired.get((day[:4], TOTAL), "")
            if day.endswith("-01-01") and int(day[:4]) < figures.as_of.year
            else "",
        )
        for day in days
    ]
    date, people, series = _("Date"), _("People"), _("Series")
    stateless_label, acquired_label = (
        _("Stateless on 1 January"),
        _("Citizenship acquired that year"),
    )
    data = [
        {date: day[:4], people: value, series: name}
        for day, stock_value, acquired_value in rows
        if day.endswith("-01-01")
        for name, value in ((stateless_label, stock_value), (acquired_label, acquired_value))
        if isinstance(value, int)
    ]
    spec = _spec(
        data, height=150, width=380, mark={"type": "bar"},
        encoding={"x": {"field": date, "type": "ordinal", "title": None},
                  "xOffset": {"field": series},
                  "y": {"field": people, "type": "quantitative"},
                  "color": {"field": series, "type": "nominal",
                            "scale": {"range": [BLUE, LIGHT]},
                            "legend": {"orient": "bottom", "title": None}}},
    )  # fmt: skip
    return Chart(
        "trend", _("Stateless people and acquisitions of citizenship since 2014"),
        (date, stateless_label, acquired_label), rows, spec,
    )  # fmt: skip


def charts(release: Release, policy: Policy) -> dict[str, Chart]:
    return {
        "origins": origins(release),
        "stateless": stateless(release),
        "trend": trend(release, policy),
    }
