"""No small request makes large work: a forged member total builds no more forms than the
maximum and is refused with a translated message, and the largest real registration form (the
principal and 29 members) fits in the request limits (issue 14: a 300-byte post with
``members-TOTAL_FORMS=100000`` took 74 s and answered 45 MB)."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape

from qorgau.people import errors
from qorgau.people.forms import MEMBER_BLOCKS_MAX, MemberForm, PersonForm
from qorgau.people.models import Household, Person
from qorgau.web.tests.form_submission import form_data

pytestmark = pytest.mark.django_db

REGISTER = "/people/register/"


@pytest.fixture
def built(monkeypatch):
    """How many member forms the request built."""
    count = [0]
    original = MemberForm.__init__

    def counting(self, *args, **kwargs):
        count[0] += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(MemberForm, "__init__", counting)
    return count


FORGED = {
    "principal-family_name": "Сейтқазиев",
    "principal-given_name": "Ерлан",
    "principal-sex": "male",
    "members-TOTAL_FORMS": "100000",
    "members-INITIAL_FORMS": "0",
}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_forged_member_total_builds_at_most_the_maximum(language, clerk, login, built):
    body = urlencode(FORGED)
    assert len(body) <= 300

    response = login(clerk).post(
        REGISTER,
        body,
        content_type="application/x-www-form-urlencoded",
        headers={"accept-language": language},
    )

    assert response.status_code == 200
    assert built[0] <= MEMBER_BLOCKS_MAX + 1  # the blocks and the page's empty template
    # The page shows the maximum of blocks again (about 70 kB each), never 100,000 of them.
    assert len(response.content) < 3_000_000
    with translation.override(language):
        message = str(errors.TOO_MANY_MEMBER_BLOCKS % {"num": MEMBER_BLOCKS_MAX})
    assert escape(message) in response.content.decode()
    assert not Person.objects.exists()


def test_adding_a_member_past_a_forged_total_builds_at_most_the_maximum(clerk, login, built):
    response = login(clerk).post(REGISTER, FORGED | {"add_member": "1"})

    assert response.status_code == 200
    assert built[0] <= MEMBER_BLOCKS_MAX + 1


def _codes(field):
    """The codes a checklist offers (grouped choices flattened)."""
    codes = []
    for value, label in PersonForm(prefix="x").fields[field].choices:
        codes += [v for v, _ in label] if isinstance(label, (list, tuple)) else [value]
    return [str(code) for code in codes if code]


def _largest_form(client):
    """The register form as a browser sends it with the principal and 29 members filled, each
    with every specific need and every listed language ticked (more than any real household)."""
    data = form_data(client.get(REGISTER).content.decode(), "principal-given_name")
    needs, languages = _codes("needs"), _codes("languages")
    data["principal-needs"] = needs
    data["principal-languages"] = languages
    member = {k[len("members-0-") :]: v for k, v in data.items() if k.startswith("members-0-")}
    for index in range(MEMBER_BLOCKS_MAX):
        for name, value in member.items():
            data[f"members-{index}-{name}"] = value
        data[f"members-{index}-family_name"] = ["Сейтқазиева"]
        data[f"members-{index}-given_name"] = [f"Айгүл{'а' * (index % 5)}"]
        data[f"members-{index}-sex"] = ["female"]
        data[f"members-{index}-relationship"] = ["daughter"]
        data[f"members-{index}-needs"] = needs
        data[f"members-{index}-languages"] = languages
    data["members-TOTAL_FORMS"] = [str(MEMBER_BLOCKS_MAX)]
    data["principal-family_name"] = ["Сейтқазиев"]
    data["principal-given_name"] = ["Ерлан"]
    data["principal-sex"] = ["male"]
    data["principal-citizenship_status"] = ["stateless"]
    data["checked_matches"] = ["1"]
    return data


def test_the_largest_real_form_fits_the_field_limit(clerk, login):
    data = _largest_form(login(clerk))

    fields = sum(len(values) for values in data.values())
    assert fields < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def test_the_largest_real_form_registers_the_household(clerk, login):
    client = login(clerk)

    response = client.post(REGISTER, _largest_form(client))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Household.objects.get().members.count() == MEMBER_BLOCKS_MAX + 1


def test_a_post_with_more_fields_than_the_limit_is_refused(clerk, login):
    fields = {f"f{n}": "" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}

    response = login(clerk).post(REGISTER, fields)

    assert response.status_code == 400
    assert not Person.objects.exists()
