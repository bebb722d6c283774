"""A released set of figures in each format the system hands out."""

from __future__ import annotations

import json

from qorgau.statistics import exports
from qorgau.statistics.document import document
from qorgau.statistics.tables import Release

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(release: Release, format: str) -> bytes:
    if format == "json":
        return json.dumps(document(release), ensure_ascii=False, indent=2).encode() + b"\n"
    if format == "csv":
        return exports.to_csv(release)
    return exports.to_xlsx(release)


def filename(release: Release, format: str) -> str:
    return f"qorgau-{release.figures.country}-{release.figures.as_of.isoformat()}.{format}"
