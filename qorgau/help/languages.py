"""The languages of the public help site: the interface's three (kk, ru, en) for every page,
and Dari and Ukrainian, the largest groups of origin, for the main pages (ADR 0048).

Dari is written right to left; its pages say ``lang="fa-AF"`` (Dari as written in
Afghanistan: browsers and screen readers know ``fa``, not ISO 639-3 ``prs``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HelpLanguage(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    DARI = "fa", _("Dari")
    UKRAINIAN = "uk", _("Ukrainian")


#: The languages Django's gettext catalogues cover; the others take their fixed strings from
#: ``help/chrome.py``.
GETTEXT_LANGUAGES = frozenset({"kk", "ru", "en"})
RIGHT_TO_LEFT = frozenset({"fa"})
#: The value of the page's ``lang`` attribute.
HTML_LANG = {"kk": "kk", "ru": "ru", "en": "en", "fa": "fa-AF", "uk": "uk"}
#: Each language's own name, for the language switcher.
NATIVE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English", "fa": "دری", "uk": "Українська"}
#: Accept-Language tags that mean one of ours (Dari is sent as fa, fa-AF or prs).
TAGS = {"kk": "kk", "ru": "ru", "en": "en", "fa": "fa", "prs": "fa", "uk": "uk"}
