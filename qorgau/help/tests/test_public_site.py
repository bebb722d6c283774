"""The public help site: every shipped page in every language it exists in (Dari right to
left), the language chosen from the URL and remembered, unpublished pages hidden, and what a
visitor's browser gets: cacheable, no third-party request, the security headers."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from qorgau.help.services import help_page_create, help_page_publish
from qorgau.help.tests.factories import page_make
from qorgau.help.tests.weight import page_weight
from qorgau.population.help_pages import help_seed_texts

pytestmark = pytest.mark.django_db

MAIN = {"asylum", "statelessness", "border", "hotline"}


@pytest.fixture
def seeded(officer):
    for language, slug, position, title, body in help_seed_texts():
        help_page_create(
            actor=officer, language=language, slug=slug, title=title, body=body,
            position=position, published=True,
        )  # fmt: skip


def test_the_seed_has_every_page_in_kk_ru_en_and_the_main_ones_in_fa_and_uk():
    shipped = {(language, slug) for language, slug, *_ in help_seed_texts()}

    for slug in ("asylum", "statelessness", "border", "rights", "hotline"):
        assert {("kk", slug), ("ru", slug), ("en", slug)} <= shipped
    assert {(lang, slug) for lang in ("fa", "uk") for slug in MAIN} <= shipped
    assert all(settings.HELP_HOTLINE_PHONE in body for *_, slug, _, _, body in [
        (lang, s, p, t, b) for lang, s, p, t, b in help_seed_texts() if s == "hotline"
    ])  # fmt: skip


def test_every_shipped_page_is_served_in_its_language(seeded, client):
    for language, slug, _, title, _ in help_seed_texts():
        response = client.get(f"/help/{language}/{slug}/")

        assert response.status_code == 200, (language, slug)
        html = response.content.decode()
        expected = {"fa": ('lang="fa-AF"', 'dir="rtl"')}.get(
            language, (f'lang="{language}"', 'dir="ltr"')
        )
        assert all(attribute in html[:200] for attribute in expected), (language, slug)
        assert f"<h1>{title}</h1>" in html
        assert f'href="/help/{language}/ask/"' in html


@pytest.mark.parametrize(
    ("language", "skip"),
    [("kk", "Мазмұнға өту"), ("ru", "Перейти к содержанию"), ("en", "Skip to the content"),
     ("fa", "رفتن به متن اصلی"), ("uk", "Перейти до змісту")],
)  # fmt: skip
def test_the_index_speaks_the_language_of_its_address(seeded, client, language, skip):
    response = client.get(f"/help/{language}/")

    assert response.status_code == 200
    assert skip in response.content.decode()
    assert response["Content-Language"] == language


@pytest.mark.parametrize(
    ("header", "cookie", "expected"),
    [
        ("fa-AF,fa;q=0.9,en;q=0.5", None, "fa"),
        ("prs", None, "fa"),
        ("uk-UA,uk;q=0.9", None, "uk"),
        ("de-DE,kk;q=0.8", None, "kk"),
        ("de-DE", None, settings.LANGUAGE_CODE),
        ("ru-RU", "uk", "uk"),
    ],
)
def test_the_root_sends_visitors_to_their_language(header, cookie, expected):
    client = Client(headers={"accept-language": header})
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie

    response = client.get("/help/")

    assert (response.status_code, response["Location"]) == (302, f"/help/{expected}/")


def test_a_visit_remembers_the_language_in_the_cookie(seeded, client):
    first = client.get("/help/fa/border/")
    second = client.get("/help/")

    assert first.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fa"
    assert second["Location"] == "/help/fa/"


def test_an_unpublished_page_is_404_for_the_public_and_shown_to_the_editors(officer, login):
    page = page_make(officer, published=False)

    anonymous = Client().get("/help/en/border/")
    editor = login(officer).get("/help/en/border/")
    help_page_publish(actor=officer, page=page, version=1, published=True)
    published = Client().get("/help/en/border/")

    assert (anonymous.status_code, editor.status_code, published.status_code) == (404, 200, 200)
    assert "Not published: only staff see this page." in editor.content.decode()
    assert "Not published" not in published.content.decode()


@pytest.mark.parametrize("who", ["clerk", "ngo_a"])
def test_an_unpublished_page_is_404_for_staff_who_do_not_edit_the_site(
    request, officer, login, who
):
    page_make(officer, published=False)

    assert login(request.getfixturevalue(who)).get("/help/en/border/").status_code == 404


def test_an_unknown_language_or_page_is_404(seeded, client):
    assert client.get("/help/de/").status_code == 404
    assert client.get("/help/en/no-such-page/").status_code == 404
    assert client.get("/help/fa/rights/").status_code == 404  # not written in Dari


def test_public_pages_are_cacheable_and_load_nothing_from_elsewhere(seeded, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    response = client.get("/help/ru/border/")

    html = response.content.decode()
    assert "public" in response["Cache-Control"]
    assert f"max-age={settings.HELP_CACHE_SECONDS}" in response["Cache-Control"]
    assert "script-src" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # every link and file our own
    assert not response.cookies  # the language is remembered already: no cookie, no session


def test_a_page_that_sets_the_cookie_is_private(seeded, client):
    response = client.get("/help/ru/border/")

    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_signed_in_editor_is_never_cached(seeded, officer, login):
    response = login(officer).get("/help/en/border/")

    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("language", "slug"), [("en", "rights"), ("ru", "asylum"), ("fa", "asylum")]
)
def test_each_page_with_everything_it_loads_stays_under_100_kb(seeded, client, language, slug):
    loaded, sizes = page_weight(client, client.get(f"/help/{language}/{slug}/"))

    assert loaded  # the stylesheet is counted
    assert sum(sizes) <= 100_000, sizes


def test_the_longest_page_allowed_stays_under_100_kb(officer, client):
    from qorgau.help.services import BODY_MAX_CHARS

    body = ("Ә" * 79 + "\n") * (BODY_MAX_CHARS // 80)
    page_make(officer, language="kk", body=body)

    response = client.get("/help/kk/border/")
    css = client.get(re.findall(r'href="([^"]+\.css)"', response.content.decode())[0])

    assert len(response.content) + len(b"".join(css.streaming_content)) <= 100_000


def test_the_stylesheet_prints_and_mirrors_for_right_to_left(client):
    css = b"".join(client.get("/static/help/help.css").streaming_content).decode()

    assert "@media print" in css
    assert "@import" not in css  # no font or picture from anywhere
    assert "url(" not in css
    assert not re.search(r"(margin|padding)-(left|right)|(?<!-)\b(left|right):", css)
