"""The name pools are a data file of the package: read once, complete, and shipped."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from qorgau.population.naming import STYLES, Background
from qorgau.population.naming.pools import POOLS_FILE, pools

ROOT = Path(__file__).resolve().parents[3]


def test_it_reads_the_pools_once():
    assert pools() is pools()


def test_it_has_names_of_both_sexes_and_families_for_every_background():
    for background in Background:
        found = pools()[background]
        assert all((found.male, found.female, found.family)), background
        assert STYLES[background].male.names[0] == found.male[0]


def test_the_data_files_beside_the_code_are_package_data():
    """``pip install`` ships only the files that ``[tool.setuptools.package-data]`` names."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["*"]
    data_files = [p for p in POOLS_FILE.parent.iterdir() if p.suffix not in (".py", ".pyc", "")]

    assert POOLS_FILE in data_files
    assert all(any(fnmatch(p.name, pattern) for pattern in patterns) for p in data_files)
