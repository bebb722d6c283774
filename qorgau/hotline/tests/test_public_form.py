"""The public inquiry form at /help/<lang>/ask/: no account, five languages (Dari right to
left), a reference number on success; bad input gets a message naming the field in the page's
language and stores nothing; the visitor's address is stored nowhere with the ticket."""

from __future__ import annotations

import re
import time

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from qorgau.help.chrome import FORM_DARI, FORM_OWN, FORM_UKRAINIAN
from qorgau.help.tests.weight import page_weight
from qorgau.hotline.models import Ticket
from qorgau.hotline.public_text import LANGUAGES, TEXT, public_text
from qorgau.hotline.public_views import SALT
from qorgau.hotline.tests.factories import inquiry

pytestmark = pytest.mark.django_db


def _url(lang: str = "en") -> str:
    return reverse("hotline:ask", kwargs={"lang": lang})


def _started(seconds_ago: int = 60) -> str:
    return signing.dumps(int(time.time()) - seconds_ago, salt=SALT)


def _post(client, lang: str = "en", **fields):
    data = inquiry(**fields)
    data.setdefault("started", _started())
    data = {k: v for k, v in (data | fields).items() if v is not None}
    return client.post(_url(lang), data, REMOTE_ADDR="192.0.2.10")


def test_it_has_every_word_of_the_form_in_dari_and_ukrainian():
    assert set(FORM_OWN) == {"fa", "uk"}
    for strings in FORM_OWN.values():
        assert set(strings) == set(TEXT)
        assert all(value.strip() for value in strings.values())


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_it_shows_the_form_in_each_language_without_an_account(client, lang):
    response = client.get(_url(lang))

    html = response.content.decode()
    assert response.status_code == 200
    html_lang, direction = LANGUAGES[lang]
    assert f'<html lang="{html_lang}" dir="{direction}">' in html
    assert public_text(lang)["title"] in html
    assert "http://" not in html
    assert "https://" not in html


def test_it_lays_dari_out_right_to_left(client):
    html = client.get(_url("fa")).content.decode()

    assert '<html lang="fa-AF" dir="rtl">' in html
    assert FORM_DARI["send"] in html


def test_it_answers_an_unknown_language_with_404(client):
    assert client.get(_url("de")).status_code == 404


def test_it_stores_the_inquiry_and_shows_a_reference(client, agency):
    response = _post(client, "ru")

    ticket = Ticket.objects.get()
    assert response.status_code == 200
    assert ticket.reference in response.content.decode()
    assert (ticket.channel, ticket.state, ticket.organisation) == ("form", "new", agency)
    assert ticket.language == "ru"
    assert ticket.topic == "documents"


def test_it_stores_the_visitors_address_nowhere(client, agency):
    _post(client)

    ticket = Ticket.objects.get()
    stored = [str(v) for v in Ticket.objects.values().get().values()]
    stored += [str(v) for h in ticket.history.values() for v in h.values()]
    assert not any("192.0.2.10" in value for value in stored)


BAD = [
    ("question", {"question": ""}, "err_required"),
    ("question", {"question": "x" * 100_000}, "err_too_long"),
    ("question", {"question": "Hi <script>alert(1)</script>"}, "err_markup"),
    ("language", {"language": "de"}, "err_choice"),
    ("topic", {"topic": "weather"}, "err_choice"),
    ("contact_method", {"contact_method": "pigeon"}, "err_choice"),
    ("contact_value", {"contact_value": ""}, "err_required"),
    ("website", {"website": "http://spam.example"}, "err_honeypot"),
]


@pytest.mark.parametrize(("field", "fields", "key"), BAD, ids=[f"{b[0]}-{b[2]}" for b in BAD])
@pytest.mark.parametrize("lang", ["en", "kk", "fa"])
def test_it_refuses_bad_input_naming_the_field(client, agency, lang, field, fields, key):
    response = _post(client, lang, **fields)

    html = response.content.decode()
    text = public_text(lang)
    assert response.status_code == 400
    message = text[key] % {"limit": 4000} if key == "err_too_long" else text[key]
    assert f"{text[field]}: {message}".replace("<", "&lt;").replace(">", "&gt;") in html
    assert not Ticket.objects.exists()


def test_it_shows_a_refused_script_escaped_and_never_runs_it(client, agency):
    html = _post(client, question="<script>alert(1)</script>").content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_it_refuses_a_form_sent_too_fast(client, agency, settings):
    settings.HOTLINE_ASK_MIN_SECONDS = 3
    response = _post(client, "ru", started=_started(seconds_ago=1))

    assert response.status_code == 400
    assert public_text("ru")["err_too_fast"] in response.content.decode()
    assert not Ticket.objects.exists()


def test_it_refuses_a_forged_or_expired_timestamp(client, agency):
    with time_machine.travel(time.time() - 2 * 24 * 3600, tick=False):
        old = _started(0)

    for started in ("12345", old):
        response = _post(client, started=started)
        assert response.status_code == 400
        assert public_text("en")["err_expired"] in response.content.decode()
    assert not Ticket.objects.exists()


def test_it_accepts_the_form_after_the_minimum_time(client, agency, settings):
    settings.HOTLINE_ASK_MIN_SECONDS = 3
    started = _started(0)
    with time_machine.travel(time.time() + 4, tick=False):
        response = _post(client, started=started)

    assert response.status_code == 200
    assert Ticket.objects.count() == 1


def test_it_refuses_a_request_larger_than_the_limit(client, agency, settings):
    settings.HOTLINE_ASK_MAX_BYTES = 10_000
    response = _post(client, "uk", question="ы" * 6000)

    assert response.status_code == 413
    assert FORM_UKRAINIAN["err_too_large"] in response.content.decode()
    assert not Ticket.objects.exists()


def test_it_limits_inquiries_per_address(client, agency, settings):
    settings.HOTLINE_ASK_RATE_PER_ADDRESS = "3/h"
    codes = [_post(client).status_code for _ in range(5)]
    other = client.post(_url(), inquiry(started=_started()), REMOTE_ADDR="192.0.2.99")

    assert codes == [200, 200, 200, 429, 429]
    assert other.status_code == 200
    assert Ticket.objects.count() == 4


def test_it_limits_the_inquiries_of_the_whole_form(client, agency, settings):
    settings.HOTLINE_ASK_RATE_TOTAL = "2/h"
    codes = [
        client.post(_url(), inquiry(started=_started()), REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(1, 5)
    ]

    assert codes == [200, 200, 429, 429]
    assert Ticket.objects.count() == 2


def test_it_counts_refused_forms_against_the_address_but_not_the_whole_form(
    client, agency, settings
):
    settings.HOTLINE_ASK_RATE_PER_ADDRESS = "3/h"
    settings.HOTLINE_ASK_RATE_TOTAL = "1/h"
    for _ in range(3):
        assert _post(client, question="").status_code == 400

    assert _post(client).status_code == 429
    elsewhere = client.post(_url(), inquiry(started=_started()), REMOTE_ADDR="192.0.2.77")
    assert elsewhere.status_code == 200


@pytest.mark.parametrize("lang", ["ru", "fa"])
def test_the_form_page_with_everything_it_loads_stays_under_100_kb(client, db, lang):
    loaded, sizes = page_weight(client, client.get(_url(lang)))

    assert len(loaded) == 2  # the help site's stylesheet and the form's
    assert sum(sizes) <= 100_000, sizes


def test_the_form_sits_in_the_help_sites_frame_with_a_same_origin_referrer(client, db):
    form = client.get(_url("fa")).content.decode()
    page = client.get("/help/fa/").content.decode()

    assert 'class="site"' in form  # the help site's header and footer
    assert 'href="/help/uk/ask/"' in form  # its language switch leads to the form
    assert '<meta name="referrer" content="same-origin">' in form
    assert '<meta name="referrer" content="no-referrer">' not in form
    assert '<meta name="referrer" content="no-referrer">' in page


def test_the_forms_stylesheet_prints_and_mirrors_for_right_to_left(client):
    css = b"".join(client.get("/static/hotline/ask.css").streaming_content).decode()

    assert "@media print" in css
    assert "@import" not in css
    assert "url(" not in css
    assert not re.search(r"(margin|padding)-(left|right)|(?<!-)\b(left|right):", css)
