"""The fact sheet's pledges narrative, drawn from the pledge records in kk, ru and en, with
each pledge's status as of the sheet's date; in the web page and the PDF."""

from __future__ import annotations

import datetime as dt

import pytest

from qorgau.organisations.models import User
from qorgau.pledges.models import Pledge
from qorgau.pledges.services import pledge_progress_record, pledges_seed
from qorgau.statistics.disclosure import NO_CONTROL
from qorgau.statistics.factsheet import factsheet, factsheet_html, factsheet_pdf


def _sheet(language: str, as_of: dt.date = dt.date(2024, 7, 1)):  # type: ignore[no-untyped-def]
    return factsheet(
        country="KAZ", as_of=as_of, funding_as_of=as_of, language=language, policy=NO_CONTROL
    )


@pytest.fixture
def seeded(officer: User) -> None:
    """The demo's five pledges; the border pledge in progress since 1 March 2024."""
    pledges_seed()
    border = Pledge.objects.get(area="border_referral")
    pledge_progress_record(
        actor=officer, pledge=border, version=1, occurred_on=dt.date(2024, 3, 1),
        summary="Standard operating procedures drafted.", status="in_progress",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["At the 2023 Global Refugee Forum, Kazakhstan made 5 pledges:",
                "Border referral procedures (In progress)", "Facilitated naturalisation (Planning)"]),
        ("ru", ["Процедуры перенаправления на границе (", "Упрощённый приём в гражданство ("]),
        ("kk", ["Шекарада жолдау рәсімдері (", "Азаматтыққа жеңілдетілген тәртіппен қабылдау ("]),
    ],
)  # fmt: skip
def test_it_tells_the_pledges_from_their_records(
    seeded: None, language: str, expected: list[str]
) -> None:

    html = factsheet_html(_sheet(language), standalone=False)

    assert [text for text in expected if text not in html] == []


def test_it_shows_the_status_as_of_the_sheets_date(seeded: None) -> None:

    before = factsheet_html(_sheet("en", dt.date(2024, 1, 1)), standalone=False)
    before_forum = factsheet_html(_sheet("en", dt.date(2023, 12, 1)), standalone=False)

    assert "Border referral procedures (Planning)" in before
    assert "Global Refugee Forum" not in before_forum


def test_the_pdf_carries_the_narrative(db: None) -> None:
    import io

    import pypdf

    pledges_seed()
    reader = pypdf.PdfReader(io.BytesIO(factsheet_pdf(_sheet("kk"))))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Шекарада жолдау рәсімдері" in text
