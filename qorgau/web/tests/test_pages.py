import pytest

pytestmark = pytest.mark.django_db


def test_it_serves_the_login_page_under_a_strict_policy(client):
    response = client.get("/login/")

    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert b"<script>" not in response.content


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get("/people/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login/")


def test_it_switches_the_interface_language(client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/login/"}, follow=True)

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/login/"
    assert b'lang="ru"' in response.content


def test_it_publishes_the_api_schema_and_docs(client):
    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    assert b"/api/v1/persons/" in schema.content
    assert docs.status_code == 200
    assert b"<script>" not in docs.content


def test_it_accepts_token_authentication(clerk, agency, make_person):
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    person = make_person(clerk, agency)
    _, token = AuthToken.objects.create(user=clerk)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    response = api.get(f"/api/v1/persons/{person.public_id}/")

    assert response.status_code == 200
    assert response.json()["registration_number"] == person.registration_number
