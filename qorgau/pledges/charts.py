"""A pledge's indicator over time as a chart on the shared base of ``web/charts.py``; its rows
are also what the indicator's CSV link serves."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from qorgau.pledges.indicators import Indicator
from qorgau.web.charts import BLUE, Chart, chart_spec


def indicator_chart(indicator: Indicator | None) -> Chart | None:
    """The indicator's series over time as bars (suppressed periods are left out of the
    picture and stay ``*`` in the rows); None without an indicator or any period."""
    if indicator is None or not indicator.series:
        return None
    period = _("Month") if indicator.code == "border_referral" else _("Year")
    titles = {
        "border_referral": _("Border referrals per month"),
        "naturalisation": _("Acquisitions of citizenship per year"),
        "service_referrals": _("Referrals by service and outcome"),
    }
    count = _("Count")
    # A month's bar is labelled only in January (with its year), so that years of months fit
    # the width of a phone.
    axis: dict[str, Any] = {"labelAngle": 0}
    if indicator.code == "border_referral":
        axis["labelExpr"] = "slice(datum.label, 5) == '01' ? slice(datum.label, 0, 4) : ''"
    rows: list[tuple[Any, ...]] = list(indicator.series.items())
    data = [{period: key, count: value} for key, value in rows if isinstance(value, int)]
    spec = chart_spec(
        data,
        config={"axis": {"grid": False}},
        width=320,
        height=140,
        mark={"type": "bar", "color": BLUE},
        encoding={
            "x": {"field": period, "type": "ordinal", "title": None, "axis": axis},
            "y": {"field": count, "type": "quantitative", "title": None},
        },
    )
    return Chart(indicator.code, titles[indicator.code], (period, count), rows, spec)
