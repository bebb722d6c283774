"""Reads of the help site: the public pages (one selector per page) and the staff's list and
history of versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from qorgau.help.access import editable_help_pages
from qorgau.help.languages import HTML_LANG, NATIVE_NAMES, RIGHT_TO_LEFT, HelpLanguage
from qorgau.help.models import HelpPage
from qorgau.help.rendering import markdown_to_html
from qorgau.organisations.models import User
from qorgau.partners.models import Service
from qorgau.partners.selectors import partner_directory_of_country
from qorgau.reference.languages import language_name
from qorgau.reference.models import Region


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    html_lang: str
    path: str
    current: bool


@dataclass(frozen=True)
class Frame:
    """What every public page shows around its text: language, direction, the topics of the
    language, the other languages, the hotline."""

    language: str
    html_lang: str
    direction: str
    topics: list[HelpPage]
    languages: list[LanguageLink]
    hotline: dict[str, str] = field(default_factory=dict)


def _published(language: str) -> QuerySet[HelpPage]:
    return HelpPage.objects.filter(language=language, published=True).only(
        "language", "slug", "title", "position"
    )


def help_frame(language: str, *, slug: str = "", section: str = "") -> Frame:
    """The frame of a public page in ``language``: the language links lead to the same topic
    (``slug``) or section (``partners``) where it exists in that language, else to its index."""
    with_topic = set(
        HelpPage.objects.filter(slug=slug, published=True).values_list("language", flat=True)
    )
    # Partners near you exists in kk, ru and en; the inquiry form in every language.
    sections = {"partners": frozenset({"kk", "ru", "en"}), "ask": frozenset(HelpLanguage.values)}

    def path(code: str) -> str:
        if slug and code in with_topic:
            return f"/help/{code}/{slug}/"
        if section and code in sections[section]:
            return f"/help/{code}/{section}/"
        return f"/help/{code}/"

    return Frame(
        language=language,
        html_lang=HTML_LANG[language],
        direction="rtl" if language in RIGHT_TO_LEFT else "ltr",
        topics=list(_published(language)),
        languages=[
            LanguageLink(code, NATIVE_NAMES[code], HTML_LANG[code], path(code), code == language)
            for code in HelpLanguage.values
        ],
        hotline={
            "phone": settings.HELP_HOTLINE_PHONE,
            "email": settings.HELP_HOTLINE_EMAIL,
            "hours": settings.HELP_HOTLINE_HOURS,
        },
    )


@dataclass(frozen=True)
class PublicPage:
    page: HelpPage
    html: SafeString
    frame: Frame


def help_public_page(page: HelpPage) -> PublicPage:
    """A page as visitors read it (reached through ``access_help_page_public``)."""
    return PublicPage(
        page=page,
        html=markdown_to_html(page.body),
        frame=help_frame(page.language, slug=page.slug),
    )


@dataclass(frozen=True)
class PartnerEntry:
    """A partner's public fields: never its contact person's name."""

    name: str
    services: list[str]
    regions: list[str]
    languages: list[str]
    eligibility: str
    address: str
    phone: str
    email: str
    opening_hours: str


def help_partners(*, region: str = "", service: str = "") -> list[PartnerEntry]:
    """The directory entries of the help site's country, narrowed to ``region`` (ISO 3166-2)
    and ``service`` (a catalogue code), in the active language."""
    rows = partner_directory_of_country(settings.HELP_COUNTRY, region=region, service=service)
    return [
        PartnerEntry(
            name=str(profile.organisation),
            services=[s.name for s in profile.services.all()],
            regions=[r.name for r in profile.regions.all()],
            languages=[language_name(code) for code in profile.language_codes],
            eligibility=profile.eligibility,
            address=profile.address,
            phone=profile.phone,
            email=profile.email,
            opening_hours=profile.opening_hours,
        )
        for profile in rows
    ]


def help_partner_choices() -> tuple[list[Region], list[Service]]:
    """The regions of the help site's country and the services of the catalogue."""
    regions = Region.objects.filter(country__iso3=settings.HELP_COUNTRY).order_by("code")
    return list(regions), list(Service.objects.order_by("position"))


def help_pages_for_staff(user: User | AnonymousUser) -> QuerySet[HelpPage]:
    """Every page, by language, order and address, for an editor; none for anyone else."""
    return editable_help_pages(user).order_by("language", "position", "slug")


@dataclass(frozen=True)
class Version:
    history_id: int
    version: int
    when: Any
    who: str
    reason: str
    changed: list[str]
    title: str
    published: bool
    current: bool


TRACKED = ("slug", "title", "body", "position", "published")


def help_page_versions(page: HelpPage) -> list[Version]:
    """Every version of the page, newest first: who saved it, when, why, and which fields
    changed from the version before."""
    rows = list(page.history.select_related("history_user").order_by("history_date", "history_id"))
    versions: list[Version] = []
    previous = None
    for row in rows:
        changed = [
            name
            for name in TRACKED
            if previous is None or getattr(row, name) != getattr(previous, name)
        ]
        versions.append(
            Version(
                history_id=row.history_id,
                version=row.version,
                when=row.history_date,
                who=row.history_user.get_username() if row.history_user else "",
                reason=row.history_change_reason or "",
                changed=changed,
                title=row.title,
                published=row.published,
                current=row.version == page.version,
            )
        )
        previous = row
    return versions[::-1]
