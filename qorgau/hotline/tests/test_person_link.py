"""Linking a ticket to a registered person goes through the people gate: a user links only a
person they may see, and a person registered by someone else gets the same refusal as a number
that does not exist, so a partner never learns that the person is registered elsewhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qorgau.errors import Invalid
from qorgau.hotline import errors
from qorgau.hotline.models import EventKind, Ticket
from qorgau.hotline.services import ticket_link_person
from qorgau.hotline.tests.factories import ticket_logged, ticket_submitted

pytestmark = pytest.mark.django_db


def test_it_links_a_person_the_user_may_see(clerk, agency, ngo_a, ngo_a_org, make_person):
    person = make_person(ngo_a, ngo_a_org)
    ticket = ticket_submitted()

    ticket_link_person(
        actor=clerk, ticket=ticket, version=1, registration_number=person.registration_number
    )

    assert Ticket.objects.get(pk=ticket.pk).person == person
    assert ticket.events.filter(kind=EventKind.LINKED).exists()


def test_it_answers_unseen_and_missing_people_alike(
    ngo_a, ngo_a_org, ngo_b, ngo_b_org, make_person
):
    elsewhere = make_person(ngo_a, ngo_a_org)
    ticket = ticket_logged(ngo_b, ngo_b_org)

    refusals = []
    for number in (elsewhere.registration_number, "KAZ-00000000"):
        with pytest.raises(Invalid) as refused:
            ticket_link_person(actor=ngo_b, ticket=ticket, version=1, registration_number=number)
        refusals.append((str(refused.value.message), refused.value.code, refused.value.field))

    assert (
        refusals[0]
        == refusals[1]
        == (str(errors.PERSON_NOT_FOUND), "person_not_found", "registration_number")
    )
    assert Ticket.objects.get(pk=ticket.pk).person is None


def test_it_shows_the_link_only_to_users_who_may_see_the_person(
    clerk, agency, ngo_a, ngo_a_org, make_person, login, settings
):
    person = make_person(ngo_a, ngo_a_org)
    ticket = ticket_submitted()
    ticket_link_person(
        actor=clerk, ticket=ticket, version=1, registration_number=person.registration_number
    )

    html = login(clerk).get(reverse("hotline:detail", kwargs={"public_id": ticket.public_id}))

    assert person.registration_number in html.content.decode()


def test_it_refuses_an_unseen_person_on_the_page_naming_the_field(
    ngo_a, ngo_a_org, ngo_b, ngo_b_org, make_person, login
):
    elsewhere = make_person(ngo_a, ngo_a_org)
    ticket = ticket_logged(ngo_b, ngo_b_org)
    url = reverse("hotline:act", kwargs={"public_id": ticket.public_id, "action": "link"})

    response = login(ngo_b).post(
        url, {"version": 1, "registration_number": elsewhere.registration_number}
    )

    assert response.status_code == 400
    assert str(errors.PERSON_NOT_FOUND) in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).person is None
