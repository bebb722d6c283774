"""Languages people speak, named in the interface's language (babel) from their ISO 639-3
codes (pycountry): clerks choose "дари" or "Pashto", never type ``prs``."""

from __future__ import annotations

from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

# The languages of the region's registered people, first on a form's checklist.
COMMON = (
    "kaz", "rus", "eng", "uzb", "kir", "tgk", "tuk", "prs", "pus", "fas", "ukr", "ara", "urd",
    "uig", "tur", "aze",
)  # fmt: skip

# Babel names a few languages by a regional variant of another code.
_BABEL_KEYS = {"prs": "fa_AF"}


@cache
def _name(code: str, interface: str) -> str:
    language = pycountry.languages.get(alpha_3=code)
    key = _BABEL_KEYS.get(code) or getattr(language, "alpha_2", None) or code
    try:
        named = Locale.parse(interface).languages.get(key)
    except (UnknownLocaleError, ValueError):
        named = None
    return str(named or (language.name if language else code))


def language_name(code: str) -> str:
    """The name of an ISO 639-3 language in the active interface language."""
    return _name(code, (get_language() or "en").split("-")[0])


def language_choices(extra: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The common languages, then any others a record already holds, as (code, name)."""
    codes = [*COMMON, *(c for c in dict.fromkeys(extra) if c not in COMMON)]
    return [(code, language_name(code)) for code in codes]


def language_lookup(text: str) -> str | None:
    """An ISO 639-3 code for a code or an English name typed by hand; None if unknown."""
    try:
        language = pycountry.languages.lookup(text.strip())
    except LookupError:
        return None
    return str(language.alpha_3)
