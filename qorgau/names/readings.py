"""Several readings of one written name, for comparing transliterations.

:func:`qorgau.names.fold` reads a Latin name the way most lists of the region write it:
``j`` is ``ж`` (``Janar``, ``Jumabekov``) and ``h`` is ``х`` (``Hasan``). Two real habits
read those letters differently and so fold to other keys than the Cyrillic original:

* German and Polish-style glides, where ``j`` is ``й``: ``Sergej``, ``Natalja``, ``Jurij``;
* the Ukrainian passport system of 2010, where ``h`` is ``г``: ``Hryhorii``, ``Olha``;
* English spellings of Afghan names, where ``ee`` is ``и``: ``Basheer``, ``Naseer``, ``Waheed``
  (folding reads a double letter once, so ``Basheer`` would otherwise be ``Башер``).

One reading cannot serve both (``Janar`` must stay ``ж``), so :func:`readings` gives
every plausible key of a token: its fold key, and for Latin text also the keys of the
glide reading, of the ``h`` = ``г`` reading and of both. Two records agree on a name
when their readings share a key; the main fold key stays the one that is compared
exactly and counted for term frequencies.

Cyrillic text has one reading of its letters, but every key also gets a reading
with ``ю`` after a consonant as ``u``: ``Людмила``, ``Liudmila``, ``Lyudmila`` and
``Ludmila`` share the reading ``ludmila``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from qorgau.names.folding import fold

#: ``j`` as a glide (``й``): before a vowel it makes the iotated vowel (``ja`` → ``ia``,
#: ``je``/``jo`` → ``e``), elsewhere it is ``i`` (``Sergej``, ``Jurij``).
_GLIDES: Final = (
    (re.compile(r"j(?=[eo])"), ""),
    (re.compile(r"j"), "i"),
)
#: ``h`` as ``г`` where it is not part of ``kh``, ``sh``, ``ch``, ``zh`` or ``gh``.
_H_AS_G: Final = re.compile(r"(?<![kszcg])h")
_LATIN_ONLY: Final = re.compile(r"^[a-z]+$")
#: ``ю`` after a consonant, which English spellings often write as a bare ``u``
#: (``Ludmila`` for ``Людмила``, fold key ``ljudmila``).
_SOFT_U: Final = re.compile(r"(?<=[^aeiou])ju")


def _glide(text: str) -> str:
    for pattern, replacement in _GLIDES:
        text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=1 << 16)
def readings(token: str) -> frozenset[str]:
    """Every fold key ``token`` may stand for; empty keys are left out.

    >>> sorted(readings("Sergej"))
    ['sergei', 'sergej']
    >>> fold("Сергей") in readings("Sergej"), fold("Григорій") in readings("Hryhorii")
    (True, True)
    """
    keys = {fold(token)}
    lower = token.casefold()
    if _LATIN_ONLY.match(lower):
        glided = _glide(lower)
        ukrainian = _H_AS_G.sub("g", lower)
        keys |= {fold(glided), fold(ukrainian), fold(_H_AS_G.sub("g", glided))}
        if "ee" in lower:
            keys.add(fold(lower.replace("ee", "i")))
    keys |= {_SOFT_U.sub("u", key) for key in keys}
    keys.discard("")
    return frozenset(keys)


#: The Kazakh Latin alphabet of October 2017 wrote ``ш`` and ``ч`` as ``s'`` and ``c'``
#: (``S'ynar``, ``C'ingiz``); folding drops the apostrophe and would read them as ``с`` and
#: ``ц``. Its other apostrophe letters (``a'``, ``g'``, ``n'``, ``o'``, ``u'``) and the acute
#: letters of February 2018 (``á``, ``ǵ``, ``ń``, ``ó``, ``ú``) already fold to the right
#: letter. (``ý``, which is ``у`` in 2018, is left alone: it is ``й`` in Turkmen.)
_KAZAKH_2017: Final = re.compile(r"([sScC])['’ʼ`´ʹ]")
_KAZAKH_2017_LETTERS: Final = {"s": "sh", "S": "Sh", "c": "ch", "C": "Ch"}


def kazakh_latin_2017(text: str) -> str:
    """``text`` with the ``s'``/``c'`` of the 2017 Kazakh Latin alphabet spelt ``sh``/``ch``.

    >>> kazakh_latin_2017("S'ynar C'ingiz")
    'Shynar Chingiz'
    """
    return _KAZAKH_2017.sub(lambda match: _KAZAKH_2017_LETTERS[match.group(1)], text)
