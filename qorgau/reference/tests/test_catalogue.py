"""The shipped reference data files and their loader (pure Python, no database)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pycountry
import pytest

from qorgau.reference import catalogue
from qorgau.reference.catalogue import (
    CENTRAL_ASIA,
    CatalogueError,
    RegionEntry,
    SpecificNeedEntry,
)

# pycountry's subdivision lookup is untyped.
_SUBDIVISIONS: Any = pycountry.subdivisions

EXPECTED_NEEDS: dict[str, tuple[str, ...]] = {
    "CR": ("CP", "CS", "CC", "TP", "LW", "LO", "NE", "SE", "AF", "CL"),
    "SC": ("SC", "UC", "CH", "IC", "FC"),
    "WR": ("WR", "SF", "LC"),
    "ER": ("NF", "MC", "FR"),
    "SP": ("PT", "GP", "CG"),
    "DS": ("BD", "DF", "PM", "PS", "MM", "MS", "SD"),
    "SM": ("MI", "MN", "DP", "CI", "CC", "OT", "AD"),
    "FU": ("TR", "FR"),
    "LP": (
        "ND",
        "BN",
        "NA",
        "MM",
        "MD",
        "RR",
        "RD",
        "DA",
        "DO",
        "DT",
        "IH",
        "WP",
        "AN",
        "RP",
        "MS",
        "LS",
        "AP",
        "CR",
        "ST",
        "AF",
    ),
    "TR": ("PI", "HO", "WV"),
    "SV": ("VA", "VF", "VO", "GM", "HP", "HK", "FM", "SS"),
}
EXPECTED_CODES = {
    *EXPECTED_NEEDS,
    *(f"{category}-{sub}" for category, subs in EXPECTED_NEEDS.items() for sub in subs),
}

LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

GOOD_NEEDS: list[dict[str, Any]] = [
    {
        "code": "SM",
        "parent": None,
        "en": "Serious medical condition",
        "ru": "болезнь",
        "kk": "сырқат",
    },
    {"code": "SM-CI", "parent": "SM", "en": "Chronic illness", "ru": "болезнь", "kk": "сырқат"},
]


@pytest.fixture(autouse=True)
def _fresh_caches() -> Any:
    catalogue.clear_caches()
    yield
    catalogue.clear_caches()


def _write(tmp_path: Path, data: Any, name: str = "data.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- specific needs


def test_it_ships_every_code_of_the_unhcr_list_and_nothing_else() -> None:
    codes = {entry.code for entry in catalogue.specific_needs()}
    assert codes == EXPECTED_CODES
    assert len(catalogue.specific_needs()) == 82


def test_it_gives_every_specific_need_english_russian_and_kazakh_labels() -> None:
    for entry in catalogue.specific_needs():
        for language in ("en", "ru", "kk"):
            assert getattr(entry, language).strip(), (entry.code, language)


def test_it_gives_specific_need_parents_that_exist_and_are_categories() -> None:
    by_code = {entry.code: entry for entry in catalogue.specific_needs()}
    for entry in by_code.values():
        if "-" in entry.code:
            assert entry.parent == entry.code[:2]
            assert by_code[entry.parent].is_category
        else:
            assert entry.parent is None
            assert entry.is_category


def test_it_writes_russian_and_kazakh_labels_in_cyrillic() -> None:
    labelled: list[SpecificNeedEntry | RegionEntry] = [
        *catalogue.specific_needs(),
        *catalogue.regions(),
    ]
    for entry in labelled:
        for language in ("ru", "kk"):
            label = getattr(entry, language)
            assert CYRILLIC.search(label), (entry.code, language, label)
            assert not LATIN.search(label), (entry.code, language, label)


def test_it_writes_kazakh_with_the_kazakh_letters() -> None:
    kazakh = [entry.kk for entry in catalogue.specific_needs()]
    with_kazakh_letters = [label for label in kazakh if KAZAKH_LETTERS & set(label)]
    assert len(with_kazakh_letters) >= len(kazakh) * 3 // 4
    assert set("әғқңөұүі") <= set("".join(kazakh).lower())
    for entry in catalogue.specific_needs():
        assert entry.kk != entry.ru, entry.code


def test_it_keeps_the_specific_needs_sorted_and_in_the_codes_column_of_the_model() -> None:
    codes = [entry.code for entry in catalogue.specific_needs()]
    assert codes == sorted(codes)
    assert all(len(code) <= 5 for code in codes)


# --------------------------------------------------------------------------- regions


def test_it_gives_kazakhstan_its_twenty_regions_and_cities() -> None:
    kazakh_regions = [entry for entry in catalogue.regions() if entry.country == "KAZ"]
    codes = {entry.code for entry in kazakh_regions}
    assert len(kazakh_regions) == 20
    assert {"KZ-10", "KZ-33", "KZ-62"} <= codes  # Abai, Jetisu, Ulytau (2022)
    assert {"KZ-71", "KZ-75", "KZ-79"} <= codes  # Astana, Almaty, Shymkent
    assert codes == {subdivision.code for subdivision in _SUBDIVISIONS.get(country_code="KZ")}


def test_it_gives_every_kazakh_region_its_kato_code() -> None:
    for entry in catalogue.regions():
        if entry.country == "KAZ":
            assert entry.kato is not None
            assert re.fullmatch(r"[0-9]{2}", entry.kato), entry
            # ISO 3166-2:KZ numbers its subdivisions with the KATO region codes.
            assert entry.kato == entry.code.removeprefix("KZ-")
        else:
            assert entry.kato is None, entry
    katos = [entry.kato for entry in catalogue.regions() if entry.kato]
    assert len(katos) == len(set(katos))


def test_it_names_the_new_and_republican_regions_in_kazakh() -> None:
    by_code = {entry.code: entry for entry in catalogue.regions()}
    assert by_code["KZ-10"].kk == "Абай облысы"
    assert by_code["KZ-33"].kk == "Жетісу облысы"
    assert by_code["KZ-62"].kk == "Ұлытау облысы"
    assert by_code["KZ-71"].kk == "Астана"
    assert by_code["KZ-75"].kk == "Алматы"


def test_it_uses_only_region_codes_known_to_pycountry() -> None:
    for entry in catalogue.regions():
        subdivision = _SUBDIVISIONS.get(code=entry.code)
        assert subdivision is not None, entry.code
        country = pycountry.countries.get(alpha_2=subdivision.country_code)
        assert country is not None
        assert country.alpha_3 == entry.country


def test_it_gives_all_five_central_asian_countries_their_regions() -> None:
    assert CENTRAL_ASIA == ("KAZ", "KGZ", "TJK", "TKM", "UZB")
    for iso3 in CENTRAL_ASIA:
        country = pycountry.countries.get(alpha_3=iso3)
        assert country is not None
        shipped = {entry.code for entry in catalogue.regions() if entry.country == iso3}
        expected = {s.code for s in _SUBDIVISIONS.get(country_code=country.alpha_2)}
        assert shipped, iso3
        assert shipped == expected, iso3
    assert {entry.country for entry in catalogue.regions()} == set(CENTRAL_ASIA)


def test_it_gives_every_region_three_labels_and_distinct_names_per_country() -> None:
    for entry in catalogue.regions():
        for language in ("en", "ru", "kk"):
            assert getattr(entry, language), (entry.code, language)
    for language in ("en", "ru", "kk"):
        for iso3 in CENTRAL_ASIA:
            names = [getattr(e, language) for e in catalogue.regions() if e.country == iso3]
            assert len(names) == len(set(names)), (iso3, language)


# --------------------------------------------------------------------------- countries


def test_it_lists_every_iso_country_once() -> None:
    entries = catalogue.countries()
    assert len(entries) == len(pycountry.countries)
    assert len({entry.iso3 for entry in entries}) == len(entries)
    assert len({entry.iso2 for entry in entries}) == len(entries)


def test_it_gives_the_central_asian_countries_russian_and_kazakh_names() -> None:
    by_iso3 = {entry.iso3: entry for entry in catalogue.countries()}
    for iso3 in CENTRAL_ASIA:
        entry = by_iso3[iso3]
        assert CYRILLIC.search(entry.ru), iso3
        assert CYRILLIC.search(entry.kk), iso3
        assert entry.fallbacks == ()
    assert by_iso3["KAZ"].kk == "Қазақстан"
    assert by_iso3["KAZ"].ru == "Казахстан"
    assert by_iso3["KAZ"].en == "Kazakhstan"


def test_it_prefers_pycountrys_common_name_in_english() -> None:
    by_iso3 = {entry.iso3: entry for entry in catalogue.countries()}
    assert by_iso3["BOL"].en == "Bolivia"
    assert by_iso3["IRN"].en == "Iran"


def test_it_gives_every_country_a_unique_unhcr_code() -> None:
    codes = [entry.unhcr_code for entry in catalogue.countries()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)


def test_it_applies_the_unhcr_overrides() -> None:
    by_iso3 = {entry.iso3: entry for entry in catalogue.countries()}
    assert by_iso3["DEU"].unhcr_code == "GFR"
    assert by_iso3["CHN"].unhcr_code == "CHI"
    assert by_iso3["CHE"].unhcr_code == "SWI"
    assert by_iso3["EGY"].unhcr_code == "ARE"
    assert by_iso3["ARE"].unhcr_code == "UAE"
    assert by_iso3["AFG"].unhcr_code == "AFG"
    for iso3 in CENTRAL_ASIA:
        assert by_iso3[iso3].unhcr_code == iso3


def test_it_maps_unhcr_overrides_from_valid_iso3_codes() -> None:
    overrides = catalogue.unhcr_country_codes()
    assert overrides
    for iso3, unhcr in overrides.items():
        assert pycountry.countries.get(alpha_3=iso3) is not None, iso3
        assert re.fullmatch(r"[A-Z]{3}", unhcr), unhcr
        assert unhcr != iso3
    assert len(set(overrides.values())) == len(overrides)


def test_it_falls_back_to_english_and_says_why_when_babel_lacks_a_name() -> None:
    names = {"ru": {"KZ": "Казахстан"}, "kk": {}}
    entries = {entry.iso3: entry for entry in catalogue.build_countries({}, names)}
    assert entries["KAZ"].ru == "Казахстан"
    assert entries["KAZ"].kk == "Kazakhstan"
    assert entries["KAZ"].fallbacks == ("kk: babel has no name for KZ; English used",)
    assert entries["DEU"].ru == "Germany"
    assert len(entries["DEU"].fallbacks) == 2


def test_it_rejects_overrides_that_collide_with_another_countrys_code() -> None:
    with pytest.raises(CatalogueError, match="'AFG' of ALB"):
        catalogue.build_countries({"ALB": "AFG"}, {"ru": {}, "kk": {}}, source="x.json")


# --------------------------------------------------------------------------- file hygiene


@pytest.mark.parametrize(
    "name", ["specific_needs.json", "regions.json", "unhcr_country_codes.json"]
)
def test_it_ships_data_files_in_their_canonical_sorted_form(name: str) -> None:
    path = catalogue.DATA_DIR / name
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if isinstance(data, list):
        codes = [row["code"] for row in data]
        assert codes == sorted(codes)


def test_it_caches_what_it_reads() -> None:
    assert catalogue.specific_needs() is catalogue.specific_needs()
    assert catalogue.regions() is catalogue.regions()
    assert catalogue.countries() is catalogue.countries()


def test_it_returns_frozen_entries() -> None:
    entry = catalogue.specific_needs()[0]
    with pytest.raises(AttributeError):
        entry.en = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        catalogue.unhcr_country_codes()["DEU"] = "DEU"  # type: ignore[index]


def test_it_does_not_import_django() -> None:
    tree = ast.parse(Path(catalogue.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert imported
    assert not {name for name in imported if name.split(".")[0] in {"django", "rest_framework"}}


# --------------------------------------------------------------------------- broken files


def test_it_loads_a_good_file_given_by_path(tmp_path: Path) -> None:
    entries = catalogue.load_specific_needs(_write(tmp_path, GOOD_NEEDS))
    assert [entry.code for entry in entries] == ["SM", "SM-CI"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [
                *GOOD_NEEDS,
                {"code": "XX-AA", "parent": "XX", "en": "e", "ru": "болезнь", "kk": "сырқат"},
            ],
            r"entry 2 \('XX-AA'\): unknown parent 'XX'",
        ),
        ([*GOOD_NEEDS, GOOD_NEEDS[1]], r"entry 2 \('SM-CI'\): duplicate code 'SM-CI'"),
        (
            [GOOD_NEEDS[0], {**GOOD_NEEDS[1], "kk": ""}],
            r"entry 1 \('SM-CI'\): missing kk label",
        ),
        (
            [GOOD_NEEDS[0], {key: v for key, v in GOOD_NEEDS[1].items() if key != "ru"}],
            r"entry 1 \('SM-CI'\): missing ru",
        ),
        ([GOOD_NEEDS[0], {**GOOD_NEEDS[1], "parent": "DS"}], r"parent 'DS' must be"),
        ([{**GOOD_NEEDS[0], "parent": "SM"}], r"category 'SM' must have a null parent"),
        ([{**GOOD_NEEDS[0], "code": "sm"}], r"code 'sm' is not of the form"),
        ([{**GOOD_NEEDS[0], "extra": 1}], r"unknown field extra"),
        ([{**GOOD_NEEDS[0], "en": " Serious"}], r"en label ' Serious' has stray whitespace"),
        ({"SM": "Serious"}, r"top level: must be a list"),
    ],
)
def test_it_rejects_a_broken_specific_needs_file(tmp_path: Path, rows: Any, message: str) -> None:
    path = _write(tmp_path, rows)
    with pytest.raises(ValueError, match=message) as caught:
        catalogue.load_specific_needs(path)
    assert str(path) in str(caught.value)


def test_it_rejects_a_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"code": "SM",', encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid JSON"):
        catalogue.load_specific_needs(path)


def test_it_rejects_duplicate_keys_in_a_json_object(tmp_path: Path) -> None:
    path = tmp_path / "unhcr.json"
    path.write_text('{"DEU": "GFR", "DEU": "GER"}', encoding="utf-8")
    with pytest.raises(CatalogueError, match="key 'DEU': appears twice"):
        catalogue.load_unhcr_country_codes(path)


GOOD_REGION: dict[str, Any] = {
    "code": "KZ-10",
    "country": "KAZ",
    "kato": "10",
    "en": "Abai Region",
    "ru": "Абайская область",
    "kk": "Абай облысы",
}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([GOOD_REGION, GOOD_REGION], r"entry 1 \('KZ-10'\): duplicate code 'KZ-10'"),
        ([{**GOOD_REGION, "kato": None}], r"KATO code None must be two digits"),
        (
            [{**GOOD_REGION, "code": "KG-B", "country": "KGZ"}],
            r"KATO codes exist only for Kazakhstan",
        ),
        ([{**GOOD_REGION, "country": "UZB", "kato": None}], r"not a subdivision of UZB"),
        ([{**GOOD_REGION, "country": "XXX"}], r"unknown country 'XXX'"),
        ([{**GOOD_REGION, "ru": None}], r"entry 0 \('KZ-10'\): missing ru label"),
    ],
)
def test_it_rejects_a_broken_regions_file(tmp_path: Path, rows: Any, message: str) -> None:
    path = _write(tmp_path, rows)
    with pytest.raises(ValueError, match=message) as caught:
        catalogue.load_regions(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"XYZ": "ABC"}, r"entry 'XYZ': 'XYZ' is not an ISO 3166-1 alpha-3 code"),
        ({"DEU": "gfr"}, r"entry 'DEU': UNHCR code 'gfr' must be three capital letters"),
        ({"DEU": "DEU"}, r"UNHCR code equals the ISO code"),
        ({"DEU": "GFR", "AUT": "GFR"}, r"UNHCR code 'GFR' already belongs to DEU"),
        (["DEU", "GFR"], r"top level: must be an object"),
    ],
)
def test_it_rejects_a_broken_unhcr_codes_file(tmp_path: Path, data: Any, message: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(ValueError, match=message) as caught:
        catalogue.load_unhcr_country_codes(path)
    assert str(path) in str(caught.value)
