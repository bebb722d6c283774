"""An XLSX read as a stream: one row at a time, whatever the number of rows (ADR 0063).

python-calamine (0.9.1) reads a whole sheet into memory before giving its first row, and
openpyxl's read-only mode, which streams, costs twenty times calamine's CPU. This reader parses
the sheet's XML inside the zip with ``lxml.etree.iterparse``, clearing each row once read, and
gives the values python-calamine gives for the same cells (a test compares the two):

- the shared strings are read once (kept as one string and offsets, not a Python string each),
  and the styles once, for which number formats are dates, times or durations;
- cell types: ``s`` (shared string), ``str`` and ``inlineStr`` (text), ``b`` (``True``/
  ``False``), ``e`` (an error: empty, as calamine), ``n`` or none (a ``float``, or a date,
  time or duration when the cell's format says so, in the workbook's 1900 or 1904 system);
- no DTD, no entities, no network (``resolve_entities=False``, ``no_network=True``); formulas
  and zip bombs are refused before (``readers.formula_check``, ``readers.file_check``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from array import array
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from lxml import etree

__all__ = ["XlsxError", "XlsxStream"]

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Excel's built-in number formats that show a date or time (ECMA-376 18.8.30, and the
#: East Asian ones python-calamine also counts); 46 (``[h]:mm:ss``) is a duration.
BUILTIN_DATES = frozenset([*range(14, 23), *range(27, 37), 45, 47, *range(50, 59), *range(71, 82)])
BUILTIN_DURATIONS = frozenset([46])
DATE, DURATION = 1, 2
EPOCH_1900 = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)
_DIGITS = re.compile(r"\d")


class XlsxError(ValueError):
    """The file is a zip, but not a workbook this reader understands."""


def _parser_options() -> dict[str, Any]:
    return {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False}


def _xml(archive: zipfile.ZipFile, name: str) -> Any:
    """A small part of the workbook (the workbook, its relations, the styles), parsed whole."""
    with archive.open(name) as handle:
        return etree.parse(handle, etree.XMLParser(**_parser_options())).getroot()


def _local(tag: Any) -> str:
    return str(tag).rpartition("}")[2]


def format_kind(code: str) -> int:
    """``DATE`` or ``DURATION`` when the custom number format shows one, else 0: a date or
    time letter (d m y h s) outside quotes, escapes and ``[…]``, in the format's first
    section; ``[h]``, ``[m]`` or ``[s]`` make it a duration (as python-calamine decides)."""
    escaped = quoted = False
    brackets, hms = 0, False
    for char in code:
        if escaped:
            escaped = False
        elif quoted:
            quoted = char != '"'
        elif char in "\\_*":
            escaped = True
        elif char == '"':
            quoted = True
        elif char == ";":
            return 0
        elif char == "[":
            brackets += 1
        elif char == "]":
            if brackets == 1 and hms:
                return DURATION
            brackets = max(brackets - 1, 0)
        elif brackets:
            hms = hms or char in "hHmMsS"
        elif char in "dDmMyYhHsS":
            return DATE
    return 0


class XlsxStream:
    """The workbook's sheets (names in order) and, for each, an iterator of its rows."""

    def __init__(self, path: Path) -> None:
        try:
            self.archive = zipfile.ZipFile(path)
            self._workbook()
            self.kinds = self._styles()
            self.strings, self.offsets = self._shared_strings()
        except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile) as error:
            raise XlsxError(type(error).__name__) from None

    # --- the workbook's parts, read once -------------------------------------------------

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in self.archive.NameToInfo:
            return {}
        found = {}
        for relation in _xml(self.archive, rels).iter(f"{PKG_REL_NS}Relationship"):
            target = relation.get("Target", "")
            if relation.get("TargetMode") == "External":
                continue
            path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            kind = relation.get("Type", "").rpartition("/")[2]
            found[relation.get("Id", "")] = (kind, posixpath.normpath(path))
        return found

    def _workbook(self) -> None:
        part = "xl/workbook.xml"
        for relation in _xml(self.archive, "_rels/.rels").iter(f"{PKG_REL_NS}Relationship"):
            if relation.get("Type", "").endswith("/officeDocument"):
                part = relation.get("Target", part).lstrip("/")
        self.relations = self._relations(part)
        root = _xml(self.archive, part)
        properties = next((e for e in root if _local(e.tag) == "workbookPr"), None)
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        self.epoch = EPOCH_1904 if date1904 else EPOCH_1900
        self.sheets: list[tuple[str, str]] = []  # (name, part)
        for sheet in root.iter("{*}sheet"):
            rid = sheet.get(f"{{{REL_NS}}}id") or sheet.get(f"{{{STRICT_REL_NS}}}id") or ""
            kind, target = self.relations.get(rid, ("", ""))
            if kind == "worksheet":
                self.sheets.append((sheet.get("name", ""), target))

    def _part(self, kind: str) -> str | None:
        return next((t for k, t in self.relations.values() if k == kind), None)

    def _styles(self) -> list[int]:
        """For each cell style (``s``), whether its number format is a date or a duration."""
        part = self._part("styles")
        if part is None or part not in self.archive.NameToInfo:
            return []
        root = _xml(self.archive, part)
        custom = {
            int(f.get("numFmtId", "-1")): format_kind(f.get("formatCode", ""))
            for f in root.iter("{*}numFmt")
        }
        kinds = []
        xfs = next(root.iter("{*}cellXfs"), None)
        for xf in xfs.iterchildren("{*}xf") if xfs is not None else ():
            number = int(xf.get("numFmtId", "0"))
            if number in custom:
                kinds.append(custom[number])
            elif number in BUILTIN_DATES:
                kinds.append(DATE)
            else:
                kinds.append(DURATION if number in BUILTIN_DURATIONS else 0)
        return kinds

    def _shared_strings(self) -> tuple[str, array[int]]:
        """The shared strings, read once as a stream: their text joined in one string, with
        each one's start (a Python string each would be ~60 bytes more per string)."""
        offsets = array("q", [0])
        part = self._part("sharedStrings")
        if part is None or part not in self.archive.NameToInfo:
            return "", offsets
        parts: list[str] = []
        size = 0
        with self.archive.open(part) as handle:
            for _event, item in etree.iterparse(handle, tag="{*}si", **_parser_options()):
                text = _text(item)
                parts.append(text)
                size += len(text)
                offsets.append(size)
                item.clear(keep_tail=False)
                while item.getprevious() is not None:
                    del item.getparent()[0]
        return "".join(parts), offsets

    # --- a sheet's rows ------------------------------------------------------------------

    def rows(self, index: int) -> Iterator[tuple[int, list[Any]]]:
        """The sheet's rows, each its number and its cells from column A on (python-calamine's
        values: ``str``, ``float``, ``bool``, dates, times, durations; ``""`` for none)."""
        _name, part = self.sheets[index]
        with self.archive.open(part) as handle:
            yield from self._parse(handle)

    def _parse(self, handle: IO[bytes]) -> Iterator[tuple[int, list[Any]]]:
        strings, offsets, kinds = self.strings, self.offsets, self.kinds
        number, tags = 0, None
        inline = plain = ""
        for _event, row in etree.iterparse(handle, tag="{*}row", **_parser_options()):
            if tags is None:
                tags = _Tags(str(row.tag)[:-3])
                inline, plain = tags.inline, tags.text
            number = int(row.get("r") or number + 1)
            suffix = str(number)
            cells: list[Any] = []
            append = cells.append
            # Cells come in column order: when the last one is in the row's n-th column, the
            # row has no gap, and the other cells' references need no reading.
            width = len(row)
            dense = not width or row[-1].get("r") == _LETTERS[width - 1] + suffix
            for cell in row.iterchildren(tags.cell):
                if not dense:
                    reference = cell.get("r")
                    if reference is not None and reference != _LETTERS[len(cells)] + suffix:
                        column = _column(reference)
                        if column > len(cells):
                            cells.extend([""] * (column - len(cells)))
                if not len(cell):
                    append("")
                    continue
                kind = cell.get("t")
                last = cell[-1]  # <v>, or <is>, after <f> (refused before) if any
                if kind == "inlineStr":
                    if last.tag == inline and len(last) == 1 and last[0].tag == plain:
                        append(last[0].text or "")
                    else:
                        append(_inline(cell.find(inline)))
                    continue
                if last.tag != tags.v:
                    last = cell.find(tags.v)
                text = None if last is None else last.text
                if text is None:
                    append("")
                elif kind == "s":
                    at = int(text)
                    append(strings[offsets[at] : offsets[at + 1]])
                elif kind is None or kind == "n":
                    style = cell.get("s")
                    if style is None or not (dated := _kind(kinds, style)):
                        append(float(text))
                    else:
                        append(self._dated(float(text), dated))
                elif kind == "b":
                    append(text.strip() in ("1", "true"))
                elif kind == "e":  # an error (#N/A, #DIV/0!) reads as empty, as in calamine
                    append("")
                else:  # "str" (a formula's text), "d" (an ISO 8601 date)
                    append(text)
            row.clear(keep_tail=False)
            while row.getprevious() is not None:
                del row.getparent()[0]
            yield number, cells

    def _dated(self, value: float, kind: int) -> Any:
        if kind == DURATION:
            return dt.timedelta(milliseconds=round(value * 86_400_000))
        return self._date(value)

    def _date(self, value: float) -> Any:
        """An Excel serial as python-calamine gives it: a time below one day, a date when it
        has no time of day, else a datetime (to the millisecond); 1900's phantom 29 February
        (serial 60) reads as the 28th, and serials before it count from 31 December 1899."""
        epoch = self.epoch
        if epoch is EPOCH_1900 and 1 <= value < 60:
            value += 1
        moment = epoch + dt.timedelta(milliseconds=round(value * 86_400_000))
        if value < 1:
            return moment.time()
        if moment.time() == dt.time():
            return moment.date()
        return moment


class _Tags:
    """The sheet's element names in its namespace (transitional or strict)."""

    def __init__(self, namespace: str) -> None:
        self.cell = f"{namespace}c"
        self.v = f"{namespace}v"
        self.inline = f"{namespace}is"
        self.text = f"{namespace}t"


def _kind(kinds: list[int], style: str) -> int:
    at = int(style)
    return kinds[at] if at < len(kinds) else 0


def _inline(item: Any) -> str:
    """An inline string (``<is>``): its one ``<t>``, or its runs."""
    if item is None:
        return ""
    return _text(item)


def _letters(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


#: The letters of the first columns: a cell's reference is checked against them, cheaply.
_LETTERS = [_letters(i) for i in range(16_384)]


@lru_cache(maxsize=4096)
def _column_letters(letters: str) -> int:
    column = 0
    for char in letters:
        column = column * 26 + ord(char) - 64
    return column - 1


def _column(reference: str) -> int:
    """The column's index (A is 0) of a cell reference such as ``AB12``."""
    digits = _DIGITS.search(reference)
    return _column_letters(reference[: digits.start()] if digits else reference)


def _text(item: Any) -> str:
    """A string item's text: its ``t``, or its runs' ``t`` (phonetic guides left out)."""
    parts = []
    for child in item:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)
