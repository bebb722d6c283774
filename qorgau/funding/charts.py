"""The funding page's charts: one Vega-Lite spec each on the shared base of ``web/charts.py``
(as the statistics charts are); each chart's rows are also what its CSV link serves."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from qorgau.funding.selectors import FundedShare
from qorgau.web.charts import BLUE, GREY, Chart, chart_spec

CHARTS = ("progress", "donors", "earmarking")


def progress(share: FundedShare) -> Chart:
    """Funding received over the year against the requirement."""
    day, funded, required, usd = _("Date"), _("Funded (USD)"), _("Requirement (USD)"), _("USD")
    start = share.as_of.replace(month=1, day=1)
    points = [(start, 0), *share.cumulative(), (share.as_of, share.funded_usd)]
    rows: list[tuple[str, Any, Any]] = [(d.isoformat(), v, share.required_usd) for d, v in points]
    # Fixed field names: a translated one may hold a dot ("долл. США"), which Vega-Lite reads
    # as a nested field; the axes carry the translated titles.
    data = [{"day": d, "funded": float(f), "required": float(r)} for d, f, r in rows]
    spec = chart_spec(
        data,
        height=140,
        layer=[
            {"mark": {"type": "line", "interpolate": "step-after", "color": BLUE},
             "encoding": {"x": {"field": "day", "type": "temporal", "title": None,
                                "axis": {"format": "%d.%m"}},
                          "y": {"field": "funded", "type": "quantitative", "title": usd}}},
            {"mark": {"type": "rule", "color": GREY, "strokeDash": [4, 3]},
             "encoding": {"y": {"field": "required", "type": "quantitative", "title": usd}}},
        ],
    )  # fmt: skip
    title = _("Funding received against the requirement")
    return Chart("progress", title, (day, funded, required), rows, spec)


def _bars(name: str, title: str, label: str, lines: list[tuple[str, Any]]) -> Chart:
    value = _("USD")
    rows = list(lines)
    spec = chart_spec(
        [{"label": k, "value": float(v)} for k, v in rows],
        height=max(40, 18 * len(rows)),
        mark={"type": "bar", "color": BLUE},
        encoding={"y": {"field": "label", "type": "nominal", "sort": None, "title": label},
                  "x": {"field": "value", "type": "quantitative", "title": value}},
    )  # fmt: skip
    return Chart(name, title, (label, value), rows, spec)


def charts(share: FundedShare) -> dict[str, Chart]:
    return {
        "progress": progress(share),
        "donors": _bars("donors", _("Contributions by donor"), _("Donor"), share.by_key("donor")),
        "earmarking": _bars(
            "earmarking",
            _("Contributions by earmarking"),
            _("Earmarking"),
            share.by_key("earmarking"),
        ),
    }
