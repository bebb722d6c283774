"""The contact and the name a person leaves with the hotline are encrypted at rest under the
document keys (ADR 0059): the database holds Fernet tokens in the tickets and their history, the
desk still reads the values on the ticket's page and in the API, a ticket is still found by its
reference, and ``qorgau rotate-document-keys`` moves them to a new key."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from qorgau.hotline.access import visible_tickets
from qorgau.hotline.models import Ticket
from qorgau.hotline.services import ticket_triage
from qorgau.hotline.tests.factories import ticket_logged, ticket_submitted

pytestmark = pytest.mark.django_db

PHONE = "+7 701 555 0199"
EMAIL = "visitor.test@example.org"
NAME = "Тестовая Посетительница"
OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
TABLES = (Ticket._meta.db_table, Ticket.history.model._meta.db_table)


def _raw_rows(table: str) -> list[tuple[object, ...]]:
    """Every column of every row, as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchall()


def _raw(table: str, column: str) -> list[str]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def _tickets(clerk, agency) -> list[Ticket]:
    submitted = ticket_submitted(contact_value=PHONE, name=NAME)
    logged = ticket_logged(clerk, agency, contact_method="email", contact_value=EMAIL, name="")
    # A change writes another history row with the values again.
    ticket_triage(actor=clerk, ticket=submitted, version=1, topic="asylum", urgency="urgent")
    return [submitted, logged]


def test_it_keeps_no_plaintext_contact_or_name_in_any_column(clerk, agency):
    _tickets(clerk, agency)

    for table in TABLES:
        rows = _raw_rows(table)
        assert rows
        for row in rows:
            text = " ".join(str(value) for value in row)
            for secret in (PHONE, "7015550199", EMAIL, "example.org", NAME, "Посетительница"):
                assert secret not in text, (table, secret)


def test_it_stores_fernet_tokens_the_document_keys_open(clerk, agency):
    with override_settings(DOCUMENT_KEYS=[NEW_KEY]):
        _tickets(clerk, agency)

        tokens = [t for table in TABLES for t in _raw(table, "contact_value")]
        names = [t for table in TABLES for t in _raw(table, "name")]

    assert {Fernet(NEW_KEY).decrypt(t.encode()).decode() for t in tokens} == {PHONE, EMAIL}
    assert {Fernet(NEW_KEY).decrypt(t.encode()).decode() for t in names if t} == {NAME}
    # The name left out stays an empty string (neither NULL nor a token of nothing).
    assert "" in names


def test_it_reads_the_values_back_and_finds_a_ticket_by_reference(clerk, agency):
    submitted, logged = _tickets(clerk, agency)

    found = visible_tickets(clerk).get(reference=submitted.reference)

    assert (found.contact_value, found.name) == (PHONE, NAME)
    assert Ticket.objects.get(reference=logged.reference).contact_value == EMAIL
    assert Ticket.objects.get(reference=logged.reference).name == ""
    assert {h.contact_value for h in found.history.all()} == {PHONE}


def test_the_desk_sees_the_values_on_the_page_and_in_the_api(clerk, agency, login):
    submitted, _ = _tickets(clerk, agency)
    client = login(clerk)

    page = client.get(reverse("hotline:detail", kwargs={"public_id": submitted.public_id}))
    one = client.get(f"/api/v1/tickets/{submitted.public_id}/").json()
    listed = client.get("/api/v1/tickets/").json()

    assert page.status_code == 200
    assert PHONE in page.content.decode()
    assert NAME in page.content.decode()
    assert (one["contact_value"], one["name"]) == (PHONE, NAME)
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert {r["contact_value"] for r in rows} == {PHONE, EMAIL}


def test_the_key_rotation_re_encrypts_contacts_names_and_their_history(clerk, agency):
    with override_settings(DOCUMENT_KEYS=[OLD_KEY]):
        submitted, logged = _tickets(clerk, agency)
    out = io.StringIO()

    with override_settings(DOCUMENT_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_document_keys", "--batch-size", "2", stdout=out)

    for table in TABLES:
        for column in ("contact_value", "name"):
            for token in _raw(table, column):
                if token:
                    assert Fernet(NEW_KEY).decrypt(token.encode())
    assert f"{Ticket._meta.db_table}: 2 of 2" in out.getvalue()
    # Two tickets and three history rows, each with a contact; three of the five with a name.
    assert "8 re-encrypted" in out.getvalue()
    with override_settings(DOCUMENT_KEYS=[NEW_KEY]):
        stored = Ticket.objects.get(pk=submitted.pk)
        assert (stored.contact_value, stored.name) == (PHONE, NAME)
        assert Ticket.objects.get(pk=logged.pk).contact_value == EMAIL
