"""The 403, 404 and 500 pages: styled like the site, translated, and saying what to do."""

from __future__ import annotations

import pytest
from django.template import loader
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

NO_ACCESS = {
    "ru": "У вас нет доступа к этой странице. Если она вам нужна, обратитесь к администратору "
    "вашей организации.",
    "kk": "Бұл бетке қол жеткізу құқығыңыз жоқ. Егер ол сізге қажет болса, ұйымыңыздың "
    "әкімшісіне хабарласыңыз.",
    "en": "You do not have access to this page. If you need it, ask your organisation's "
    "administrator.",
}
NOT_FOUND = {
    "ru": "Этой страницы нет, или у вас нет права её видеть.",
    "kk": "Бұл бет жоқ немесе оны көруге рұқсатыңыз жоқ.",
    "en": "This page does not exist or you may not see it.",
}


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_it_shows_a_statistics_viewer_the_translated_403_page(language, stats, login):
    response = login(stats).get(reverse("people:register"), HTTP_ACCEPT_LANGUAGE=language)

    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{language}">' in html
    assert NO_ACCESS[language] in html
    assert "<header" in html
    assert "<nav" in html
    assert "<main>" in html
    assert f'href="{reverse("home")}"' in html
    assert 'rel="stylesheet"' in html


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_it_shows_the_translated_404_page_for_an_unknown_address(language, clerk, login):
    response = login(clerk).get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)

    html = response.content.decode()
    assert response.status_code == 404
    assert NOT_FOUND[language] in html
    assert "<nav" in html
    assert "<main>" in html
    assert f'href="{reverse("home")}"' in html


def test_it_shows_anonymous_visitors_the_404_page(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 404
    assert NOT_FOUND["ru"] in response.content.decode()
    assert b"<main>" in response.content


def test_it_renders_the_500_page_without_a_context():
    html = loader.get_template("500.html").render()

    assert "<main>" in html
    assert "Something went wrong" in html


def test_it_serves_the_500_page_from_the_default_handler():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert b"<main>" in response.content
