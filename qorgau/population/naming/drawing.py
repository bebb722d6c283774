"""Drawing names: each background's pools with Zipf weights and precomputed forms, and the
functions that draw a person's name, a household's family name and a background."""

import random
from bisect import bisect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Final, Self

from qorgau.population.naming.forms import (
    HUSHING,
    RU_VOWELS,
    RUSSIFY,
    father_name,
    feminine_family_name,
    is_female,
    kazakh_patronymic,
    kyrgyz_patronymic,
    no_patronymic,
    russian_form,
    russify,
    ukrainian_native,
    uzbek_patronymic,
)
from qorgau.population.naming.pools import Background, Pools, pools


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name as on the person's documents; empty strings where the documents have none.

    For Afghan people ``patronymic`` holds the "father's name" field of their documents (the
    father's given name), which Afghan passports and tazkiras carry instead of a patronymic.
    """

    family_name: str
    given_name: str
    patronymic: str


# --------------------------------------------------------------------------------------------
# Per-background style, precomputed.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pool:
    """Names with cumulative Zipf weights normalised to end at exactly 1.0."""

    names: tuple[str, ...]
    cum: tuple[float, ...]

    @classmethod
    def zipf(cls, names: Iterable[str], exponent: float) -> Self:
        unique = tuple(dict.fromkeys(names))
        weights = [1.0 / (rank**exponent) for rank in range(1, len(unique) + 1)]
        total = sum(weights)
        cum = [weight / total for weight in accumulate(weights)]
        cum[-1] = 1.0  # rng.random() < 1.0, so bisect always lands inside the pool
        return cls(unique, tuple(cum))


@dataclass(frozen=True, slots=True)
class _Style:
    """Everything :func:`draw_name` needs for one background."""

    male: _Pool
    female: _Pool
    family: _Pool
    #: Share of people whose documents use russified spellings (per person).
    russified_share: float
    #: Share of national-form patronymics among people with national / russified spellings.
    native_share: float
    native_share_russified: float
    #: Share of people (households) without a family name.
    no_family_share: float
    native: Callable[[str, bool], str]
    russian: Callable[[str, bool], str]
    #: Russified pool spelling → national spelling, to write a name given by the caller in
    #: the script of this person's documents.
    national: Mapping[str, str]
    feminine: Mapping[str, str]
    #: Father's given name → (native male, native female, russian male, russian female).
    patronymics: Mapping[str, tuple[str, str, str, str]]

    def patronymic(self, father_given: str, female: bool, native: bool) -> str:
        forms = self.patronymics.get(father_given)
        if forms is None:
            if native:
                return self.native(father_given, female)
            return self.russian(father_given, female)
        return forms[(0 if native else 2) + female]

    def feminine_of(self, background: Background, root: str) -> str:
        feminine = self.feminine.get(root)
        return feminine_family_name(background, root) if feminine is None else feminine


def _derived_family_names(male_names: Iterable[str]) -> list[str]:
    """Family names made from a grandfather's given name, as most Central Asian ones are.

    ``Ерлан`` → ``Ерланов``, ``Серікбай`` → ``Серікбаев``, ``Мирзо`` → ``Мирзоев``,
    ``Қуаныш`` → ``Қуанышев``. Only single-word names ending in a letter that takes a clean
    suffix are used.
    """
    derived = []
    for name in male_names:
        if " " in name or name.endswith(("ь", "ӣ")):
            continue
        last = name[-1]
        if last == "й":
            derived.append(name[:-1] + "ев")
        elif last in RU_VOWELS or last in HUSHING:
            derived.append(name + "ев")
        else:
            derived.append(name + "ов")
    return derived


def _style(
    background: Background,
    *,
    male: tuple[str, ...],
    female: tuple[str, ...],
    family: Iterable[str],
    given_exponent: float = 0.7,
    female_exponent: float | None = None,
    family_exponent: float = 0.6,
    russified_share: float = 0.0,
    native_share: float = 1.0,
    native_share_russified: float = 1.0,
    no_family_share: float = 0.0,
    native: Callable[[str, bool], str] = russian_form,
    russian: Callable[[str, bool], str] = russian_form,
) -> _Style:
    """Precompute a background's pools, spellings, feminine forms and patronymics."""
    male_pool = _Pool.zipf(male, given_exponent)
    family_pool = _Pool.zipf(family, family_exponent)
    russifies = russified_share > 0
    national: dict[str, str] = {}
    if russifies:
        russified: dict[str, list[str]] = {}
        for name in (*male, *female, *family_pool.names):
            russified.setdefault(russify(name), []).append(name)
        national = {
            spelled: names[0]
            for spelled, names in russified.items()
            if len(names) == 1 and spelled != names[0]
        }
    roots = family_pool.names + tuple(national) if russifies else family_pool.names
    feminine = {root: feminine_family_name(background, root) for root in roots}
    fathers = male_pool.names + tuple(n for n in national if national[n] in male_pool.names)
    patronymics = {
        father: (
            native(father, False),
            native(father, True),
            russian(father, False),
            russian(father, True),
        )
        for father in fathers
    }
    return _Style(
        male=male_pool,
        female=_Pool.zipf(female, female_exponent or given_exponent),
        family=family_pool,
        russified_share=russified_share,
        native_share=native_share,
        native_share_russified=native_share_russified,
        no_family_share=no_family_share,
        native=native,
        russian=russian,
        national=national,
        feminine=feminine,
        patronymics=patronymics,
    )


def _central_asian_family(pool: Pools) -> list[str]:
    """The explicit family names first (the frequent ones), then names derived from the men's
    given names."""
    return [*pool.family, *_derived_family_names(pool.male)]


#: Shares are estimates: in Kazakhstan roughly a third of the documents met in registration
#: carry russified spellings and a minority of Kazakhs (younger, mostly) have -ұлы/-қызы
#: patronymics; Uzbek and Kyrgyz documents of the Soviet and early independence period are
#: largely russified; Tajik documents often drop the patronymic; about 40% of Afghan
#: documents have no family name.
_POOLS: Final = pools()

STYLES: Final[dict[Background, _Style]] = {
    Background.KAZAKH: _style(
        Background.KAZAKH,
        male=_POOLS[Background.KAZAKH].male,
        female=_POOLS[Background.KAZAKH].female,
        family=_central_asian_family(_POOLS[Background.KAZAKH]),
        russified_share=0.35,
        native_share=0.40,
        native_share_russified=0.10,
        native=kazakh_patronymic,
    ),
    Background.RUSSIAN: _style(
        Background.RUSSIAN,
        male=_POOLS[Background.RUSSIAN].male,
        female=_POOLS[Background.RUSSIAN].female,
        family=_POOLS[Background.RUSSIAN].family,
        native=russian_form,
    ),
    Background.UZBEK: _style(
        Background.UZBEK,
        male=_POOLS[Background.UZBEK].male,
        female=_POOLS[Background.UZBEK].female,
        family=_central_asian_family(_POOLS[Background.UZBEK]),
        russified_share=0.50,
        native_share=0.70,
        native_share_russified=0.10,
        native=uzbek_patronymic,
    ),
    Background.KYRGYZ: _style(
        Background.KYRGYZ,
        male=_POOLS[Background.KYRGYZ].male,
        female=_POOLS[Background.KYRGYZ].female,
        family=_central_asian_family(_POOLS[Background.KYRGYZ]),
        russified_share=0.40,
        native_share=0.55,
        native_share_russified=0.10,
        native=kyrgyz_patronymic,
    ),
    Background.TAJIK: _style(
        Background.TAJIK,
        male=_POOLS[Background.TAJIK].male,
        female=_POOLS[Background.TAJIK].female,
        family=_central_asian_family(_POOLS[Background.TAJIK]),
        russified_share=0.50,
        native_share=0.50,
        native_share_russified=0.25,
        native=no_patronymic,
    ),
    Background.AFGHAN_DARI: _style(
        Background.AFGHAN_DARI,
        male=_POOLS[Background.AFGHAN_DARI].male,
        female=_POOLS[Background.AFGHAN_DARI].female,
        family=_POOLS[Background.AFGHAN_DARI].family,
        given_exponent=1.0,
        female_exponent=0.8,
        no_family_share=0.40,
        native=father_name,
        russian=father_name,
    ),
    Background.AFGHAN_PASHTO: _style(
        Background.AFGHAN_PASHTO,
        male=_POOLS[Background.AFGHAN_PASHTO].male,
        female=_POOLS[Background.AFGHAN_PASHTO].female,
        family=_POOLS[Background.AFGHAN_PASHTO].family,
        given_exponent=1.0,
        female_exponent=0.8,
        no_family_share=0.40,
        native=father_name,
        russian=father_name,
    ),
    Background.UKRAINIAN: _style(
        Background.UKRAINIAN,
        male=_POOLS[Background.UKRAINIAN].male,
        female=_POOLS[Background.UKRAINIAN].female,
        family=_POOLS[Background.UKRAINIAN].family,
        native=ukrainian_native,
        russian=ukrainian_native,
    ),
}

#: Share of national-form patronymics over the whole population of a background, for
#: :func:`patronymic_for` (which does not know whether the person's documents are russified).
_OVERALL_NATIVE_SHARE: Final[dict[Background, float]] = {
    background: style.russified_share * style.native_share_russified
    + (1 - style.russified_share) * style.native_share
    for background, style in STYLES.items()
}


# --------------------------------------------------------------------------------------------
# Drawing names.
# --------------------------------------------------------------------------------------------


def draw_given_name(rng: random.Random, background: Background, sex: str) -> str:
    """Draw a given name of ``background`` (national spelling), frequent names more often."""
    style = STYLES[background]
    pool = style.female if is_female(sex) else style.male
    return pool.names[bisect(pool.cum, rng.random())]


def _draw_root(style: _Style, rng: random.Random) -> str:
    if rng.random() < style.no_family_share:
        return ""
    return style.family.names[bisect(style.family.cum, rng.random())]


def draw_family_root(rng: random.Random, background: Background) -> str:
    """Draw the masculine (base) family name of a household, in national spelling.

    For Afghan households it is ``""`` in about 40% of draws: many Afghans have no family name
    on their documents, and the whole household shares that.
    """
    return _draw_root(STYLES[background], rng)


def family_name_for(background: Background, root: str, sex: str) -> str:
    """The family name a person of ``sex`` carries for the household's ``root``.

    Women: ``-ов``/``-ев``/``-ин`` → ``-ова``/``-ева``/``-ина``, ``-ский`` → ``-ская``
    (Ukrainian ``-ський`` → ``-ська``, ``-ий`` → ``-а``). Kazakh family names made with
    ``-ұлы`` ("son of") become ``-қызы`` ("daughter of"), Kyrgyz ``… уулу`` → ``… кызы``; other
    forms are the same for both sexes: Ukrainian ``-енко``, ``-ук``, ``Мельник``, Korean ``Ким``,
    Tajik ``-зода`` and all Afghan family names.
    """
    if not is_female(sex) or not root:
        return root
    return STYLES[background].feminine_of(background, root)


def patronymic_for(rng: random.Random, background: Background, father_given: str, sex: str) -> str:
    """The patronymic (or "father's name") of a child of ``father_given``.

    Russian: ``-ович``/``-евич``/``-овна``/``-евна`` (:func:`russian_patronymic`). Ukrainian:
    ``-ович``/``-івна`` (:func:`ukrainian_patronymic`). Kazakh: ``Серікұлы``/``Серікқызы`` in
    about 30% of draws, else ``Серікович``/``Сериковна``-style; Uzbek: ``Баҳтиёр ўғли``/``…
    қизи`` or ``-ович``; Kyrgyz: ``Асан уулу``/``… кызы`` or ``-ович``; Tajik: ``-ович`` or
    none (``""``); Afghan: the father's given name itself.

    The spelling of ``father_given`` is kept: :func:`draw_name` russifies whole names.
    """
    female = is_female(sex)
    native = rng.random() < _OVERALL_NATIVE_SHARE[background]
    return STYLES[background].patronymic(father_given, female, native)


def draw_name(
    rng: random.Random,
    background: Background,
    sex: str,
    *,
    father_given: str | None = None,
    family_root: str | None = None,
) -> PersonName:
    """Draw a full name as written on the person's documents.

    ``family_root`` (the household's base family name, from :func:`draw_family_root`) and
    ``father_given`` (the father's given name) are drawn when not given. Kazakh, Uzbek, Kyrgyz
    and Tajik people have, per person, either national spellings or russified ones (Kazakh:
    about 35% russified), and the whole name follows: a name passed in either spelling is
    written the way this person's documents write it.
    """
    style = STYLES[background]
    female = is_female(sex)
    pool = style.female if female else style.male
    given = pool.names[bisect(pool.cum, rng.random())]
    national = style.national
    if family_root is None:
        family_root = _draw_root(style, rng)
    elif national:
        family_root = national.get(family_root, family_root)
    if father_given is None:
        father_given = style.male.names[bisect(style.male.cum, rng.random())]
    elif national:
        father_given = national.get(father_given, father_given)
    russified = rng.random() < style.russified_share
    native = rng.random() < (style.native_share_russified if russified else style.native_share)
    patronymic = style.patronymic(father_given, female, native)
    family = style.feminine_of(background, family_root) if female and family_root else family_root
    if russified:
        return PersonName(
            family.translate(RUSSIFY), given.translate(RUSSIFY), patronymic.translate(RUSSIFY)
        )
    return PersonName(family, given, patronymic)


ORIGIN_BACKGROUNDS: Final[dict[str, Background]] = {
    "UKR": Background.UKRAINIAN,
    "UZB": Background.UZBEK,
    "KGZ": Background.KYRGYZ,
    "TJK": Background.TAJIK,
}
#: Stateless people and people from Kazakhstan, Russia and other former Soviet republics:
#: the mix of the stateless population in Kazakhstan ("other" are counted as Ukrainian).
MIXED: Final = (
    Background.KAZAKH,
    Background.RUSSIAN,
    Background.UZBEK,
    Background.KYRGYZ,
    Background.TAJIK,
    Background.UKRAINIAN,
)
MIXED_CUM: Final = (0.45, 0.70, 0.85, 0.90, 0.95, 1.0)


def background_for_origin(rng: random.Random, iso3: str) -> Background:
    """Draw the naming background of a person from country of origin ``iso3``.

    ``AFG`` → Dari (70%) or Pashto (30%); ``UKR``, ``UZB``, ``KGZ``, ``TJK`` → their own;
    ``KAZ``, ``RUS``, other former Soviet republics and unknown or stateless codes → Kazakh 45%,
    Russian 25%, Uzbek 15%, Kyrgyz 5%, Tajik 5%, other (Ukrainian) 5%.
    """
    code = iso3.upper()
    if code == "AFG":
        return Background.AFGHAN_DARI if rng.random() < 0.7 else Background.AFGHAN_PASHTO
    own = ORIGIN_BACKGROUNDS.get(code)
    if own is not None:
        return own
    return MIXED[bisect(MIXED_CUM, rng.random())]
