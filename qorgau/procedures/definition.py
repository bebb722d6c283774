"""Procedure definitions: what a country's law says a procedure is, as data.

A definition file (YAML, one folder per country, ``default`` for UNHCR's own standards) names
the stages, the transitions between them and who may make them, what each transition requires,
the events whose dates deadlines count from, the deadlines themselves (calendar days or months,
extensions with a maximum), decision outcomes with their grounds, and the legal status each
outcome starts. Figures the domain brief marks unverified are *settings* with a note, so an
office can change them without touching the structure.

``parse`` checks a loaded file completely and raises ``DefinitionError`` naming the file, the
line and the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qorgau.organisations.permissions import Role
from qorgau.people.models.choices import DOCUMENT_TYPE_VALUES, LEGAL_STATUS_VALUES
from qorgau.procedures.yaml_lines import DefinitionError, LineDict, line_of

LANGUAGES = ("en", "ru", "kk")
SUBJECTS = ("person", "household")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
ROLE_VALUES = frozenset(Role.values)


@dataclass(frozen=True)
class Text:
    en: str
    ru: str
    kk: str

    def get(self, language: str) -> str:
        return str(getattr(self, language, "") or self.en)


@dataclass(frozen=True)
class Setting:
    name: str
    value: int
    unverified: bool
    note: str


@dataclass(frozen=True)
class Period:
    """A length in calendar days or months, fixed or taken from a setting."""

    unit: str  # "days", "months" or "years"
    amount: int | None = None
    setting: str | None = None

    def resolve(self, settings: dict[str, Setting]) -> int:
        if self.setting is not None:
            return settings[self.setting].value
        return int(self.amount or 0)

    def describe(self, settings: dict[str, Setting]) -> str:
        text = f"{self.resolve(settings)} {self.unit}"
        return f"{text} (setting {self.setting})" if self.setting else text


@dataclass(frozen=True)
class Stage:
    code: str
    title: Text
    initial: bool = False
    final: bool = False


@dataclass(frozen=True)
class Decision:
    outcome: str
    grounds: tuple[str, ...]


@dataclass(frozen=True)
class Transition:
    code: str
    title: Text
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    records: str | None
    fields: tuple[str, ...]
    documents: tuple[str, ...]
    after_decisions: tuple[str, ...]
    issues: tuple[str, ...]
    validity: Period | None
    decision: Decision | None
    status: str | None


@dataclass(frozen=True)
class Deadline:
    code: str
    title: Text
    starts: str
    period: Period
    met_by: str
    extension: Period | None


@dataclass(frozen=True)
class Procedure:
    code: str
    country: str
    title: Text
    law: Text  # the citation, in each language
    subject: str
    settings: dict[str, Setting]
    stages: tuple[Stage, ...]
    events: tuple[str, ...]
    transitions: tuple[Transition, ...]
    deadlines: tuple[Deadline, ...]
    path: str

    @property
    def initial(self) -> Stage:
        return next(stage for stage in self.stages if stage.initial)

    def stage(self, code: str) -> Stage:
        return next(stage for stage in self.stages if stage.code == code)

    def transitions_from(self, stage: str) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if stage in t.sources)


TOP_KEYS = {
    "procedure", "country", "title", "law", "subject", "settings", "stages", "events",
    "transitions", "deadlines",
}  # fmt: skip
STAGE_KEYS = {"code", "title", "initial", "final"}
TRANSITION_KEYS = {
    "code", "title", "from", "to", "roles", "records", "requires", "issues", "decision", "status",
    "valid_days", "valid_months", "valid_years",
}  # fmt: skip
DEADLINE_KEYS = {"code", "title", "from", "days", "months", "until", "extension"}


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: Any, problem: str, key: str | None = None) -> DefinitionError:
        return DefinitionError(self.path, line_of(node, key), problem)

    def mapping(self, node: Any, where: str, allowed: set[str]) -> LineDict:
        if not isinstance(node, LineDict):
            raise self.fail(node, f"{where} must be a mapping")
        for key in node:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail(node, f"{where}: unknown key '{key}' (known: {known})", key)
        return node

    def required(self, node: LineDict, key: str, where: str) -> Any:
        if key not in node or node[key] in (None, "", [], {}):
            raise self.fail(node, f"{where}: '{key}' is required")
        return node[key]

    def code(self, node: LineDict, key: str, where: str) -> str:
        value = self.required(node, key, where)
        if not isinstance(value, str) or not _CODE.match(value):
            raise self.fail(node, f"{where}: '{key}' must be a lower-case code, not {value!r}", key)
        return value

    def codes(self, node: LineDict, key: str, where: str, *, required: bool = True) -> list[str]:
        value = node.get(key, [])
        if value in (None, []) and not required:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.fail(node, f"{where}: '{key}' must be a list of codes", key)
        return [str(v) for v in value]

    def text(self, node: LineDict, key: str, where: str) -> Text:
        value = self.mapping(self.required(node, key, where), f"{where}.{key}", set(LANGUAGES))
        for language in LANGUAGES:
            if not isinstance(value.get(language), str) or not value[language].strip():
                problem = f"{where}.{key}: the {language} text is missing"
                raise self.fail(node, problem, key)
        return Text(**{language: value[language].strip() for language in LANGUAGES})

    def period(
        self, node: LineDict, where: str, settings: dict[str, Setting], prefix: str = ""
    ) -> Period | None:
        units = [u for u in ("days", "months", "years") if f"{prefix}{u}" in node]
        if not units:
            return None
        if len(units) > 1:
            raise self.fail(node, f"{where}: give one length (days, months or years), not several")
        key = f"{prefix}{units[0]}"
        value = node[key]
        if isinstance(value, LineDict):
            name = value.get("setting")
            if set(value) != {"setting"} or name not in settings:
                raise self.fail(value, f"{where}.{key}: unknown setting {name!r}")
            return Period(units[0], setting=str(name))
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise self.fail(node, f"{where}: '{key}' must be a positive whole number", key)
        return Period(units[0], amount=value)


def parse(data: Any, path: Path) -> Procedure:
    """Check a loaded definition completely; raise DefinitionError at the first problem."""
    p = _Parser(path)
    top = p.mapping(data, "definition", TOP_KEYS)
    code = p.code(top, "procedure", "definition")
    country = p.required(top, "country", "definition")
    if country != path.parent.name:
        raise p.fail(top, f"country {country!r} is not the folder {path.parent.name!r}", "country")
    subject = p.required(top, "subject", "definition")
    if subject not in SUBJECTS:
        raise p.fail(top, f"subject must be one of {', '.join(SUBJECTS)}", "subject")
    settings = _settings(p, top)
    stages = _stages(p, top)
    stage_codes = {stage.code for stage in stages}
    events = p.codes(top, "events", "definition")
    if len(set(events)) != len(events):
        raise p.fail(top, "events: a code is repeated", "events")
    transitions = _transitions(p, top, stage_codes, set(events), settings)
    deadlines = _deadlines(p, top, set(events), settings)
    outcomes = {t.decision.outcome for t in transitions if t.decision}
    for node, transition in zip(top["transitions"], transitions, strict=True):
        for outcome in transition.after_decisions:
            if outcome not in outcomes:
                raise p.fail(node, f"transition {transition.code}: unknown decision {outcome!r}")
    finals = {stage.code for stage in stages if stage.final}
    reachable = {t.target for t in transitions} | {stages[0].code}
    for stage in stages:
        if stage.code not in reachable and not stage.initial:
            raise p.fail(top["stages"], f"stage {stage.code!r} cannot be reached")
        if not stage.final and not any(stage.code in t.sources for t in transitions):
            raise p.fail(top["stages"], f"stage {stage.code!r} is not final and has no way out")
    if not finals:
        raise p.fail(top["stages"], "no stage is final")
    return Procedure(
        code=code,
        country=str(country),
        title=p.text(top, "title", "definition"),
        law=p.text(top, "law", "definition"),
        subject=str(subject),
        settings=settings,
        stages=tuple(stages),
        events=tuple(events),
        transitions=tuple(transitions),
        deadlines=tuple(deadlines),
        path=str(path),
    )


def _settings(p: _Parser, top: LineDict) -> dict[str, Setting]:
    raw = top.get("settings") or LineDict()
    settings = {}
    for name, node in p.mapping(raw, "settings", set(raw)).items():
        entry = p.mapping(node, f"settings.{name}", {"value", "unverified", "note"})
        value = entry.get("value")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise p.fail(entry, f"settings.{name}: 'value' must be a whole number", "value")
        settings[name] = Setting(
            name=name,
            value=value,
            unverified=bool(entry.get("unverified", False)),
            note=str(entry.get("note", "")),
        )
    return settings


def _stages(p: _Parser, top: LineDict) -> list[Stage]:
    raw = p.required(top, "stages", "definition")
    stages: list[Stage] = []
    for node in raw:
        entry = p.mapping(node, "stage", STAGE_KEYS)
        stage = Stage(
            code=p.code(entry, "code", "stage"),
            title=p.text(entry, "title", f"stage {entry.get('code')}"),
            initial=bool(entry.get("initial", False)),
            final=bool(entry.get("final", False)),
        )
        if any(s.code == stage.code for s in stages):
            raise p.fail(entry, f"stage {stage.code!r} is defined twice", "code")
        stages.append(stage)
    if sum(stage.initial for stage in stages) != 1:
        raise p.fail(raw, "exactly one stage must be initial")
    return stages


def _transitions(
    p: _Parser,
    top: LineDict,
    stages: set[str],
    events: set[str],
    settings: dict[str, Setting],
) -> list[Transition]:
    transitions: list[Transition] = []
    for node in p.required(top, "transitions", "definition"):
        entry = p.mapping(node, "transition", TRANSITION_KEYS)
        code = p.code(entry, "code", "transition")
        where = f"transition {code}"
        if any(t.code == code for t in transitions):
            raise p.fail(entry, f"{where} is defined twice", "code")
        sources = p.codes(entry, "from", where)
        target = p.required(entry, "to", where)
        for stage in [*sources, target]:
            if stage not in stages:
                raise p.fail(entry, f"{where}: unknown stage {stage!r}", "to")
        roles = p.codes(entry, "roles", where)
        for role in roles:
            if role not in ROLE_VALUES:
                raise p.fail(entry, f"{where}: unknown role {role!r}", "roles")
        records = entry.get("records")
        if records is not None and records not in events:
            raise p.fail(entry, f"{where}: unknown event {records!r}", "records")
        requires = p.mapping(
            entry.get("requires") or LineDict(), where, {"fields", "documents", "decision"}
        )
        documents = p.codes(requires, "documents", where, required=False)
        issues = p.codes(entry, "issues", where, required=False)
        for node_of, key, listed in ((requires, "documents", documents), (entry, "issues", issues)):
            for document in listed:
                if document not in DOCUMENT_TYPE_VALUES:
                    raise p.fail(node_of, f"{where}: unknown document type {document!r}", key)
        decision = None
        if "decision" in entry:
            node_decision = p.mapping(
                entry["decision"], f"{where}.decision", {"outcome", "grounds"}
            )
            decision = Decision(
                outcome=p.code(node_decision, "outcome", f"{where}.decision"),
                grounds=tuple(p.codes(node_decision, "grounds", f"{where}.decision")),
            )
        validity = p.period(entry, where, settings, prefix="valid_")
        if validity is not None and not issues:
            raise p.fail(entry, f"{where}: a validity needs the documents it issues ('issues')")
        status = entry.get("status")
        if status is not None and status not in LEGAL_STATUS_VALUES:
            raise p.fail(entry, f"{where}: unknown legal status {status!r}", "status")
        transitions.append(
            Transition(
                code=code,
                title=p.text(entry, "title", where),
                sources=tuple(sources),
                target=str(target),
                roles=tuple(roles),
                records=records,
                fields=tuple(p.codes(requires, "fields", where, required=False)),
                documents=tuple(documents),
                after_decisions=tuple(p.codes(requires, "decision", where, required=False)),
                issues=tuple(issues),
                validity=validity,
                decision=decision,
                status=status,
            )
        )
    return transitions


def _deadlines(
    p: _Parser, top: LineDict, events: set[str], settings: dict[str, Setting]
) -> list[Deadline]:
    deadlines: list[Deadline] = []
    for node in top.get("deadlines") or []:
        entry = p.mapping(node, "deadline", DEADLINE_KEYS)
        code = p.code(entry, "code", "deadline")
        where = f"deadline {code}"
        if any(d.code == code for d in deadlines):
            raise p.fail(entry, f"{where} is defined twice", "code")
        for key in ("from", "until"):
            if p.required(entry, key, where) not in events:
                raise p.fail(entry, f"{where}: unknown event {entry[key]!r}", key)
        period = p.period(entry, where, settings)
        if period is None:
            raise p.fail(entry, f"{where}: give its length in days or months")
        extension = None
        if "extension" in entry:
            node_extension = p.mapping(
                entry["extension"], f"{where}.extension", {"max_days", "max_months"}
            )
            extension = p.period(node_extension, f"{where}.extension", settings, prefix="max_")
            if extension is None:
                raise p.fail(node_extension, f"{where}.extension: give max_days or max_months")
        deadlines.append(
            Deadline(
                code=code,
                title=p.text(entry, "title", where),
                starts=str(entry["from"]),
                period=period,
                met_by=str(entry["until"]),
                extension=extension,
            )
        )
    return deadlines
