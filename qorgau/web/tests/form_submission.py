"""What a browser would submit for a rendered form, left as the page shows it.

Tests that post hand-made dictionaries miss what a browser adds by itself: a select with no empty
choice always sends its selected (or first) option, an unchecked checkbox sends nothing, a date
input sends nothing for a value not written YYYY-MM-DD.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIPPED_INPUTS = frozenset({"submit", "button", "reset", "image", "file"})
# A date input keeps only a valid YYYY-MM-DD value (HTML's value sanitization); others are empty.
ISO_DATE = re.compile(r"\d{4,}-\d{2}-\d{2}")


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select: tuple[str, bool] | None = None  # name, multiple
        self._options: list[tuple[str, bool]] = []  # value, selected
        self._option: list[str] | None = None  # text of an option without a value
        self._option_attrs: dict[str, str | None] = {}
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.inside = True
            self.data = {}
            self.forms.append(self.data)
            return
        if not self.inside:
            return
        name = found.get("name")
        if tag == "input" and name:
            kind = (found.get("type") or "text").lower()
            if kind in SKIPPED_INPUTS:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in found:
                    self.data.setdefault(name, []).append(found.get("value") or "on")
                return
            value = found.get("value") or ""
            if kind == "date" and not ISO_DATE.fullmatch(value):
                value = ""
            self.data.setdefault(name, []).append(value)
        elif tag == "select" and name:
            self._select = (name, "multiple" in found)
            self._options = []
        elif tag == "option" and self._select is not None:
            self._option_attrs = found
            self._option = []
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option.append(data)
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "option" and self._option is not None:
            value = self._option_attrs.get("value")
            text = "".join(self._option).strip()
            self._options.append(
                (text if value is None else value, "selected" in self._option_attrs)
            )
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            if not multiple:
                chosen = chosen[-1:]
            if chosen:
                self.data.setdefault(name, []).extend(chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            self.data.setdefault(name, []).append("".join(parts).removeprefix("\n"))
            self._textarea = None


def form_data(html: str, field: str) -> dict[str, list[str]]:
    """What the form of ``html`` that has the field named ``field`` sends when submitted
    untouched."""
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    for data in reader.forms:
        if field in data:
            return data
    raise AssertionError(f"no form with a field named {field!r}")
