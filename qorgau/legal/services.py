"""Writes of legal standards: the shipped instruments and treaty statuses (and a manager's
change of a status), a law's provision, an assessment of a provision against a standard,
recommendations and their follow-up. Each write checks the actor's right on the country
itself; bad input raises ``ValidationError`` naming every field at fault, and nothing is stored
then."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import FieldProblems, NotAllowed, locked_at_version
from qorgau.formats.display import local_date
from qorgau.legal import errors
from qorgau.legal.access import legal_editor_countries
from qorgau.legal.models import (
    Alignment,
    Assessment,
    FollowUp,
    Instrument,
    Law,
    Provision,
    Recommendation,
    RecommendationStatus,
    Standard,
    TreatyStatus,
    TreatyStatusKind,
)
from qorgau.organisations.models import User
from qorgau.reference.models import Country

DATA = Path(__file__).resolve().parent / "data" / "instruments.yaml"
LEGAL_RECORDED = "legal_recorded"
LEGAL_REFUSED = "legal_refused"


def _check_editor(actor: User, country: Country, what: str) -> None:
    if country.iso3 not in legal_editor_countries(actor):
        security_event_record(
            actor=actor, event=LEGAL_REFUSED, object_type=what,
            detail={"country": country.iso3, "reason": "no_permission"},
        )  # fmt: skip
        raise NotAllowed(errors.NOT_EDITOR, code="no_permission")


def _recorded(actor: User, what: str, record: Any, country: Country) -> None:
    security_event_record(
        actor=actor, event=LEGAL_RECORDED, object_type=what, object_id=record.public_id,
        detail={"country": country.iso3},
    )  # fmt: skip


@transaction.atomic
def instruments_sync() -> None:
    """Create or update the shipped instruments and standards; add the shipped treaty
    statuses a country does not have yet (a status a manager changed stays)."""
    data: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    instruments: dict[str, Instrument] = {}
    for position, item in enumerate(data["instruments"]):
        instrument, _ = Instrument.objects.update_or_create(
            code=item["code"],
            defaults={"position": position, "adopted_on": item["adopted_on"],
                      **{f"name_{lang}": item["name"][lang] for lang in ("en", "ru", "kk")}},
        )  # fmt: skip
        instruments[instrument.code] = instrument
        for order, standard in enumerate(item["standards"]):
            Standard.objects.update_or_create(
                code=standard["code"],
                defaults={"instrument": instrument, "article": standard["article"],
                          "position": order,
                          **{f"name_{lang}": standard[lang] for lang in ("en", "ru", "kk")}},
            )  # fmt: skip
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=data["statuses"])}
    for iso3, statuses in data["statuses"].items():
        if iso3 not in countries:
            continue
        for code, (status, party_since) in statuses.items():
            TreatyStatus.objects.get_or_create(
                country=countries[iso3], instrument=instruments[code],
                defaults={"status": status, "party_since": party_since, "verified": False,
                          "source": "UN Treaty Collection (not checked line by line)"},
            )  # fmt: skip


def instruments_sync_after_migrate(**kwargs: Any) -> None:
    """post_migrate receiver: keeps a migrated database's instruments current."""
    if kwargs.get("plan") == [] and Instrument.objects.exists():
        return
    instruments_sync()


def provision_record(
    *,
    actor: User,
    country: Country,
    law_title: str,
    article: str,
    text: str,
    in_force_from: dt.date,
    in_force_to: dt.date | None = None,
) -> Provision:
    """Record an article of a law of ``country`` (the law is created on its first article)."""
    _check_editor(actor, country, "provision")
    problems = FieldProblems()
    law_title, article, text = law_title.strip(), article.strip(), text.strip()
    for name, value in (("law_title", law_title), ("article", article), ("text", text)):
        if not value:
            problems.add(name, errors.REQUIRED, "required")
    if in_force_to is not None and in_force_to < in_force_from:
        problems.add("in_force_to", errors.END_BEFORE_START, "end_before_start")
    problems.raise_any()
    with transaction.atomic():
        law = Law.objects.filter(country=country, title=law_title).first()
        if law is None:
            law = Law(country=country, title=law_title)
            history_stamp(law, actor=actor, reason="law recorded")
            law.save()
        provision = Provision(
            law=law, article=article, text=text, in_force_from=in_force_from,
            in_force_to=in_force_to, recorded_by=actor,
        )  # fmt: skip
        history_stamp(provision, actor=actor, reason="provision recorded")
        provision.save()
        _recorded(actor, "provision", provision, country)
    return provision


def assessment_record(
    *,
    actor: User,
    provision: Provision,
    standard: Standard,
    alignment: str,
    assessed_on: dt.date,
    notes: str = "",
    sources: str = "",
) -> Assessment:
    """Assess ``provision`` against ``standard`` on ``assessed_on``, with the actor as the
    assessor. Refused when the provision is not in force on that date."""
    country = provision.law.country
    _check_editor(actor, country, "assessment")
    problems = FieldProblems()
    if alignment not in Alignment.values:
        problems.add("alignment", errors.UNKNOWN_CHOICE, "unknown_choice")
    if assessed_on > timezone.localdate():
        problems.add("assessed_on", errors.FUTURE_DATE, "future_date")
    elif not provision.in_force(assessed_on):
        end = f" – {local_date(provision.in_force_to)}" if provision.in_force_to else ""
        problems.add(
            "assessed_on", errors.NOT_IN_FORCE, "not_in_force",
            date=local_date(assessed_on), start=local_date(provision.in_force_from), end=end,
        )  # fmt: skip
    problems.raise_any()
    assessment = Assessment(
        provision=provision, standard=standard, alignment=alignment, assessed_on=assessed_on,
        notes=notes.strip(), sources=sources.strip(), assessor=actor,
    )  # fmt: skip
    with transaction.atomic():
        history_stamp(assessment, actor=actor, reason="assessment recorded")
        assessment.save()
        _recorded(actor, "assessment", assessment, country)
    return assessment


def recommendation_record(
    *, actor: User, assessment: Assessment, text: str, made_on: dt.date
) -> Recommendation:
    """A recommendation on an assessment, made on ``made_on`` (not before the assessment)."""
    country = assessment.provision.law.country
    _check_editor(actor, country, "recommendation")
    problems = FieldProblems()
    if not text.strip():
        problems.add("text", errors.REQUIRED, "required")
    if made_on > timezone.localdate():
        problems.add("made_on", errors.FUTURE_DATE, "future_date")
    elif made_on < assessment.assessed_on:
        problems.add("made_on", errors.BEFORE_ASSESSMENT, "before_assessment",
                     date=local_date(assessment.assessed_on))  # fmt: skip
    problems.raise_any()
    recommendation = Recommendation(
        assessment=assessment, text=text.strip(), made_on=made_on, recorded_by=actor
    )
    with transaction.atomic():
        history_stamp(recommendation, actor=actor, reason="recommendation recorded")
        recommendation.save()
        _recorded(actor, "recommendation", recommendation, country)
    return recommendation


def recommendation_follow_up(
    *,
    actor: User,
    recommendation: Recommendation,
    version: int,
    occurred_on: dt.date,
    note: str,
    status: str,
) -> FollowUp:
    """Record what was done about a recommendation and move it to ``status``."""
    country = recommendation.assessment.provision.law.country
    _check_editor(actor, country, "recommendation")
    problems = FieldProblems()
    if not note.strip():
        problems.add("note", errors.REQUIRED, "required")
    if status not in RecommendationStatus.values:
        problems.add("status", errors.UNKNOWN_CHOICE, "unknown_choice")
    if occurred_on > timezone.localdate():
        problems.add("occurred_on", errors.FUTURE_DATE, "future_date")
    elif occurred_on < recommendation.made_on:
        problems.add("occurred_on", errors.BEFORE_ASSESSMENT, "before_recommendation",
                     date=local_date(recommendation.made_on))  # fmt: skip
    problems.raise_any()
    with transaction.atomic():
        locked = locked_at_version(
            Recommendation, recommendation.pk, version,
            message=errors.STALE_RECOMMENDATION, code="stale_recommendation",
        )  # fmt: skip
        follow_up = FollowUp.objects.create(
            recommendation=locked, occurred_on=occurred_on, note=note.strip(),
            status_to=status, recorded_by=actor,
        )  # fmt: skip
        locked.status = status
        locked.version += 1
        history_stamp(locked, actor=actor, reason=f"follow-up: {status}")
        locked.save(update_fields=["status", "version"])
        _recorded(actor, "recommendation", locked, country)
    recommendation.status, recommendation.version = locked.status, locked.version
    return follow_up


def treaty_status_change(
    *,
    actor: User,
    treaty_status: TreatyStatus,
    version: int,
    status: str,
    signed_on: dt.date | None,
    party_since: dt.date | None,
    source: str,
    verified: bool,
    reason: str,
) -> TreatyStatus:
    """Change a country's status under an instrument (party, signatory or not party), its dates,
    source and whether it was checked against the depositary's record. The reason, required,
    is kept on the change history."""
    country = treaty_status.country
    _check_editor(actor, country, "treaty_status")
    problems = FieldProblems()
    adopted = treaty_status.instrument.adopted_on
    why = " ".join(reason.split())
    source = source.strip()
    if status not in TreatyStatusKind.values:
        problems.add("status", errors.UNKNOWN_CHOICE, "unknown_choice")
    if party_since is not None and status != TreatyStatusKind.PARTY:
        problems.add("party_since", errors.NO_PARTY_DATE, "no_party_date")
    for name, day in (("signed_on", signed_on), ("party_since", party_since)):
        if day is None:
            continue
        if day > timezone.localdate():
            problems.add(name, errors.FUTURE_DATE, "future_date")
        elif day < adopted:
            problems.add(name, errors.BEFORE_ADOPTION, "before_adoption", date=local_date(adopted))
    if signed_on and party_since and signed_on > party_since:
        problems.add("signed_on", errors.SIGNED_AFTER_PARTY, "signed_after_party")
    if verified and not source:
        problems.add("source", errors.SOURCE_FOR_VERIFIED, "source_required")
    if not why:
        problems.add("reason", errors.REASON_REQUIRED, "required")
    problems.raise_any()
    with transaction.atomic():
        locked = locked_at_version(
            TreatyStatus, treaty_status.pk, version,
            message=errors.STALE_TREATY_STATUS, code="stale_treaty_status",
        )  # fmt: skip
        locked.status, locked.signed_on, locked.party_since = status, signed_on, party_since
        locked.source, locked.verified = source[:300], verified
        locked.version += 1
        history_stamp(locked, actor=actor, reason=why)
        locked.save()
        _recorded(actor, "treaty_status", locked, country)
    return locked
