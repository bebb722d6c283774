"""``persons_of_source_ids``: the door through which an import finds the people an
organisation's own ids name. Another organisation's people are never returned: not under the
same id, and not through a link to a record the importing user may not see."""

from __future__ import annotations

import datetime as dt

from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.access import persons_of_source_ids
from qorgau.people.tests.factories import share_grant_agreed


def test_it_finds_the_organisations_own_people_by_their_ids(make_person, ngo_a, ngo_a_org):
    mine = make_person(ngo_a, ngo_a_org, source_id="P-1")

    found = persons_of_source_ids(organisation=ngo_a_org, user=ngo_a, source_ids=["P-1", "P-9"])

    assert found.people == {"P-1": mine}
    assert found.unseen == {}


def test_it_never_returns_another_organisations_person_under_the_same_id(
    make_person, ngo_a, ngo_a_org, ngo_b, ngo_b_org
):
    theirs = make_person(ngo_b, ngo_b_org, source_id="P-1")

    found = persons_of_source_ids(organisation=ngo_a_org, user=ngo_a, source_ids=["P-1"])

    assert found.people == {}
    assert found.unseen == {}
    assert theirs.pk not in {p.pk for p in found.people.values()}


def test_a_link_to_a_record_the_user_may_not_see_gives_its_key_only(
    make_person, ngo_a, ngo_a_org, ngo_b, ngo_b_org
):
    theirs = make_person(ngo_b, ngo_b_org, source_id="B-7")

    found = persons_of_source_ids(
        organisation=ngo_a_org, user=ngo_a, source_ids=["P-1"], linked={"P-1": theirs.pk}
    )

    assert found.people == {}
    assert found.unseen == {"P-1": theirs.pk}


def test_a_link_to_a_shared_record_returns_it(
    make_person, agency, ngo_a, ngo_a_org, ngo_b, ngo_b_org
):
    theirs = make_person(ngo_b, ngo_b_org, source_id="B-7")
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    share_grant_agreed(
        actor=officer,
        recipient=ngo_a_org,
        agreement="DSA-1",
        purpose="referral",
        expires_on=dt.date.today() + dt.timedelta(days=30),
        person=theirs,
    )

    found = persons_of_source_ids(
        organisation=ngo_a_org, user=ngo_a, source_ids=["P-1"], linked={"P-1": theirs.pk}
    )

    assert found.people == {"P-1": theirs}
    assert found.unseen == {}


def test_links_of_ids_not_asked_for_are_left_out(make_person, ngo_a, ngo_a_org):
    mine = make_person(ngo_a, ngo_a_org, source_id="P-2")
    other = user_make("other-caseworker", ngo_a_org, Role.PARTNER_CASEWORKER)

    found = persons_of_source_ids(
        organisation=ngo_a_org, user=other, source_ids=["P-1"], linked={"P-3": mine.pk}
    )

    assert found.people == {}
    assert found.unseen == {}
