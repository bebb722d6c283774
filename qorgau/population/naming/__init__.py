"""Synthetic personal names for the population generator, and the ways people misspell them.

ALL NAMES ARE SYNTHETIC. Each background has pools of common given names and family names;
a person's name combines draws from these pools at random, so no generated record describes
a real person.

What the module provides, and why it looks the way it does:

* :func:`draw_name` gives a name *as written on the person's documents*: Kazakh, Russian,
  Uzbek, Kyrgyz, Tajik and Ukrainian names in Cyrillic (with the national letters, or with the
  Russian look-alikes that older Soviet-era and Russian-language documents use), Afghan names
  in the Latin spelling of their passports. Registry staff copy names from these documents, so
  this is what the registry holds before anyone misspells it.
* Pools are weighted Zipf-like (weight ``1 / rank ** s``): a few names are very frequent, as in
  real registries. Record linkage weighs agreement on a rare name more than on ``Мухаммад``;
  uniform pools would hide exactly the case it has to handle.
* :func:`latin_spelling` and :func:`typo` produce the variants of one name that appear in
  messy source lists (test data for identity resolution).

Speed: the generator creates 20,000+ people a second, so everything that can be is computed
at import (cumulative weights, feminine family names, patronymics, russified spellings) and the
hot path is a few ``rng.random()`` calls, ``bisect`` and dictionary look-ups. Randomness always
comes from the :class:`random.Random` passed in, so a seed reproduces the population.

Pure Python on purpose: no Django, so it can be used and tested on its own.

The package: ``pools.yaml`` (the name pools, data) read by :mod:`.pools`; :mod:`.forms`
(russified spellings, patronymics, feminine family names); :mod:`.drawing` (weighted pools and
the ``draw_*`` functions); :mod:`.latin` (Latin spellings); :mod:`.typos`. Import from the
package: the names below are its interface.
"""

from qorgau.population.naming.drawing import (
    MIXED,
    MIXED_CUM,
    ORIGIN_BACKGROUNDS,
    STYLES,
    PersonName,
    background_for_origin,
    draw_family_root,
    draw_given_name,
    draw_name,
    family_name_for,
    patronymic_for,
)
from qorgau.population.naming.forms import (
    RUSSIFY,
    russian_patronymic,
    russify,
    ukrainian_patronymic,
)
from qorgau.population.naming.latin import LatinHabit, latin_spelling, spell_latin
from qorgau.population.naming.pools import Background
from qorgau.population.naming.typos import typo

__all__ = [
    "MIXED",
    "MIXED_CUM",
    "ORIGIN_BACKGROUNDS",
    "RUSSIFY",
    "STYLES",
    "Background",
    "LatinHabit",
    "PersonName",
    "background_for_origin",
    "draw_family_root",
    "draw_given_name",
    "draw_name",
    "family_name_for",
    "latin_spelling",
    "patronymic_for",
    "russian_patronymic",
    "russify",
    "spell_latin",
    "typo",
    "ukrainian_patronymic",
]
