"""Every setting Qorgau reads from the environment, declared once.

Each variable has a type, a default and one line of documentation. A bad value stops start-up
with a message naming the variable, so a typo in production never falls back silently to a
development default. ``qorgau settings`` prints the table that the README carries.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class Variable:
    name: str
    kind: str
    default: str
    doc: str


DECLARED: dict[str, Variable] = {}


def _declare(name: str, kind: str, default: str, doc: str, *, secret: bool = False) -> str | None:
    """Record the variable for the README table. ``doc`` may end with "(default: …)" to show a
    default that depends on other settings or on the machine. A ``secret`` may instead be read
    from the file that ``<name>_FILE`` names (Docker and systemd credentials), so that it need
    not sit in the environment of every process."""
    if secret:
        doc = f"{doc} Or the file named by `{name}_FILE`."
    DECLARED[name] = Variable(name=name, kind=kind, default=default, doc=doc)
    raw = os.environ.get(name)
    path = os.environ.get(f"{name}_FILE") if secret else None
    if path is None:
        return raw
    if raw is not None:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read().strip()
    except OSError as exc:
        # The message names the file, never its content.
        raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc.strerror}") from exc


def _parse[T](name: str, raw: str, parse: Callable[[str], T], kind: str) -> T:
    try:
        return parse(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a valid {kind}: {exc}") from exc


def string(
    name: str, default: str, doc: str, shown_default: str | None = None, *, secret: bool = False
) -> str:
    shown = default if shown_default is None else shown_default
    raw = _declare(name, "string", shown, doc, secret=secret)
    return default if raw is None else raw


def integer(name: str, default: int, doc: str) -> int:
    raw = _declare(name, "integer", str(default), doc)
    return default if raw is None else _parse(name, raw, int, "integer")


def boolean(name: str, default: bool, doc: str, shown_default: str | None = None) -> bool:
    shown = ("true" if default else "false") if shown_default is None else shown_default
    raw = _declare(name, "boolean", shown, doc)
    if raw is None:
        return default

    def parse(value: str) -> bool:
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError("use true or false")

    return _parse(name, raw, parse, "boolean")


def string_list(name: str, default: list[str], doc: str, *, secret: bool = False) -> list[str]:
    raw = _declare(name, "comma-separated list", ",".join(default), doc, secret=secret)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def choice(name: str, default: str, choices: tuple[str, ...], doc: str) -> str:
    raw = _declare(name, "one of " + ", ".join(choices), default, doc)
    value = default if raw is None else raw.strip()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {', '.join(choices)}")
    return value


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity where the system tells, as in a
    container limited to some cores), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def markdown_table() -> str:
    """The README's configuration table, generated so that it cannot drift from the code."""
    lines = ["| variable | type | default | meaning |", "| --- | --- | --- | --- |"]
    for var in DECLARED.values():
        default = f"`{var.default}`" if var.default else "(empty)"
        lines.append(f"| `{var.name}` | {var.kind} | {default} | {var.doc} |")
    return "\n".join(lines)
