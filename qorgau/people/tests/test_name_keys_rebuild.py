"""``qorgau rebuild-name-keys``: stored name keys rewritten after the folding changed (ADR
0045: ``Ахметжан`` was keyed ``akhmetskhan``, now ``akhmetjan``), in batches, only where they
differ, and not for anonymised records."""

import io

import pytest
from django.core.management import CommandError, call_command

from qorgau.people.models import PersonNameKey
from qorgau.people.models.person import name_keys_row_words
from qorgau.people.services.persons import name_keys_rebuild
from qorgau.rights.services.anonymise import REASON_RETENTION, person_anonymise

pytestmark = pytest.mark.django_db


def _keys(person):
    return set(PersonNameKey.objects.filter(person=person).values_list("key", flat=True))


def _store_old_keys(person, keys):
    """The keys as the folding before the fix wrote them."""
    PersonNameKey.objects.filter(person=person).delete()
    words = name_keys_row_words(keys)
    PersonNameKey.objects.bulk_create(
        PersonNameKey(person=person, key=k, words=words, registered_by_id=person.registered_by_id)
        for k in keys
    )


@pytest.fixture
def stale(clerk, agency, make_person):
    person = make_person(clerk, agency, family_name="Ахметжанов", given_name="Матжан")
    _store_old_keys(person, {"akhmetskhanov", "matskhan", "serikuli"})
    return person


def test_it_rewrites_keys_that_the_folding_now_gives_differently(stale) -> None:
    result = name_keys_rebuild(batch_size=1)
    assert _keys(stale) == {"akhmetjanov", "matjan", "serikuli"}
    assert PersonNameKey.objects.filter(person=stale).first().words == (
        " akhmetjanov matjan serikuli "
    )
    assert (result.checked, result.rebuilt) == (1, 1)


def test_it_walks_every_batch_and_leaves_current_keys_alone(
    clerk, agency, make_person, stale
) -> None:
    current = [make_person(clerk, agency, given_name=name) for name in ("Асель", "Данияр")]
    before = {
        p.pk: list(PersonNameKey.objects.filter(person=p).values_list("pk", flat=True))
        for p in current
    }
    seen = []
    result = name_keys_rebuild(
        batch_size=2, progress=lambda done, total: seen.append((done, total))
    )
    assert (result.checked, result.rebuilt) == (3, 1)
    assert seen == [(2, 3), (3, 3)]
    for person in current:
        assert (
            list(PersonNameKey.objects.filter(person=person).values_list("pk", flat=True))
            == before[person.pk]
        )


def test_it_changes_nothing_on_a_second_run(stale) -> None:
    name_keys_rebuild()
    assert name_keys_rebuild().rebuilt == 0


def test_it_gives_an_anonymised_record_no_keys(stale) -> None:
    person_anonymise(actor=None, person=stale, reason=REASON_RETENTION)
    assert _keys(stale) == set()
    assert name_keys_rebuild().checked == 0
    assert _keys(stale) == set()


def test_it_is_run_by_the_command(stale) -> None:
    out = io.StringIO()
    call_command("rebuild_name_keys", "--batch-size", "5", stdout=out)
    assert "1 people rewritten of 1 checked" in out.getvalue()
    assert "akhmetjanov" in _keys(stale)


def test_it_refuses_a_batch_size_below_one() -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("rebuild_name_keys", "--batch-size", "0", stdout=io.StringIO())
