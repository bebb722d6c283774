"""The translation catalogues: complete, compiled, consistent with the source (no database).

``make messages`` regenerates ``qorgau/locale/*/LC_MESSAGES/django.po``; these tests fail when an
entry is left untranslated or fuzzy, when a ``.mo`` file does not hold what its ``.po`` says, when
a translation loses or invents a placeholder, or when the source has a string the catalogue lacks.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.utils.translation import templatize

PACKAGE_DIR = Path(__file__).resolve().parents[2]
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ("kk", "ru", "en")
TRANSLATED = ("kk", "ru")
PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n!=1);",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "en": "nplurals=2; plural=(n != 1);",
}

# The keywords Django's makemessages passes to xgettext for the "django" domain.
XGETTEXT_KEYWORDS = (
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
    "_",
    "gettext",
    "ngettext:1,2",
)
# Folders of the package that makemessages does not read (names/) or that hold no interface text.
SKIPPED_DIRS = frozenset({"names", "migrations", "tests", "locale", "__pycache__"})
TEMPLATE_SUFFIXES = (".html", ".txt")

# %(name)s, %(count)d, %(x)-5.2f …; "%%" is a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")

Key = tuple[str | None, str | tuple[str, ...]]


def _po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def _read_po(language: str) -> Catalog:
    with _po_path(language).open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def _read_mo(language: str) -> Catalog:
    with _po_path(language).with_suffix(".mo").open("rb") as handle:
        return read_mo(handle)


def _entries(catalog: Catalog) -> Iterator[Message]:
    """Every message but the header."""
    return (message for message in catalog if message.id)


def _strings(message: Message) -> tuple[str, ...]:
    if isinstance(message.string, list | tuple):
        return tuple(message.string)
    return (message.string or "",)


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, list | tuple) else (message.id,)


def _key(message: Message) -> Key:
    ids = _ids(message)
    return (message.context, ids if len(ids) > 1 else ids[0])


def _label(message: Message) -> str:
    context = f"[{message.context}] " if message.context else ""
    return context + _ids(message)[0]


def _placeholders(text: str) -> tuple[set[str], int]:
    """Named placeholders, and the number of unnamed ones (such as a bare %s)."""
    names: set[str] = set()
    unnamed = 0
    for match in PLACEHOLDER.finditer(text):
        if match.group(0) == "%%":
            continue
        if match.group("name") is None:
            unnamed += 1
        else:
            names.add(match.group("name"))
    return names, unnamed


def _raw_header(language: str) -> dict[str, str]:
    """The header fields as written in the file (babel rewrites some when it reads them)."""
    text = _po_path(language).read_text(encoding="utf-8").split("\n\n", 1)[0]
    block = text.split('msgid ""\nmsgstr ""\n', 1)[1]
    joined = "".join(line.strip()[1:-1] for line in block.splitlines())
    fields = (field.split(":", 1) for field in joined.split("\\n") if ":" in field)
    return {name.strip(): value.strip() for name, value in fields}


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_declares_language_charset_and_plural_forms(language: str) -> None:
    catalog = _read_po(language)
    header = _raw_header(language)

    assert not catalog.fuzzy, f"{language}: the header is still marked fuzzy"
    assert header["Language"] == language
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Plural-Forms"] == PLURAL_FORMS[language]
    assert catalog.plural_forms == PLURAL_FORMS[language]


@pytest.mark.parametrize("language", TRANSLATED)
def test_it_translates_every_entry(language: str) -> None:
    catalog = _read_po(language)
    entries = list(_entries(catalog))
    untranslated = []
    fuzzy = []
    for message in entries:
        strings = _strings(message)
        if message.pluralizable and len(strings) != catalog.num_plurals:
            untranslated.append(f"{_label(message)} ({len(strings)} plural forms)")
        elif not all(string.strip() for string in strings):
            untranslated.append(_label(message))
        if message.fuzzy:
            fuzzy.append(_label(message))

    assert entries, f"{language}: the catalogue is empty"
    assert not untranslated, f"{language}: untranslated entries: {untranslated}"
    assert not fuzzy, f"{language}: fuzzy entries: {fuzzy}"


def test_it_gives_the_english_plural_forms() -> None:
    plurals = [message for message in _entries(_read_po("en")) if message.pluralizable]
    wrong = [_label(m) for m in plurals if _strings(m) != _ids(m)]

    assert not wrong, f"en: plural entries whose msgstr are not the English forms: {wrong}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_compiles_the_current_catalogue(language: str) -> None:
    # msgfmt leaves out untranslated and fuzzy entries, and so does this comparison.
    expected = {
        _key(message): _strings(message)
        for message in _entries(_read_po(language))
        if not message.fuzzy and all(_strings(message))
    }
    compiled = _read_mo(language)
    actual = {_key(message): _strings(message) for message in _entries(compiled)}

    problems = {
        "missing": sorted(str(key) for key in expected.keys() - actual.keys()),
        "stale": sorted(str(key) for key in actual.keys() - expected.keys()),
        "changed": sorted(
            str(key) for key in expected.keys() & actual.keys() if expected[key] != actual[key]
        ),
    }
    problems = {kind: keys for kind, keys in problems.items() if keys}
    assert not problems, (
        f"{language}: django.mo is out of date, run `qorgau compilemessages`: {problems}"
    )
    assert compiled.plural_forms == PLURAL_FORMS[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_the_placeholders(language: str) -> None:
    wrong = []
    for message in _entries(_read_po(language)):
        texts = (*_ids(message), *_strings(message))
        if "python-format" not in message.flags and not any("%(" in text for text in texts):
            continue  # "100% sure" is no placeholder unless the string is interpolated
        source: set[str] = set()
        unnamed = set()
        for text in _ids(message):
            names, count = _placeholders(text)
            source |= names
            unnamed.add(count)
        for string in _strings(message):
            if not string:
                continue
            names, count = _placeholders(string)
            if names != source or count not in unnamed:
                wrong.append(f"{_label(message)!r} -> {string!r}")

    assert not wrong, f"{language}: placeholders differ from the msgid: {wrong}"


def _source_files(suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(
        path
        for path in PACKAGE_DIR.rglob("*")
        if path.suffix in suffixes
        and path.is_file()
        and not SKIPPED_DIRS.intersection(path.relative_to(PACKAGE_DIR).parts[:-1])
        and not any(part.startswith(".") for part in path.relative_to(PACKAGE_DIR).parts)
    )


def _extract(xgettext: str, workdir: Path) -> set[Key]:
    """The msgids of the source, extracted the way makemessages does."""
    sources = _source_files((".py",))
    for number, template in enumerate(_source_files(TEMPLATE_SUFFIXES)):
        text = template.read_text(encoding="utf-8")
        converted = workdir / f"template_{number}_{template.name}.py"
        converted.write_text(templatize(text, origin=str(template)), encoding="utf-8")
        sources.append(converted)
    assert sources, "no source files found"

    result = subprocess.run(  # noqa: S603 (a fixed program with our own file names)
        [
            xgettext,
            "-L",
            "Python",
            "--from-code=UTF-8",
            *(f"--keyword={keyword}" for keyword in XGETTEXT_KEYWORDS),
            "--output=-",
            *map(str, sources),
        ],
        capture_output=True,
        check=False,
        cwd=workdir,
    )
    assert result.returncode == 0, result.stderr.decode()
    if not result.stdout:  # xgettext writes nothing when it finds no string at all
        return set()
    # The template header's "nplurals=INTEGER" is not a valid Plural-Forms for babel.
    pot = re.sub(rb'(?m)^"Plural-Forms:.*\n', b"", result.stdout)
    extracted = read_po(io.BytesIO(pot), abort_invalid=True)
    return {_key(message) for message in _entries(extracted)}


@pytest.fixture(scope="module")
def source_ids(tmp_path_factory: pytest.TempPathFactory) -> set[Key]:
    xgettext = shutil.which("xgettext")
    if xgettext is None:
        pytest.skip("xgettext (GNU gettext) is not on PATH: cannot extract the source strings")
    return _extract(xgettext, tmp_path_factory.mktemp("xgettext"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_covers_every_string_of_the_source(source_ids: set[Key], language: str) -> None:
    catalogue = {_key(message) for message in _entries(_read_po(language))}
    missing = sorted(str(key) for key in source_ids - catalogue)

    assert source_ids, "xgettext found no translatable string in the source"
    assert not missing, (
        f"{language}: strings missing from the catalogue, run `make messages` and translate "
        f"them: {missing}"
    )
