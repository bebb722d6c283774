"""Writes of pledges: recording a pledge, and its progress updates (which move its status by
the table of ``models.STEP_BACK``); the demo's five 2023 pledges of Kazakhstan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import FieldProblems, NotAllowed, locked_at_version
from qorgau.organisations.models import User
from qorgau.pledges import errors
from qorgau.pledges.access import may_edit_pledges
from qorgau.pledges.models import STEP_BACK, Area, Pledge, PledgeStatus, PledgeUpdate
from qorgau.reference.models import Country

PLEDGE_RECORDED = "pledge_recorded"
PLEDGE_UPDATED = "pledge_progress_recorded"
PLEDGE_REFUSED = "pledge_refused"
DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("en", "ru", "kk")


def _refuse(actor: User, country: Country, object_id: Any = None) -> NotAllowed:
    security_event_record(
        actor=actor,
        event=PLEDGE_REFUSED,
        object_type="pledge",
        object_id=object_id,
        detail={"country": country.iso3, "reason": "no_permission"},
    )
    return NotAllowed(errors.NOT_EDITOR, code="no_permission")


def pledge_record(
    *,
    actor: User,
    country: Country,
    area: str,
    made_on: dt.date,
    titles: dict[str, str],
    texts: dict[str, str],
    status: str = PledgeStatus.PLANNING,
) -> Pledge:
    """Record a pledge of ``country`` with its title and text in en, ru and kk; only a manager
    of the country's agency office may. Bad input raises ``ValidationError`` naming every field
    at fault (``title_kk``, ``made_on`` …); nothing is stored then."""
    if not may_edit_pledges(actor, country.iso3):
        raise _refuse(actor, country)
    problems = FieldProblems()
    if area not in Area.values:
        problems.add("area", errors.UNKNOWN_AREA, "unknown_area")
    if status not in PledgeStatus.values:
        problems.add("status", errors.UNKNOWN_STATUS, "unknown_status")
    if made_on > timezone.localdate():
        problems.add("made_on", errors.FUTURE_DATE, "future_date")
    for language in LANGUAGES:
        for name, given in (("title", titles), ("text", texts)):
            if not given.get(language, "").strip():
                problems.add(f"{name}_{language}", errors.NO_TEXT, "no_text")
    problems.raise_any()
    pledge = Pledge(
        country=country,
        area=area,
        made_on=made_on,
        status=status,
        recorded_by=actor,
        **{f"title_{lang}": titles[lang].strip() for lang in LANGUAGES},
        **{f"text_{lang}": texts[lang].strip() for lang in LANGUAGES},
    )
    with transaction.atomic():
        history_stamp(pledge, actor=actor, reason="pledge recorded")
        pledge.save()
        security_event_record(
            actor=actor,
            event=PLEDGE_RECORDED,
            object_type="pledge",
            object_id=pledge.public_id,
            detail={"country": country.iso3, "area": area},
        )
    return pledge


def _evidence_problems(problems: FieldProblems, document: UploadedFile | None, link: str) -> None:
    if document is not None:
        limit = settings.PLEDGE_EVIDENCE_MAX_BYTES
        if (document.size or 0) > limit:
            problems.add("evidence_document", errors.DOCUMENT_TOO_LARGE, "document_too_large",
                         limit=limit)  # fmt: skip
        else:
            head = document.read(5)
            document.seek(0)
            if head != b"%PDF-":
                problems.add("evidence_document", errors.DOCUMENT_TYPE, "document_type")
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            problems.add("evidence_url", errors.BAD_LINK, "bad_link")


def pledge_progress_record(
    *,
    actor: User,
    pledge: Pledge,
    version: int,
    occurred_on: dt.date,
    summary: str,
    status: str,
    reason: str = "",
    evidence_document: UploadedFile | None = None,
    evidence_url: str = "",
) -> PledgeUpdate:
    """Record progress on ``pledge`` on ``occurred_on`` and move it to ``status``. A step back
    (``models.STEP_BACK``) needs a ``reason``; the evidence is a PDF within
    ``settings.PLEDGE_EVIDENCE_MAX_BYTES``, a link, or both. ``version`` is the pledge's
    version the editor saw. Bad input raises ``ValidationError`` naming every field at fault;
    nothing is stored then."""
    if not may_edit_pledges(actor, pledge.country.iso3):
        raise _refuse(actor, pledge.country, pledge.public_id)
    summary, reason, link = summary.strip(), reason.strip(), evidence_url.strip()
    problems = FieldProblems()
    if not summary:
        problems.add("summary", errors.NO_PROGRESS, "no_progress")
    if status not in PledgeStatus.values:
        problems.add("status", errors.UNKNOWN_STATUS, "unknown_status")
    elif STEP_BACK.get((pledge.status, status), False) and not reason:
        problems.add(
            "reason", errors.REASON_FOR_STEP_BACK, "reason_required",
            before=PledgeStatus(pledge.status).label, after=PledgeStatus(status).label,
        )  # fmt: skip
    if occurred_on > timezone.localdate():
        problems.add("occurred_on", errors.FUTURE_DATE, "future_date")
    elif occurred_on < pledge.made_on:
        problems.add("occurred_on", errors.BEFORE_PLEDGE, "before_pledge",
                     made_on=pledge.made_on.isoformat())  # fmt: skip
    _evidence_problems(problems, evidence_document, link)
    problems.raise_any()
    update = PledgeUpdate(
        pledge=pledge, occurred_on=occurred_on, summary=summary, status_to=status,
        reason=reason, evidence_url=link, recorded_by=actor,
    )  # fmt: skip
    try:
        with transaction.atomic():
            locked = locked_at_version(
                Pledge, pledge.pk, version, message=errors.STALE_PLEDGE, code="stale_pledge"
            )
            update.status_from = locked.status
            if evidence_document is not None:
                update.evidence_document.save(
                    f"{update.public_id}.pdf", evidence_document, save=False
                )
            history_stamp(update, actor=actor, reason="pledge progress recorded")
            update.save()
            locked.status = status
            locked.version += 1
            history_stamp(locked, actor=actor, reason=f"pledge status: {status}")
            locked.save(update_fields=["status", "version", "updated_at"])
            security_event_record(
                actor=actor,
                event=PLEDGE_UPDATED,
                object_type="pledge",
                object_id=pledge.public_id,
                detail={"from": update.status_from, "to": status, "version": locked.version},
            )
    except Exception:
        if update.evidence_document:
            update.evidence_document.delete(save=False)
        raise
    pledge.status, pledge.version = locked.status, locked.version
    return update


@transaction.atomic
def pledges_seed(country: str = "KAZ") -> int:
    """Load the country's GRF pledges from ``data/pledges-<country>.yaml`` unless it already
    has pledges (the demo: Kazakhstan's five 2023 pledges, as on the fact sheet). Written
    directly, as the fact sheet's own demo seed is, with no recorder."""
    path = DATA / f"pledges-{country}.yaml"
    office = Country.objects.filter(iso3=country).first()
    if office is None or not path.exists() or Pledge.objects.filter(country=office).exists():
        return 0
    data: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["pledges"]
    for item in data:
        pledge = Pledge(
            country=office,
            area=item["area"],
            made_on=item["made_on"],
            status=item["status"],
            **{f"title_{lang}": item["title"][lang] for lang in LANGUAGES},
            **{f"text_{lang}": item["text"][lang].strip() for lang in LANGUAGES},
        )
        pledge.save()
    return len(data)
