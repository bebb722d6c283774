"""The documented JSON document of a release (README, "Statistics")."""

from __future__ import annotations

from typing import Any

from qorgau.statistics.disclosure import SUPPRESSED, Published
from qorgau.statistics.selectors import REFUGEE_STATUSES, STATELESS_STATUSES
from qorgau.statistics.tables import GROUPS, STATUS_KEYS, TOTAL, Release


def _ordered(line: dict[str, Published]) -> dict[str, Published]:
    """Largest first, suppressed after the counts, the total last."""
    items = [(k, v) for k, v in line.items() if k != TOTAL]
    items.sort(
        key=lambda kv: (kv[1] == SUPPRESSED, -(kv[1] if isinstance(kv[1], int) else 0), kv[0])
    )
    return dict(items)


def _nested(release: Release, name: str) -> dict[str, dict[str, Published]]:
    rows: dict[str, dict[str, Published]] = {}
    for (row, column), value in release.table(name).items():
        rows.setdefault(str(row), {})[str(column)] = value
    return rows


def document(release: Release) -> dict[str, Any]:
    figures = release.figures
    statuses = {**release.line("refugees_and_asylum_seekers"), **release.line("stateless")}
    acquired = _nested(release, "citizenship_acquired")
    result: dict[str, Any] = {
        "country": figures.country,
        "as_of": figures.as_of.isoformat(),
        "disclosure_control": {
            "threshold": release.policy.threshold,
            "rounding": release.policy.rounding,
            "suppressed": SUPPRESSED,
        },
        "refugees_and_asylum_seekers": {
            "total": release.value("refugees_and_asylum_seekers"),
            **{STATUS_KEYS[s]: statuses[s] for s in REFUGEE_STATUSES},
            "by_origin": _ordered(release.line("refugees_by_origin")),
        },
        "stateless": {
            "total": release.value("stateless"),
            **{STATUS_KEYS[s]: statuses[s] for s in STATELESS_STATUSES},
        },
        "citizenship_acquired": {
            "since": figures.since.isoformat(),
            "until": figures.as_of.isoformat(),
            "total": acquired[TOTAL][TOTAL],
            "naturalised": acquired[TOTAL]["NAT"],
            "nationality_confirmed": acquired[TOTAL]["NCF"],
            "by_year": {
                year: {
                    "total": line[TOTAL],
                    "naturalised": line["NAT"],
                    "nationality_confirmed": line["NCF"],
                }
                for year, line in acquired.items()
                if year != TOTAL
            },
        },
    }
    if figures.people is not None:
        result["breakdowns"] = {
            "sex_and_age": {
                status: _nested(release, f"sex_and_age:{status}")
                for status in (*REFUGEE_STATUSES, *STATELESS_STATUSES)
            },
            **{
                name: {group: release.line(f"{name}:{group}") for group in GROUPS}
                for name in ("region", "registering_organisation_type")
            },
        }
    return result
