"""All procedure definitions shipped with Qorgau, loaded and checked once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from qorgau.procedures.definition import Procedure, parse
from qorgau.procedures.yaml_lines import DefinitionError, load_yaml

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
DEFAULT = "default"


def definition_load(path: Path) -> Procedure:
    """Read and check one file; DefinitionError names the file, line and problem."""
    return parse(load_yaml(path), path)


@cache
def definitions(root: Path = DEFINITIONS) -> dict[tuple[str, str], Procedure]:
    """Every definition by (country, procedure code). A broken file stops start-up."""
    found: dict[tuple[str, str], Procedure] = {}
    for path in sorted(root.glob("*/*.yaml")):
        try:
            procedure = definition_load(path)
        except DefinitionError as exc:
            raise ImproperlyConfigured(f"Procedure definition: {exc}") from exc
        key = (procedure.country, procedure.code)
        if key in found:
            raise ImproperlyConfigured(
                f"Procedure definition: {path}: {procedure.code} is already defined in "
                f"{found[key].path}"
            )
        found[key] = procedure
    return found


def procedures_for(country: str) -> list[Procedure]:
    """The country's own procedures, and UNHCR's default ones for what it does not define."""
    everything = definitions()
    own = {code: p for (c, code), p in everything.items() if c == country}
    defaults = {code: p for (c, code), p in everything.items() if c == DEFAULT}
    return [own.get(code) or defaults[code] for code in sorted(own | defaults)]


def procedure_for(country: str, code: str) -> Procedure:
    """The procedure ``code`` as followed in ``country``; KeyError when there is none."""
    everything = definitions()
    procedure = everything.get((country, code)) or everything.get((DEFAULT, code))
    if procedure is None:
        raise KeyError(f"{country}/{code}")
    return procedure
