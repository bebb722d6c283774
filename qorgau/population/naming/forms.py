"""Name forms: russified spellings, patronymics and feminine family names.

Everything here is a pure function of a name (and the background's rules); the drawing module
precomputes these forms for every pool name at import.
"""

from typing import Final

from qorgau.population.naming.pools import Background


def is_female(sex: str) -> bool:
    """``True`` for ``"female"``, ``False`` for ``"male"``; names need one of the two."""
    if sex == "female":
        return True
    if sex == "male":
        return False
    raise ValueError(f"sex must be 'female' or 'male', not {sex!r}")


# --------------------------------------------------------------------------------------------
# Russification.
# --------------------------------------------------------------------------------------------

#: Kazakh letter → Russian look-alike (Kyrgyz ``ң ө ү`` are covered too).
KAZAKH_TO_RUSSIAN: Final[dict[str, str]] = {
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
}  # fmt: skip
#: Uzbek (``ў ҳ``) and Tajik (``ӣ ӯ ҷ``) letters, russified the same way on Soviet documents.
_OTHER_TO_RUSSIAN: Final[dict[str, str]] = {"ў": "у", "ҳ": "х", "ӣ": "и", "ӯ": "у", "ҷ": "дж"}


def _russify_table() -> dict[int, str]:
    """Build the ``str.translate`` table of :func:`russify` (both cases)."""
    table: dict[int, str] = {}
    for letter, russian in (KAZAKH_TO_RUSSIAN | _OTHER_TO_RUSSIAN).items():
        table[ord(letter)] = russian
        table[ord(letter.upper())] = russian.capitalize()
    return table


RUSSIFY: Final = _russify_table()


def russify(text: str) -> str:
    """Replace national Cyrillic letters by the Russian look-alikes of older documents.

    Soviet and many Russian-language documents wrote Kazakh ``Сейтқазиев`` as
    ``Сейтказиев``: ``ә ғ қ ң ө ұ ү һ і`` become ``а г к н о у у х и``. Uzbek ``ў ҳ`` and Tajik
    ``ӣ ӯ ҷ`` are russified too (``ҷ`` → ``дж``), since their documents did the same. Do not
    call it on Ukrainian text: Ukrainian ``і`` is not a Kazakh letter.

    >>> russify("Әлия Жұмабекқызы")
    'Алия Жумабеккызы'
    """
    return text.translate(RUSSIFY)


# --------------------------------------------------------------------------------------------
# Patronymics and feminine family names.
# --------------------------------------------------------------------------------------------

RU_VOWELS: Final = frozenset("аеёиоуыэюяәөұүіїєӣӯў")
HUSHING: Final = frozenset("жшчщц")

#: Russian names whose patronymic is irregular: (masculine, feminine).
_RUSSIAN_PATRONYMIC_EXCEPTIONS: Final[dict[str, tuple[str, str]]] = {
    "Павел": ("Павлович", "Павловна"),
    "Лев": ("Львович", "Львовна"),
    "Пётр": ("Петрович", "Петровна"),
    "Петр": ("Петрович", "Петровна"),
    "Яков": ("Яковлевич", "Яковлевна"),
    "Михаил": ("Михайлович", "Михайловна"),
    "Даниил": ("Данилович", "Даниловна"),
    "Гавриил": ("Гаврилович", "Гавриловна"),
    "Илья": ("Ильич", "Ильинична"),
    "Никита": ("Никитич", "Никитична"),
    "Фома": ("Фомич", "Фоминична"),
    "Кузьма": ("Кузьмич", "Кузьминична"),
    "Лука": ("Лукич", "Лукинична"),
    "Савва": ("Саввич", "Саввична"),
    "Иннокентий": ("Иннокентьевич", "Иннокентьевна"),
}


def russian_patronymic(father_given: str, sex: str) -> str:
    """Russian-style patronymic (``-ович``/``-евич``/``-овна``/``-евна``) of any given name.

    Rules, in order: the irregular names above (``Павел`` → ``Павлович``, ``Илья`` →
    ``Ильич``/``Ильинична``); ``-ий`` after two consonants → ``-иевич`` (``Дмитриевич``),
    after one → ``-ьевич`` (``Юрьевич``); other ``-й`` → ``-евич`` (``Сергеевич``,
    ``Серікбаевич``); ``-ь`` → ``-евич`` (``Игоревич``); a vowel or ``ж ш ч щ ц`` → add
    ``-евич`` (Central Asian ``Мұса`` → ``Мұсаевич``, ``Қуаныш`` → ``Қуанышевич``); any other
    consonant → add ``-ович`` (``Иванович``, ``Серікович``). The letters of the father's name
    are kept, so a Kazakh name keeps its Kazakh letters until :func:`russify`.
    """
    female = is_female(sex)
    irregular = _RUSSIAN_PATRONYMIC_EXCEPTIONS.get(father_given)
    if irregular is not None:
        return irregular[female]
    if not father_given:
        return ""
    last = father_given[-1]
    if last == "й":
        stem = father_given[:-1]
        if stem.endswith("и") and len(stem) >= 3:
            base = stem[:-1]
            tail = base[-2:].lower()
            if tail[0] not in RU_VOWELS and tail[1] not in RU_VOWELS:
                return base + ("иевна" if female else "иевич")
            return base + ("ьевна" if female else "ьевич")
        return stem + ("евна" if female else "евич")
    if last == "ь":
        return father_given[:-1] + ("евна" if female else "евич")
    if last in RU_VOWELS or last in HUSHING:
        return father_given + ("евна" if female else "евич")
    return father_given + ("овна" if female else "ович")


#: Ukrainian names whose patronymic is irregular: (masculine, feminine).
_UKRAINIAN_PATRONYMIC_EXCEPTIONS: Final[dict[str, tuple[str, str]]] = {
    "Микола": ("Миколайович", "Миколаївна"),
    "Ілля": ("Ілліч", "Іллівна"),
    "Федір": ("Федорович", "Федорівна"),
    "Григорій": ("Григорович", "Григорівна"),
    "Яків": ("Якович", "Яківна"),
    "Лев": ("Львович", "Львівна"),
    "Лука": ("Лукич", "Луківна"),
    "Кузьма": ("Кузьмич", "Кузьмівна"),
    "Хома": ("Хомич", "Хомівна"),
    "Сава": ("Савович", "Савівна"),
}


def ukrainian_patronymic(father_given: str, sex: str) -> str:
    """Ukrainian patronymic: ``-ович`` for men, ``-івна`` for women.

    ``Іван`` → ``Іванович``/``Іванівна``; ``Сергій`` → ``Сергійович``/``Сергіївна``; ``Дмитро``
    → ``Дмитрович``/``Дмитрівна``; ``Василь`` → ``Васильович``/``Василівна``; irregular:
    ``Микола`` → ``Миколайович``/``Миколаївна``, ``Ілля`` → ``Ілліч``, ``Федір`` →
    ``Федорович``, ``Григорій`` → ``Григорович``.
    """
    female = is_female(sex)
    irregular = _UKRAINIAN_PATRONYMIC_EXCEPTIONS.get(father_given)
    if irregular is not None:
        return irregular[female]
    if not father_given:
        return ""
    last = father_given[-1]
    if last == "й":
        return father_given[:-1] + "ївна" if female else father_given + "ович"
    if last == "ь":
        return father_given[:-1] + "івна" if female else father_given + "ович"
    if last in "оая":
        stem = father_given[:-1]
        return stem + ("івна" if female else "ович")
    return father_given + ("івна" if female else "ович")


def kazakh_patronymic(father_given: str, female: bool) -> str:
    """Kazakh form, written as one word: ``Серікұлы`` (son), ``Серікқызы`` (daughter)."""
    return father_given + ("қызы" if female else "ұлы")


def uzbek_patronymic(father_given: str, female: bool) -> str:
    """Uzbek form, two words: ``Баҳтиёр ўғли`` (son), ``Баҳтиёр қизи`` (daughter)."""
    return father_given + (" қизи" if female else " ўғли")


def kyrgyz_patronymic(father_given: str, female: bool) -> str:
    """Kyrgyz form, two words: ``Асан уулу`` (son), ``Асан кызы`` (daughter)."""
    return father_given + (" кызы" if female else " уулу")


def no_patronymic(father_given: str, female: bool) -> str:
    """Tajik documents since the 2000s often have none."""
    return ""


def father_name(father_given: str, female: bool) -> str:
    """Afghan documents: the "father's name" field is the father's given name itself."""
    return father_given


def ukrainian_native(father_given: str, female: bool) -> str:
    return ukrainian_patronymic(father_given, "female" if female else "male")


def russian_form(father_given: str, female: bool) -> str:
    return russian_patronymic(father_given, "female" if female else "male")


#: Feminine family name endings, longest first: (masculine ending, feminine ending).
_FEMININE_ENDINGS: Final[tuple[tuple[str, str], ...]] = (
    ("ұлы", "қызы"),  # Kazakh family names made from an ancestor's name: a daughter is -қызы
    ("улы", "кызы"),  # ... and the same, russified
    (" уулу", " кызы"),  # Kyrgyz
    (" ўғли", " қизи"),  # Uzbek
    ("ский", "ская"),
    ("цкий", "цкая"),
    ("ський", "ська"),
    ("цький", "цька"),
    ("ской", "ская"),
    ("ов", "ова"),
    ("ев", "ева"),
    ("ёв", "ёва"),
    ("єв", "єва"),
    ("ин", "ина"),
    ("ын", "ына"),
    ("ін", "іна"),
)


def feminine_family_name(background: Background, root: str) -> str:
    """Apply the rules of :func:`family_name_for` for a woman (no cache)."""
    if background in (Background.AFGHAN_DARI, Background.AFGHAN_PASHTO):
        return root
    for masculine, feminine in _FEMININE_ENDINGS:
        if root.endswith(masculine):
            return root[: -len(masculine)] + feminine
    if background == Background.UKRAINIAN:
        if root.endswith("ий"):  # Білий → Біла, Лозовий → Лозова
            return root[:-2] + "а"
        return root  # -енко, -ук, -чук, Мельник, Коваль: the same for women
    if root.endswith(("ый", "ой")) and len(root) >= 5:  # Белый → Белая, Толстой → Толстая
        return root[:-2] + "ая"
    return root  # Ким, Цой, Черных, -зода, ...: the same for women
