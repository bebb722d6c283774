"""The editors' pages: a preview that saves nothing, bad input shown beside its field with
nothing stored, publishing from the edit page, and the history with who, when and what."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from qorgau.help import errors
from qorgau.help.models import HelpPage
from qorgau.help.tests.factories import page_make

pytestmark = pytest.mark.django_db


def _form(**fields: object) -> dict[str, object]:
    return {"language": "kk", "title": "Шекарада", "slug": "border", "position": 1,
            "body": "**Маңызды**", "version": 0} | fields  # fmt: skip


def test_the_preview_shows_the_sanitised_text_and_saves_nothing(officer, login):
    response = login(officer).post(
        reverse("help:new"), _form(body="**Bold** <script>x()</script>", preview="1")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in html
    assert "<script>x()" not in html
    assert not HelpPage.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, errors.NO_TITLE),
        ({"language": "xx"}, errors.UNKNOWN_LANGUAGE),
        ({"slug": "Шекара"}, errors.BAD_SLUG),
        ({"slug": "ask"}, errors.RESERVED_SLUG),
    ],
)
def test_bad_input_is_named_beside_its_field_in_russian(officer, login, fields, message):
    client = login(officer)
    client.cookies["django_language"] = "ru"

    response = client.post(reverse("help:new"), _form(**fields), headers={"accept-language": "ru"})

    assert response.status_code == 400
    with translation.override("ru"):
        assert str(message) in response.content.decode()
    assert not HelpPage.objects.exists()


def test_a_taken_address_is_refused_and_the_other_page_kept(officer, login):
    page_make(officer, language="kk", title="Бұрынғы")

    response = login(officer).post(reverse("help:new"), _form())

    assert response.status_code == 400
    assert list(HelpPage.objects.values_list("title", flat=True)) == ["Бұрынғы"]


def test_an_editor_creates_edits_publishes_and_sees_the_history(officer, login):
    client = login(officer)

    created = client.post(reverse("help:new"), _form())
    page = HelpPage.objects.get()
    client.post(
        reverse("help:edit", args=[page.public_id]),
        _form(title="Шекарада не істеу керек", version=1),
    )
    client.post(reverse("help:publish", args=[page.public_id]), {"version": 2, "published": "1"})
    history = client.get(reverse("help:history", args=[page.public_id]))

    assert created["Location"] == reverse("help:edit", args=[page.public_id])
    page.refresh_from_db()
    assert (page.title, page.published, page.version) == ("Шекарада не істеу керек", True, 3)
    assert [v.version for v in history.context["versions"]] == [3, 2, 1]
    assert history.context["versions"][0].changed == ["published"]
    assert history.context["versions"][0].who == officer.username
    assert client.get("/help/kk/border/").status_code == 200


def test_a_stale_edit_is_refused_and_the_newer_text_kept(officer, login):
    page = page_make(officer, title="Newer")

    response = login(officer).post(
        reverse("help:edit", args=[page.public_id]), _form(title="Older", version=0)
    )

    assert response.status_code == 400
    assert str(errors.STALE_PAGE) in response.content.decode()
    assert HelpPage.objects.get().title == "Newer"
