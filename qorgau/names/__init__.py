"""Personal names in any script: transliteration and comparison keys.

Pure Python on purpose (no Django, no other qorgau package): the same code
serves search in the web interface and probabilistic record linkage, and must
be testable and usable on its own. :mod:`qorgau.names.dates` holds the other half of
what identifies a person: the partial date of birth both read (ADR 0022).
"""

from qorgau.names.folding import fold, fold_tokens, name_tokens
from qorgau.names.transliteration import transliterate

__all__ = ["fold", "fold_tokens", "name_tokens", "transliterate"]
