"""Search: names in any script, registration and document numbers, only what the user may see."""

import pytest

from qorgau.people.tests.searching import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def cyrillic(clerk, agency, make_person):
    return make_person(clerk, agency, family_name="Сейтқазиев", given_name="Ерлан")


@pytest.fixture
def latin(clerk, agency, make_person):
    return make_person(
        clerk, agency, family_name="Seitkaziev", given_name="Daulet", patronymic="", sex="male"
    )


@pytest.fixture
def other(clerk, agency, make_person):
    return make_person(
        clerk, agency, family_name="Kazbekova", given_name="Aliya", patronymic="", sex="female"
    )


def _found(user, query):
    return set(found(user, query))


def test_it_finds_a_latin_entry_by_its_cyrillic_spelling(clerk, latin, other):
    assert _found(clerk, "Сейтқазиев") == {latin}


def test_it_finds_a_cyrillic_entry_by_its_latin_spelling(clerk, cyrillic, other):
    assert _found(clerk, "Seitkaziev") == {cyrillic}


def test_it_finds_both_scripts_by_another_spelling(clerk, cyrillic, latin, other):
    assert _found(clerk, "Seytkaziyev") == {cyrillic, latin}


def test_it_finds_exactly_the_registration_number(clerk, cyrillic, latin, other):
    assert _found(clerk, latin.registration_number) == {latin}
    assert _found(clerk, latin.registration_number.lower()) == {latin}


def test_it_finds_a_name_by_its_beginning(clerk, cyrillic, latin, other):
    assert _found(clerk, "Сейтқаз") == {cyrillic, latin}
    assert _found(clerk, "Kazbek") == {other}


def test_it_requires_every_word_to_match(clerk, cyrillic, latin, other):
    assert _found(clerk, "Seitkaziev Erlan") == {cyrillic}
    assert _found(clerk, "Даулет Сейтқазиев") == {latin}
    assert _found(clerk, "Seitkaziev Aliya") == set()


def test_it_finds_nobody_for_an_unknown_name(clerk, cyrillic, latin, other):
    assert _found(clerk, "Nurmagambetov") == set()
    assert _found(clerk, "   ") == set()


def test_it_never_finds_another_organisations_person(ngo_a, ngo_a_org, ngo_b, make_person):
    theirs = make_person(ngo_a, ngo_a_org, family_name="Seitkaziev")

    assert _found(ngo_b, "Seitkaziev") == set()
    assert _found(ngo_b, theirs.registration_number) == set()
    assert _found(ngo_a, "Seitkaziev") == {theirs}


def test_it_searches_from_the_web_page(clerk, login, cyrillic, latin, other):
    response = login(clerk).get("/people/", {"q": "Seytkaziyev"})

    assert response.status_code == 200
    assert set(response.context["page"].object_list) == {cyrillic, latin}
    html = response.content.decode()
    assert cyrillic.registration_number in html
    assert other.registration_number not in html
    assert "<html" in html


def test_it_answers_an_htmx_search_with_the_results_only(clerk, login, cyrillic, other):
    response = login(clerk).get("/people/", {"q": "Сейтқазиев"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    html = response.content.decode()
    assert cyrillic.registration_number in html
    assert other.registration_number not in html
    assert "<html" not in html
    assert 'name="q"' not in html
    assert [t.name for t in response.templates] == ["people/_results.html"]


def test_it_shows_no_other_organisations_person_on_the_web_page(
    ngo_a, ngo_a_org, ngo_b, login, make_person
):
    theirs = make_person(ngo_a, ngo_a_org, family_name="Seitkaziev")

    response = login(ngo_b).get("/people/", {"q": "Seitkaziev"})

    assert response.status_code == 200
    assert theirs.registration_number not in response.content.decode()


def test_it_searches_through_the_api(clerk, login, cyrillic, latin, other):
    response = login(clerk).get("/api/v1/persons/", {"search": "Seytkaziyev"})

    assert response.status_code == 200
    numbers = {row["registration_number"] for row in response.json()["results"]}
    assert numbers == {cyrillic.registration_number, latin.registration_number}


def test_it_never_finds_another_organisations_person_through_the_api(
    ngo_a, ngo_a_org, ngo_b, login, make_person
):
    make_person(ngo_a, ngo_a_org, family_name="Seitkaziev")

    response = login(ngo_b).get("/api/v1/persons/", {"search": "Seitkaziev"})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_it_narrows_a_name_by_year_of_birth(clerk, agency, make_person):
    born_1984 = make_person(clerk, agency, family_name="Seitkaziev", date_of_birth="1984-03-09")
    make_person(clerk, agency, family_name="Seitkaziev", date_of_birth="1990")

    assert _found(clerk, "Сейтқазиев 1984") == {born_1984}


def test_it_reads_a_query_with_digits_as_a_document_number_only(clerk, agency, make_person):
    from qorgau.people.services.documents import document_add

    holder = make_person(clerk, agency, family_name="Ким")
    make_person(clerk, agency, family_name="Абаев", given_name="Абай")
    document_add(actor=clerk, person=holder, type="passport", number="AB123456")

    assert _found(clerk, "AB 123 456") == {holder}
