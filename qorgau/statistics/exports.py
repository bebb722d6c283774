"""Released tables as CSV (UTF-8 with BOM, for Excel with Cyrillic) and XLSX, each with an HXL
hashtag row under the headers, in the wide layout humanitarian tools read (one line per
population type, origin or area; sex and age bands as columns: ``#population+f+age0_4``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from qorgau.statistics.ages import AGE_BANDS
from qorgau.statistics.disclosure import Published
from qorgau.statistics.selectors import ACQUISITION_STATUSES, REFUGEE_STATUSES, STATELESS_STATUSES
from qorgau.statistics.tables import GROUPS, SEXES, TOTAL, Release

_SEX_TAG = {"female": "f", "male": "m", "other_or_unknown": "sex_unknown"}
_AGE_TAG = {"0-4": "age0_4", "5-11": "age5_11", "12-17": "age12_17", "18-59": "age18_59",
            "60+": "age60plus", "unknown": "age_unknown"}  # fmt: skip

COLUMNS: list[tuple[str, str, str]] = [
    ("reference_date", "Reference date", "#date+reference"),
    ("year", "Year", "#date+year"),
    ("since", "Counted from", "#date+start"),
    ("asylum", "Country of asylum", "#country+code+asylum"),
    ("origin", "Country of origin", "#country+code+origin"),
    ("population_type", "Population type", "#indicator+population_type"),
    ("region", "Region", "#adm1+code"),
    ("organisation_type", "Registering organisation type", "#org+type"),
    *(
        (f"{sex}:{band}", f"{sex} {band}", f"#population+{_SEX_TAG[sex]}+{_AGE_TAG[band]}")
        for sex in SEXES
        for band in AGE_BANDS
    ),
    ("total", "Total", "#population+total"),
]


def _types(statuses: tuple[str, ...]) -> str:
    return ",".join(statuses)


def rows(release: Release) -> Iterator[dict[str, Any]]:
    """Every published line: stocks by population type (with sex and age when broken down),
    by origin, region and registering organisation type, then flows per year."""
    figures = release.figures
    base = {"reference_date": figures.as_of.isoformat(), "asylum": figures.country}
    stock = {**base, "year": figures.as_of.year}
    statuses = {**release.line("refugees_and_asylum_seekers"), **release.line("stateless")}
    for status in (*REFUGEE_STATUSES, *STATELESS_STATUSES):
        line: dict[str, Any] = {**stock, "population_type": status, "total": statuses[status]}
        if figures.people is not None:
            for (sex, band), value in release.table(f"sex_and_age:{status}").items():
                if sex != TOTAL and band != TOTAL:
                    line[f"{sex}:{band}"] = value
        yield line
    refugees = _types(REFUGEE_STATUSES)
    for origin, value in release.line("refugees_by_origin").items():
        if origin != TOTAL:
            yield {**stock, "origin": origin, "population_type": refugees, "total": value}
    if figures.people is not None:
        for group, group_statuses in GROUPS.items():
            for name, column in (("region", "region"), ("registering_organisation_type",
                                                        "organisation_type")):  # fmt: skip
                for key, value in release.line(f"{name}:{group}").items():
                    if key != TOTAL:
                        yield {**stock, column: key, "population_type": _types(group_statuses),
                               "total": value}  # fmt: skip
    flows = release.table("citizenship_acquired")
    for (year, outcome), value in flows.items():
        kind = _types(ACQUISITION_STATUSES) if outcome == TOTAL else outcome
        yield {**base, "year": "" if year == TOTAL else year, "since": figures.since.isoformat(),
               "population_type": kind, "total": value}  # fmt: skip


def _matrix(release: Release) -> Iterator[list[Published | str]]:
    yield [header for _, header, _ in COLUMNS]
    yield [tag for _, _, tag in COLUMNS]
    for line in rows(release):
        yield [line.get(key, "") for key, _, _ in COLUMNS]


def to_csv(release: Release) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(_matrix(release))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(release: Release) -> bytes:
    from openpyxl import Workbook  # imported when a workbook is asked for (about 27 MB)

    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"{release.figures.country} {release.figures.as_of}")
    for line in _matrix(release):
        sheet.append(list(line))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
