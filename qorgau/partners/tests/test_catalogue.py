import json

import pytest

from qorgau.partners import catalogue
from qorgau.partners.models import Service
from qorgau.reference.catalogue import CatalogueError


def test_it_ships_the_services_of_the_issue_with_three_labels_each():
    codes = {entry.code for entry in catalogue.services()}

    assert {
        "legal_aid", "medical", "mhpss", "education", "employment", "social_assistance",
        "documentation", "shelter", "cash", "child_protection", "gbv",
    } <= codes  # fmt: skip
    assert all(entry.en and entry.ru and entry.kk for entry in catalogue.services())


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([{"code": "legal_aid", "en": "Legal aid", "ru": "Юр. помощь"}], "missing kk"),
        ([{"code": "Legal Aid", "en": "a", "ru": "б", "kk": "ә"}], "is not of the form"),
        (
            [{"code": "cash", "en": "a", "ru": "б", "kk": "ә"}] * 2,
            "duplicate code",
        ),
    ],
)
def test_it_refuses_a_broken_catalogue_naming_the_entry(tmp_path, rows, problem):
    path = tmp_path / "services.json"
    path.write_text(json.dumps(rows), encoding="utf-8")

    with pytest.raises(CatalogueError, match=problem):
        catalogue.load_services(path)


@pytest.mark.django_db
def test_it_has_the_catalogue_in_the_database_after_migrating():
    assert set(Service.objects.values_list("code", flat=True)) == {
        entry.code for entry in catalogue.services()
    }
    assert Service.objects.get(code="mhpss").name_kk.startswith("Психикалық")
