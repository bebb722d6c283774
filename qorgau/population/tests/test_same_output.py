"""The generator's output for a fixed seed, pinned: moving code around (the naming package,
its data files, the romanisers on iuliia) must not change a single generated name or row.

The digests were recorded on the code before ``population/naming.py`` became a package. A
change of output on purpose updates them, and says in its commit what changed and why."""

import hashlib
import random
from pathlib import Path

import pytest

from qorgau.population import naming
from qorgau.population.lists import write_source_lists

NAMES_DIGEST = "1264074f136aa37b3e6b7369c2515aa78968e69ad3971f5d5299a3cf99d1bea1"
LISTS_DIGEST = "82cc85073e7adc48c08b92d3ae54f51ad883911fd895b0876f69c4f20d7232cd"


def _names_digest(seed: int = 2024, people: int = 3_000) -> str:
    """Names, Latin spellings in every habit and typos of ``people`` drawn people."""
    rng = random.Random(seed)
    digest = hashlib.sha256()
    for index in range(people):
        background = naming.background_for_origin(
            rng, ("KAZ", "RUS", "UZB", "AFG", "UKR")[index % 5]
        )
        name = naming.draw_name(rng, background, ("female", "male")[index % 2])
        parts = [name.family_name, name.given_name, name.patronymic]
        texts = [*parts, naming.russify(" ".join(parts))]
        for part in filter(None, parts):
            texts.append(naming.latin_spelling(rng, part, background=background))
            texts += [naming.spell_latin(rng, part, habit) for habit in naming.LatinHabit]
            texts.append(naming.typo(rng, part))
        digest.update("|".join(texts).encode())
    return digest.hexdigest()


def test_it_draws_and_spells_the_same_names_for_the_same_seed():
    assert _names_digest() == NAMES_DIGEST


@pytest.mark.django_db
def test_it_writes_the_same_source_lists_for_the_same_seed(context, tmp_path):
    write_source_lists(tmp_path, seed=3, context=context)
    digest = hashlib.sha256()
    for path in sorted(tmp_path.glob("*.csv")):
        digest.update(path.name.encode() + Path(path).read_bytes())

    assert digest.hexdigest() == LISTS_DIGEST
