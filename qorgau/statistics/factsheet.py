"""The fact sheet: the seed document's structure, figures from the database, narrative blocks
per language, charts as SVG; one template for the web page and the PDF (two A4 pages)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import override

from qorgau.formats.display import local_date, local_number
from qorgau.funding.selectors import FundingBlock, factsheet_funding
from qorgau.reference.models import Country
from qorgau.statistics.cached import figures_cached
from qorgau.statistics.charts import Chart, charts
from qorgau.statistics.disclosure import Policy, Published
from qorgau.statistics.models import Block, Contact, FactSheetText
from qorgau.statistics.tables import TOTAL, Release, release

STYLESHEET = Path(__file__).resolve().parent / "static" / "statistics" / "factsheet.css"
# Sections other apps add to the fact sheet (called from their ``AppConfig.ready``), so that
# statistics imports no app above it (as ``people.page.person_page_section_register``, ADR
# 0023): ``build(country, language, as_of)`` returns what the section's template shows.
type FactSheetSection = Callable[[Country, str, dt.date], Any]
_SECTIONS: dict[str, FactSheetSection] = {}


def factsheet_section_register(name: str, build: FactSheetSection) -> None:
    """Add a section to every fact sheet under ``name`` (``sheet.sections.<name>``)."""
    _SECTIONS[name] = build


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_FIGURE = re.compile(r"\{(\w+)\}")


def number(value: Published | Decimal, language: str) -> str:
    """7,892 in English, 7 892 in Russian and Kazakh; ``*`` stays ``*`` (the pages' own formats:
    docs/adr/0012-dates-and-numbers.md)."""
    with override(language):
        return str(local_number(value))


def _paragraphs(text: str, values: dict[str, str]) -> list[SafeString]:
    # Never str.format on stored text: a stray "{" or "{0}" broke the page (issue 14). Only a
    # named figure is replaced; every other brace stays as written.
    filled = _FIGURE.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    return [
        mark_safe(_BOLD.sub(r"<strong>\1</strong>", str(escape(part.strip()))))  # noqa: S308
        for part in filled.split("\n\n")
        if part.strip()
    ]


@dataclass(frozen=True)
class FactSheet:
    country: Country
    language: str
    as_of: dt.date
    funding_as_of: dt.date
    release: Release
    texts: dict[str, list[SafeString]]
    funding: FundingBlock | None  # the funding block and donors list (funding/selectors.py)
    contacts: list[tuple[str, str, str]]
    charts: dict[str, Chart]
    svgs: dict[str, SafeString]
    sections: dict[str, Any] = field(default_factory=dict)

    def value(self, table: str, column: str = TOTAL) -> str:
        return number(self.release.value(table, column), self.language)

    @property
    def key_figures(self) -> dict[str, Any]:
        line = self.release.line("refugees_by_origin")
        origins = sorted(
            ((k, v) for k, v in line.items() if k not in (TOTAL, "unknown") and isinstance(v, int)),
            key=lambda kv: -int(kv[1]),
        )[:2]
        names = {c.iso3: c for c in Country.objects.filter(iso3__in=[k for k, _ in origins])}
        with override(self.language):
            return {
                "refugees": self.value("refugees_and_asylum_seekers"),
                "origins_text": ", ".join(
                    f"{names[k].name} ({number(v, self.language)})" for k, v in origins
                ),
                "stateless": self.value("stateless"),
                "government": self.value("stateless", "STA"),
                "undetermined": self.value("stateless", "UND"),
            }

    def date(self, day: dt.date) -> str:
        with override(self.language):
            return str(local_date(day))


def factsheet(
    *, country: str, as_of: dt.date, funding_as_of: dt.date, language: str, policy: Policy
) -> FactSheet:
    office = Country.objects.get(iso3=country)
    published = release(figures_cached(country=country, as_of=as_of), policy)
    acquired = published.figures.acquired_total
    values = {
        "refugees_and_asylum_seekers": number(published.value("refugees_and_asylum_seekers"),
                                              language),
        "stateless": number(published.value("stateless"), language),
        "citizenship_acquired": number(acquired, language),
        "citizenship_acquired_thousands": number(acquired // 1000 * 1000, language),
    }  # fmt: skip
    stored = {
        t.block: t.text for t in FactSheetText.objects.filter(country=office, language=language)
    }
    funding = factsheet_funding(country=country, as_of=funding_as_of, language=language)
    with override(language):
        drawn = charts(published, policy)
        svgs = {name: mark_safe(chart.svg()) for name, chart in drawn.items()}  # noqa: S308
    return FactSheet(
        country=office,
        language=language,
        as_of=as_of,
        funding_as_of=funding_as_of,
        release=published,
        texts={block: _paragraphs(stored.get(block, ""), values) for block in Block.values},
        funding=funding,
        contacts=[
            (c.name, getattr(c, f"title_{language}") or c.title_en, c.email)
            for c in Contact.objects.filter(country=office)
        ],
        charts=drawn,
        svgs=svgs,
        sections={name: build(office, language, as_of) for name, build in _SECTIONS.items()},
    )


def factsheet_html(sheet: FactSheet, *, standalone: bool) -> str:
    with override(sheet.language):
        return render_to_string(
            "statistics/factsheet_document.html",
            {
                "sheet": sheet,
                "figures": sheet.key_figures,
                "standalone": standalone,
                "as_of": sheet.date(sheet.as_of),
                **funding_context(sheet),
            },
        )


def funding_context(sheet: FactSheet) -> dict[str, Any]:
    """What the funding block's include (``funding/factsheet_funding.html``) shows."""
    if sheet.funding is None:
        return {}
    millions = (sheet.funding.required_usd / Decimal(1_000_000)).quantize(Decimal("0.01"))
    return {
        "required": number(millions, sheet.language),
        "funding_date": sheet.date(sheet.funding.as_of),
        "funding_countries": _and_list(sheet.funding.countries, sheet.language),
        "funded_width": min(sheet.funding.percent, Decimal(100)),
    }


def _and_list(items: list[str], language: str) -> str:
    from babel.lists import format_list

    return str(format_list(items, locale=language)) if items else ""


def factsheet_pdf(sheet: FactSheet) -> bytes:
    from weasyprint import CSS, HTML

    document = HTML(string=factsheet_html(sheet, standalone=True))
    pdf: bytes = document.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
    return pdf
