"""``person_referrals`` (the person page's referrals) lists exactly what ``visible_referrals``
lists of the person, for every persona: the sender's, the agency office's (all of them), the
receiver's (drafts never), and no one else's."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.people.models import Person
from qorgau.referrals.access import person_referrals, visible_referrals
from qorgau.referrals.services import referral_send

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["ngo_a", "ngo_b", "clerk", "liaison", "stats", "ngo_a_admin"])
def test_it_lists_what_the_gate_lists(
    request: pytest.FixtureRequest, persona: str, refer: Any, ngo_a: Any, person: Person
) -> None:
    draft = refer()  # never the receiver's
    sent = referral_send(actor=ngo_a, referral=refer(), version=1)
    user = request.getfixturevalue(persona)

    expected = set(visible_referrals(user).filter(person=person))

    assert set(person_referrals(user, person)) == expected
    assert expected == SEEN[persona](draft, sent)


SEEN: dict[str, Any] = {
    "ngo_a": lambda draft, sent: {draft, sent},
    "ngo_a_admin": lambda draft, sent: {draft, sent},
    "clerk": lambda draft, sent: {draft, sent},  # the agency office of the person's country
    "ngo_b": lambda draft, sent: {sent},
    "liaison": lambda draft, sent: set(),
    "stats": lambda draft, sent: set(),
}
