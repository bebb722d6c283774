"""The charts' shared base (statistics and funding draw with it): a chart is one Vega-Lite spec
drawn to SVG by vl-convert (no JavaScript in the page, the same picture in the PDF), built from
rows that are also what its "the numbers (CSV)" link serves.

Charts are presentation: each app's ``charts.py`` builds its specs from its selectors' figures
and stands on the web side of the import rules (``config/tests/test_import_rules.py``)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import vl_convert
from django.core.cache import caches
from django.http import HttpResponse

from qorgau.formats.display import chart_number_locale

FONT = "Noto Sans, DejaVu Sans, sans-serif"
BLUE, LIGHT, GREY = "#0072bc", "#8ebfe6", "#6b7280"
CACHE = "statistics"
"""The figures cache (a database table, ``settings.CACHES``) keeps the pictures too."""
VERSION = 1


def svg_cached(spec: dict[str, Any], locale: Any, draw: Callable[[], str]) -> str:
    """A chart's picture, kept under a digest of everything it is drawn from: the same spec
    and number locale always give the same picture, so nothing needs to invalidate it."""
    text = json.dumps([spec, locale], sort_keys=True, default=str)
    key = f"statistics:v{VERSION}:svg:{hashlib.sha256(text.encode()).hexdigest()}"
    found: str | None = caches[CACHE].get(key)
    if found is None:
        found = draw()
        caches[CACHE].set(key, found)
    return found


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    spec: dict[str, Any]

    def svg(self) -> str:
        """Rendered in the active language (its separators in every number of the chart); a
        picture is kept under its spec and locale, so the same numbers are drawn once (ADR
        0015: vl-convert takes ~0.15 s a chart)."""
        locale = chart_number_locale()
        return svg_cached(
            self.spec,
            locale,
            lambda: str(vl_convert.vegalite_to_svg(self.spec, format_locale=locale)),
        )


def chart_spec(
    rows: list[dict[str, Any]], *, config: dict[str, Any] | None = None, **parts: Any
) -> dict[str, Any]:
    """A Vega-Lite spec of ``rows`` in the house font, 300 wide unless ``parts`` say otherwise;
    ``config`` adds to the base configuration."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": rows},
        "config": {"font": FONT, "view": {"stroke": None}, **(config or {})},
        "width": 300,
        **parts,
    }


def chart_csv(chart: Chart, filename: str) -> HttpResponse:
    """A chart's numbers as a CSV download (UTF-8 with BOM, for Excel with Cyrillic)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(chart.columns)
    writer.writerows(chart.rows)
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
