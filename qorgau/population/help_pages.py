"""The demo's help site: general pages on asylum, statelessness, the border, rights and
services and the hotline, from the 2024 fact sheet and the domain brief, in kk, ru and en, and
the main ones in Dari and Ukrainian. Written through the help pages' service, as the agency
office's administrator would, and published. The hotline's contacts are the placeholders of
the settings (``QORGAU_HELP_HOTLINE_*``), never a number that could be someone's."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from qorgau.help.models import HelpPage
from qorgau.help.services import help_page_create
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.population.organisations import demo_username

PAGES = Path(__file__).parent / "help"
#: The topics in the order the site lists them.
TOPICS = ("asylum", "statelessness", "border", "rights", "hotline")


def help_seed_texts() -> list[tuple[str, str, int, str, str]]:
    """(language, slug, position, title, body) of every shipped page, the hotline's
    placeholders filled in from the settings."""
    values = {
        "{hotline_phone}": settings.HELP_HOTLINE_PHONE,
        "{hotline_email}": settings.HELP_HOTLINE_EMAIL,
        "{hotline_hours}": settings.HELP_HOTLINE_HOURS,
    }
    found = []
    for path in sorted(PAGES.glob("*.md")):
        slug, language = path.stem.split(".")
        first, _, body = path.read_text(encoding="utf-8").partition("\n")
        for key, value in values.items():
            body = body.replace(key, value)
        found.append(
            (language, slug, TOPICS.index(slug) + 1, first.removeprefix("# "), body.strip())
        )
    return found


def help_pages_seed(organisations: dict[str, Organisation]) -> int:
    """The shipped help pages, published (idempotent: a page that exists, perhaps edited
    since, is left alone); returns how many were added."""
    actor = User.objects.get(username=demo_username(organisations["unhcr-kaz"], Role.ADMINISTRATOR))
    added = 0
    for language, slug, position, title, body in help_seed_texts():
        if HelpPage.objects.filter(language=language, slug=slug).exists():
            continue
        help_page_create(
            actor=actor, language=language, slug=slug, title=title, body=body,
            position=position, published=True,
        )  # fmt: skip
        added += 1
    return added
