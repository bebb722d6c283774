"""The whole record of a person, for an access request: JSON and PDF.

One function reads it (``person_record``); both formats render that one dictionary, so the PDF
holds exactly what the JSON holds. Values are machine values in the JSON (codes, ISO dates,
document numbers decrypted only into the export); the PDF shows the same values under
translated labels. Household members are listed by registration number and relationship only:
their names are their own personal data, not the requester's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from qorgau.audit.models import AccessLog, Channel
from qorgau.audit.services import Reader, access_log_record, security_event_record
from qorgau.errors import NotAllowed
from qorgau.identity.models import Candidate, PairDecision
from qorgau.organisations.models import Membership, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import visible_persons_among
from qorgau.people.models import Document, LegalStatusPeriod, Person, Share
from qorgau.people.selectors import person_history
from qorgau.procedures.access import visible_cases
from qorgau.procedures.models import Case
from qorgau.referrals.models import Referral
from qorgau.reminders.access import visible_reminders
from qorgau.reminders.models import Reminder
from qorgau.rights import errors
from qorgau.rights.access import may_change_person
from qorgau.rights.models import SubjectRequest

STYLESHEET = Path(__file__).resolve().parent / "static" / "rights" / "export.css"

#: The sections of the export, in order, with their titles.
SECTIONS: dict[str, Any] = {
    "person": _("Person"),
    "names": _("Names"),
    "status_history": _("Legal status history"),
    "documents": _("Documents"),
    "phones": _("Phone numbers"),
    "specific_needs": _("Specific needs"),
    "household": _("Household"),
    "cases": _("Cases"),
    "identity_resolution": _("Identity resolution"),
    "shares": _("Shares"),
    "referrals": _("Referrals"),
    "reminders": _("Reminders"),
    "data_subject_requests": _("Data-subject requests"),
    "change_history": _("Change history"),
    "reads": _("Who read the record"),
}

#: Labels of the keys that are not a model field's name.
LABELS: dict[str, Any] = {
    "public_id": _("record id"),
    "family_name_latin": _("family name (Latin)"),
    "given_name_latin": _("given name (Latin)"),
    "patronymic_latin": _("patronymic (Latin)"),
    "aliases": _("Other names"),
    "members": _("Members"),
    "relationship": _("relationship to the principal applicant"),
    "steps": _("Steps"),
    "consent": _("Consent"),
    "at": _("When"),
    "user": _("Who"),
    "organisations": _("Organisation"),
    "channel": _("Channel"),
    "action": _("Action"),
    "change": _("What"),
    "record": _("Record"),
    "other_record": _("Other record"),
    "candidates": _("Candidate pairs"),
    "decisions": _("Decisions"),
    "merged_records": _("Records merged into this one"),
    "exported_at": _("Exported at"),
    "created_at": _("Recorded at"),
    "updated_at": _("Last changed at"),
}

ISO_TIME = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)[\d:.]*([+-]\d\d:\d\d|Z)?$")


def _plain(value: Any) -> Any:
    """A JSON value: dates as ISO text, ids as text, records by their name."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _fields(record: models.Model, skip: Iterable[str] = ()) -> dict[str, Any]:
    """Every stored field of ``record`` but its internal id and the ones in ``skip``; links by
    the name of the record they point to."""
    skipped = {"id", *skip}
    values: dict[str, Any] = {}
    for field in record._meta.concrete_fields:
        if field.name in skipped:
            continue
        values[field.name] = _plain(getattr(record, field.name))
    return values


def _cases(person: Person, user: User) -> list[dict[str, Any]]:
    condition = Q(person=person)
    if person.household_id is not None:
        condition |= Q(household_id=person.household_id)
    cases = visible_cases(user).filter(condition).select_related("organisation", "assigned_to")
    return [
        {
            **_fields(case, skip=("person", "household", "version")),
            "steps": [
                _fields(step, skip=("case", "status_period"))
                for step in case.steps.select_related("actor", "organisation")
            ],
        }
        for case in cases.prefetch_related("steps")
    ]


def _other(pair: Candidate | PairDecision, person: Person) -> str:
    """The registration number of the pair's other record."""
    other = pair.second if pair.first_id == person.pk else pair.first
    return other.registration_number


def _identity(person: Person, user: User) -> dict[str, Any]:
    """The links to other records, each only where the user may see the other record: an
    export must not tell a partner that someone else holds a record of the person."""
    pairs = Q(first=person) | Q(second=person)
    candidates = list(Candidate.objects.filter(pairs).select_related("first", "second"))
    decisions = list(
        PairDecision.objects.filter(pairs).select_related("first", "second", "kept", "organisation")
    )
    merged = list(person.merged_records.all())
    others = {p.first_id if p.second_id == person.pk else p.second_id for p in candidates}
    others |= {d.first_id if d.second_id == person.pk else d.second_id for d in decisions}
    others |= {m.pk for m in merged}
    if person.merged_into_id is not None:
        others.add(person.merged_into_id)
    seen = set(visible_persons_among(user, sorted(others)).values_list("pk", flat=True))

    def shown(pair: Candidate | PairDecision) -> bool:
        return (pair.second_id if pair.first_id == person.pk else pair.first_id) in seen

    return {
        "merged_into": person.merged_into.registration_number
        if person.merged_into_id in seen and person.merged_into
        else None,
        "merged_records": sorted(m.registration_number for m in merged if m.pk in seen),
        "candidates": [
            {
                "other_record": _other(c, person),
                "probability": c.probability,
                "verdict": c.verdict,
                "created_at": _plain(c.created_at),
            }
            for c in candidates
            if shown(c)
        ],
        "decisions": [
            {
                "other_record": _other(d, person),
                "verdict": d.verdict,
                "kept": d.kept.registration_number if d.kept else None,
                "reasons": d.reasons,
                "organisation": str(d.organisation),
                "decided_at": _plain(d.decided_at),
                "undone_at": _plain(d.undone_at),
            }
            for d in decisions
            if shown(d)
        ],
    }


def _reads(person: Person, user: User) -> list[dict[str, Any]]:
    """Who read the record: every read for the agency office of the person's country, which
    answers for the whole registry; for any other organisation, the reads of its own members
    (it answers for its own processing and must not learn who else reads the record)."""
    logged = AccessLog.objects.filter(object_type="person", object_id=person.public_id)
    scope = user_scope(user, Perm.PERSON_CHANGE)
    if person.country_office_id not in scope.agency_country_ids:
        members = Membership.objects.filter(organisation_id__in=scope.organisation_ids)
        logged = logged.filter(user_id__in=members.values("user_id"))
    rows = list(logged.select_related("user").order_by("at", "id"))
    organisations: dict[int, list[str]] = {}
    for membership in Membership.objects.filter(
        user_id__in={r.user_id for r in rows if r.user_id}
    ).select_related("organisation"):
        names = organisations.setdefault(membership.user_id, [])
        if str(membership.organisation) not in names:
            names.append(str(membership.organisation))
    return [
        {
            "at": _plain(r.at),
            "user": r.user.username if r.user else None,
            "organisations": organisations.get(r.user_id or 0, []),
            "channel": r.channel,
            "action": r.action,
        }
        for r in rows
    ]


def _referrals(person: Person) -> list[dict[str, Any]]:
    """The person's referrals (and their household's) to partners: to whom, for what, the
    consent recorded and every step (issue 17). The export is made for a user who may change the
    person, who sees every referral of the record."""
    condition = Q(person=person)
    if person.household_id is not None:
        condition |= Q(household_id=person.household_id)
    rows = (
        Referral.objects.filter(condition)
        .select_related("sender", "recipient", "sent_by", "agreement", "consent")
        .prefetch_related("services", "events__actor", "events__organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            **_fields(r, skip=("person", "household", "share", "previous", "version")),
            "services": [s.code for s in r.services.all()],
            "consent": _fields(r.consent, skip=("referral",)) if hasattr(r, "consent") else None,
            "steps": [_fields(e, skip=("referral",)) for e in r.events.all()],
        }
        for r in rows
    ]


def person_record(person: Person, *, user: User) -> dict[str, Any]:
    """Every section of the person's record (``SECTIONS``), as JSON values, as far as ``user``
    may read it: cases, reminders and links to other records through their own access gates."""
    household = person.household
    return {
        "exported_at": _plain(timezone.now()),
        "person": _fields(person, skip=("merged_into", "household", "version")),
        "names": {
            "family_name": person.family_name,
            "given_name": person.given_name,
            "patronymic": person.patronymic,
            "aliases": [_fields(a, skip=("person",)) for a in person.aliases.all()],
        },
        "status_history": [
            _fields(p, skip=("person",))
            for p in person.status_periods.select_related("deciding_authority", "recorded_by")
        ],
        "documents": [
            _fields(d, skip=("person", "number_hash"))
            for d in person.documents.select_related("issuing_country")
        ],
        "phones": [str(p.number) for p in person.phones.all()],
        "specific_needs": [
            {"code": n.need.code, "name": str(n.need)} for n in person.needs.select_related("need")
        ],
        "household": None
        if household is None
        else {
            "registration_number": household.registration_number,
            "relationship": person.relationship,
            "members": [
                {"registration_number": number, "relationship": relationship}
                for number, relationship in household.members.exclude(pk=person.pk)
                .order_by("registration_number")
                .values_list("registration_number", "relationship")
            ],
        },
        "cases": _cases(person, user),
        "identity_resolution": _identity(person, user),
        "shares": [
            _fields(s, skip=("person",))
            for s in person.shares.select_related("organisation", "granted_by")
        ]
        + (
            [
                _fields(s, skip=("person",))
                for s in household.shares.select_related("organisation", "granted_by")
            ]
            if household is not None
            else []
        ),
        "referrals": _referrals(person),
        "reminders": [
            _fields(r, skip=("person", "document", "case", "country"))
            for r in visible_reminders(user)
            .filter(person=person)
            .select_related("organisation", "done_by")
        ],
        "data_subject_requests": [
            _fields(r, skip=("person", "version"))
            for r in SubjectRequest.objects.filter(person=person).select_related(
                "organisation", "country", "answered_by", "recorded_by"
            )
        ],
        "change_history": [
            {"at": _plain(e.at), "user": e.user, "record": e.record, "change": e.change}
            for e in person_history(person, limit=10_000)
        ],
        "reads": _reads(person, user),
    }


def record_json(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, indent=2).encode() + b"\n"


def _label(key: str, model: type[models.Model] | None) -> str:
    if key in LABELS:
        return str(LABELS[key])
    if model is not None:
        try:
            return str(getattr(model._meta.get_field(key), "verbose_name", key))
        except Exception:  # noqa: S110 - not a field of the model: the key itself
            pass
    return key.replace("_", " ")


def _text(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, str) and (time := ISO_TIME.match(value)):
        return f"{time[1]} {time[2]} {time[3] or ''}".strip()
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


SECTION_MODELS: dict[str, type[models.Model] | None] = {
    "person": Person,
    "status_history": LegalStatusPeriod,
    "documents": Document,
    "cases": Case,
    "shares": Share,
    "referrals": Referral,
    "reminders": Reminder,
    "data_subject_requests": SubjectRequest,
    "names": Person,
}


def _shown(key: str, value: Any, model: type[models.Model] | None) -> str:
    """A value as the PDF shows it: a code of a choice field by its translated label."""
    if model is not None and isinstance(value, str):
        try:
            field = model._meta.get_field(key)
        except Exception:  # noqa: S110 - not a field of the model: the value as it is
            pass
        else:
            choices = dict(getattr(field, "flatchoices", None) or ())
            if value in choices:
                return str(choices[value])
    return _text(value)


def _rows(value: Any, model: type[models.Model] | None) -> list[list[tuple[str, str]]]:
    """A section as blocks of (label, text) lines: one block per item of a list."""
    items = value if isinstance(value, list) else [value]
    blocks = []
    for item in items:
        if isinstance(item, dict):
            blocks.append([(_label(k, model), _shown(k, v, model)) for k, v in item.items()])
        else:
            blocks.append([("", _text(item))])
    return blocks


def record_pdf(record: dict[str, Any], *, person: Person, language: str) -> bytes:
    """The same record as a PDF, in ``language``."""
    from weasyprint import CSS, HTML

    with override(language):
        sections = [
            {
                "title": str(title),
                "blocks": []
                if record[key] in (None, [], {})
                else _rows(record[key], SECTION_MODELS.get(key)),
            }
            for key, title in SECTIONS.items()
        ]
        html = render_to_string(
            "rights/export_document.html",
            {
                "person": person,
                "exported_at": _text(record["exported_at"]),
                "sections": sections,
                "language": language,
            },
        )
    pdf: bytes = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
    return pdf


SUBJECT_ACCESS_EXPORTED = "subject_access_export"
FORMATS = {"json": "application/json", "pdf": "application/pdf"}


def subject_access_export(
    *, reader: Reader, request: SubjectRequest, format: str, language: str
) -> tuple[bytes, str, str]:
    """The person's whole record for ``request``, as (content, content type, file name). Only
    for a reader who may change the person (asked again here); each export is written to the
    access log (channel ``export``) and to the security log."""
    person = request.person
    if format not in FORMATS:
        raise NotAllowed(code="unknown_format")
    if not may_change_person(reader.user, person):
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    exporter = Reader(
        user=reader.user, channel=Channel.EXPORT, path=reader.path, address=reader.address
    )
    access_log_record(
        reader=exporter, action="export", object_type="person", object_ids=[person.public_id]
    )
    security_event_record(
        actor=reader.user,
        event=SUBJECT_ACCESS_EXPORTED,
        object_type="person",
        object_id=person.public_id,
        detail={"format": format, "request": str(request.public_id)},
        address=reader.address,
    )
    record = person_record(person, user=reader.user)
    if format == "json":
        content = record_json(record)
    else:
        content = record_pdf(record, person=person, language=language)
    name = f"record-{person.registration_number}-{timezone.localdate().isoformat()}.{format}"
    return content, FORMATS[format], name
