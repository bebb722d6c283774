"""A fact-sheet text is stored text: braces and percent signs in it are shown as written, never
read as a format (``{`` or ``{0}`` broke the page and the PDF, issue 14); only the four named
figures are filled in."""

import pytest

from qorgau.statistics.factsheet import _paragraphs

VALUES = {"stateless": "7 892", "refugees_and_asylum_seekers": "1 000"}


@pytest.mark.parametrize(
    "text", ["{", "}", "{0}", "{name}", "%s", "%(stateless)s", "{{x}}", "{0!r}"]
)
def test_it_shows_braces_and_percent_signs_as_written(text):
    assert [str(p) for p in _paragraphs(f"Before {text} after", VALUES)] == [f"Before {text} after"]


def test_it_fills_in_the_named_figures_beside_stray_braces():
    paragraphs = _paragraphs(
        "{ **{stateless}** stateless {0}\n\n{refugees_and_asylum_seekers}", VALUES
    )

    assert [str(p) for p in paragraphs] == [
        "{ <strong>7 892</strong> stateless {0}",
        "1 000",
    ]


def test_it_escapes_markup_in_the_text():
    assert [str(p) for p in _paragraphs("<b>{stateless}</b>", VALUES)] == [
        "&lt;b&gt;7 892&lt;/b&gt;"
    ]
