"""Writes of the partner directory: the service catalogue's synchronisation from the shipped
file, and an organisation's directory entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed, StaleVersion, locked_at_version
from qorgau.organisations.models import Organisation, User
from qorgau.partners import catalogue, errors
from qorgau.partners.access import may_edit_partner_profile
from qorgau.partners.models import Agreement, PartnerProfile, ProfileLanguage, Service
from qorgau.people.fields import FieldGroup
from qorgau.people.models import Share
from qorgau.people.policy import agreement_purposes
from qorgau.reference.models import Region

PROFILE_SAVED = "partner_profile_saved"
PROFILE_REFUSED = "partner_profile_refused"
AGREEMENT_RECORDED = "agreement_recorded"
AGREEMENT_REFUSED = "agreement_refused"
AGREEMENT_CHANGED = "agreement_changed"
AGREEMENT_ENDED = "agreement_ended"


@transaction.atomic
def service_catalogue_sync() -> None:
    """Create or update every shipped service; services added by administrators stay."""
    for position, entry in enumerate(catalogue.services()):
        Service.objects.update_or_create(
            code=entry.code,
            defaults={
                "position": position,
                "name_en": entry.en,
                "name_ru": entry.ru,
                "name_kk": entry.kk,
            },
        )


def service_catalogue_sync_after_migrate(**kwargs: Any) -> None:
    """post_migrate receiver: keeps a migrated database's catalogue current."""
    if kwargs.get("plan") == [] and Service.objects.exists():
        return
    service_catalogue_sync()


def _services(codes: Iterable[str]) -> list[Service]:
    wanted = set(codes)
    found = list(Service.objects.filter(code__in=wanted))
    if len(found) != len(wanted):
        raise Invalid(errors.UNKNOWN_SERVICE, code="unknown_service", field="services")
    return found


def _regions(organisation: Organisation, codes: Iterable[str]) -> list[Region]:
    wanted = set(codes)
    found = list(Region.objects.filter(code__in=wanted, country_id=organisation.country_id))
    if len(found) != len(wanted):
        raise Invalid(errors.REGION_ELSEWHERE, code="region_elsewhere", field="regions")
    return found


def _languages(codes: Iterable[str]) -> list[str]:
    wanted = sorted(set(codes))
    if any(pycountry.languages.get(alpha_3=code) is None for code in wanted):
        raise Invalid(errors.UNKNOWN_LANGUAGE, code="unknown_language", field="languages")
    return wanted


def partner_profile_save(
    *,
    actor: User,
    organisation: Organisation,
    version: int,
    services: Iterable[str],
    regions: Iterable[str],
    languages: Iterable[str],
    eligibility: str = "",
    contact_name: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
    opening_hours: str = "",
) -> PartnerProfile:
    """Create or replace ``organisation``'s directory entry. ``services`` are catalogue codes,
    ``regions`` ISO 3166-2 codes of the organisation's country, ``languages`` ISO 639-3 codes;
    ``version`` is the entry's version the editor saw (0 for a new entry)."""
    if not may_edit_partner_profile(actor, organisation):
        security_event_record(
            actor=actor,
            event=PROFILE_REFUSED,
            object_type="organisation",
            object_id=organisation.public_id,
            detail={"reason": "no_permission"},
        )
        raise NotAllowed(errors.NOT_EDITOR, code="no_permission")
    chosen_services = _services(services)
    chosen_regions = _regions(organisation, regions)
    chosen_languages = _languages(languages)
    with transaction.atomic():
        profile = (
            PartnerProfile.objects.select_for_update().filter(organisation=organisation).first()
        )
        current = profile.version if profile is not None else 0
        if version != current:
            raise StaleVersion(errors.STALE_PROFILE, code="stale_profile", current_version=current)
        if profile is None:
            profile = PartnerProfile(organisation=organisation, version=0)
        profile.eligibility = eligibility
        profile.contact_name = contact_name
        profile.email = email
        profile.phone = phone
        profile.address = address
        profile.opening_hours = opening_hours
        profile.version += 1
        history_stamp(profile, actor=actor, reason="directory entry saved")
        profile.save()
        profile.services.set(chosen_services)
        profile.regions.set(chosen_regions)
        profile.languages.all().delete()
        ProfileLanguage.objects.bulk_create(
            ProfileLanguage(profile=profile, code=code) for code in chosen_languages
        )
        security_event_record(
            actor=actor,
            event=PROFILE_SAVED,
            object_type="organisation",
            object_id=organisation.public_id,
            detail={"version": profile.version},
        )
    return profile


def _agreement_problems(
    *,
    provider: Organisation,
    recipient: Organisation,
    reference: str,
    purpose: str,
    field_groups: list[str],
    starts_on: dt.date,
    expires_on: dt.date,
    document: UploadedFile | None,
    agreement: Agreement | None = None,
) -> dict[str, list[ValidationError]]:
    problems: dict[str, list[ValidationError]] = {}

    def add(field: str, message: Any, code: str, **params: Any) -> None:
        problems.setdefault(field, []).append(
            ValidationError(message, code=code, params=params or None)
        )

    if recipient.pk == provider.pk:
        add("recipient", errors.SAME_PARTY, "same_party")
    if not agreement_purposes(purpose):  # shares name one of its purposes (ADR 0061)
        add("purpose", errors.PURPOSE_NEEDED, "required")
    if expires_on < starts_on:
        add("expires_on", errors.EXPIRY_BEFORE_START, "expiry_before_start")
    if not field_groups:
        add("field_groups", errors.NO_FIELD_GROUP, "no_field_group")
    elif not set(field_groups) <= set(FieldGroup.values):
        add("field_groups", errors.UNKNOWN_FIELD_GROUP, "unknown_field_group")
    if agreement is None and Agreement.objects.filter(reference=reference).exists():
        add("reference", errors.REFERENCE_TAKEN, "reference_taken")
    if document is not None:
        limit = settings.AGREEMENT_DOCUMENT_MAX_BYTES
        if (document.size or 0) > limit:
            add("document", errors.DOCUMENT_TOO_LARGE, "document_too_large", limit=limit)
        else:
            head = document.read(5)
            document.seek(0)
            if head != b"%PDF-":
                add("document", errors.DOCUMENT_TYPE, "document_type")
    return problems


def agreement_record(
    *,
    actor: User,
    provider: Organisation,
    recipient: Organisation,
    reference: str,
    purpose: str,
    field_groups: Iterable[str],
    starts_on: dt.date,
    expires_on: dt.date,
    document: UploadedFile | None = None,
) -> Agreement:
    """Record a data-sharing agreement under which ``provider`` may share ``field_groups``
    (``people.fields.FieldGroup`` values) of its records with ``recipient``, with the signed
    document (a PDF within ``settings.AGREEMENT_DOCUMENT_MAX_BYTES``). Recorded by an
    administrator of the provider or of the agency office of its country. Bad input raises
    ``Invalid`` naming every field at fault; nothing is stored then."""
    groups = sorted(set(field_groups))
    reference = reference.strip()
    detail: dict[str, Any] = {"provider": provider.code, "recipient": recipient.code}
    if not may_edit_partner_profile(actor, provider):
        security_event_record(
            actor=actor,
            event=AGREEMENT_REFUSED,
            object_type="organisation",
            object_id=provider.public_id,
            detail={**detail, "reason": "no_permission"},
        )
        raise NotAllowed(errors.NOT_AGREEMENT_PARTY, code="no_permission")
    problems = _agreement_problems(
        provider=provider, recipient=recipient, reference=reference, purpose=purpose,
        field_groups=groups, starts_on=starts_on, expires_on=expires_on, document=document,
    )  # fmt: skip
    if problems:
        raise ValidationError(problems)
    agreement = Agreement(
        reference=reference,
        provider=provider,
        recipient=recipient,
        purpose=purpose.strip(),
        field_groups=groups,
        starts_on=starts_on,
        expires_on=expires_on,
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            if document is not None:
                agreement.document.save(f"{agreement.public_id}.pdf", document, save=False)
            history_stamp(agreement, actor=actor, reason="agreement recorded")
            agreement.save()
            security_event_record(
                actor=actor,
                event=AGREEMENT_RECORDED,
                object_type="agreement",
                object_id=agreement.public_id,
                detail={**detail, "field_groups": groups},
            )
    except IntegrityError as exc:  # the same reference recorded at the same moment
        if agreement.document:
            agreement.document.delete(save=False)
        raise Invalid(errors.REFERENCE_TAKEN, code="reference_taken", field="reference") from exc
    return agreement


def _refuse_unless_editor(actor: User, agreement: Agreement, event: str) -> None:
    if may_edit_partner_profile(actor, agreement.provider):
        return
    security_event_record(
        actor=actor,
        event=AGREEMENT_REFUSED,
        object_type="agreement",
        object_id=agreement.public_id,
        detail={"step": event, "reason": "no_permission"},
    )
    raise NotAllowed(errors.NOT_AGREEMENT_PARTY, code="no_permission")


def _locked(agreement: Agreement, version: int) -> Agreement:
    """The agreement locked for the change; a stale version or an ended agreement refused."""
    locked = locked_at_version(
        Agreement, agreement.pk, version, message=errors.STALE_AGREEMENT, code="stale_agreement"
    )
    if locked.ended_at is not None:
        raise Invalid(errors.AGREEMENT_ENDED, code="agreement_ended", field="version")
    return locked


def _shares_within(actor: User, agreement: Agreement, *, end: bool = False) -> list[str]:
    """Bring the active shares made under ``agreement`` within it: each ends with it (ADR
    0056), keeps only the field groups it still allows, and is revoked when none is left or
    the agreement was ended early. Returns the ids of the shares changed."""
    changed: list[str] = []
    today = timezone.localdate()
    active = Share.objects.select_for_update().filter(
        agreement_record=agreement, revoked_at__isnull=True, expires_on__gte=today
    )
    for share in active.order_by("pk"):
        groups = [g for g in share.field_groups if g in agreement.field_groups]
        if end or not groups:
            share.revoked_at = timezone.now()
            reason = "agreement ended"
        elif groups == share.field_groups and share.expires_on <= agreement.expires_on:
            continue
        else:
            share.field_groups = groups
            share.expires_on = min(share.expires_on, agreement.expires_on)
            reason = "agreement changed"
        history_stamp(share, actor=actor, reason=reason)
        share.save(update_fields=["revoked_at", "field_groups", "expires_on"])
        changed.append(str(share.public_id))
    return changed


def agreement_change(
    *,
    actor: User,
    agreement: Agreement,
    version: int,
    purpose: str | None = None,
    field_groups: Iterable[str] | None = None,
    starts_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    document: UploadedFile | None = None,
) -> Agreement:
    """Change an agreement's purpose, field groups, dates or signed document (its reference
    and parties stay: another pair is another agreement); each term left None keeps its
    value (the API's partial update). The shares made under it are brought within the new
    terms in the same transaction (``_shares_within``). Recorded by those who may record it;
    ``version`` is the one the editor saw."""
    _refuse_unless_editor(actor, agreement, "change")
    purpose = agreement.purpose if purpose is None else purpose
    groups = sorted(set(agreement.field_groups if field_groups is None else field_groups))
    starts_on = agreement.starts_on if starts_on is None else starts_on
    expires_on = agreement.expires_on if expires_on is None else expires_on
    problems = _agreement_problems(
        provider=agreement.provider, recipient=agreement.recipient,
        reference=agreement.reference, purpose=purpose, field_groups=groups, starts_on=starts_on,
        expires_on=expires_on, document=document, agreement=agreement,
    )  # fmt: skip
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        locked = _locked(agreement, version)
        locked.purpose = purpose.strip()
        locked.field_groups = groups
        locked.starts_on = starts_on
        locked.expires_on = expires_on
        if document is not None:
            locked.document.save(f"{locked.public_id}.pdf", document, save=False)
        locked.version += 1
        history_stamp(locked, actor=actor, reason="agreement changed")
        locked.save()
        shares = _shares_within(actor, locked)
        security_event_record(
            actor=actor,
            event=AGREEMENT_CHANGED,
            object_type="agreement",
            object_id=locked.public_id,
            detail={"version": locked.version, "field_groups": groups, "shares": shares},
        )
    return locked


def agreement_end(*, actor: User, agreement: Agreement, version: int, reason: str) -> Agreement:
    """End an agreement early: from now on no share or referral may be made under it, and the
    shares made under it are revoked in the same transaction (ADR 0056)."""
    _refuse_unless_editor(actor, agreement, "end")
    if not reason.strip():
        raise Invalid(errors.END_REASON_NEEDED, code="required", field="reason")
    with transaction.atomic():
        locked = _locked(agreement, version)
        locked.ended_at = timezone.now()
        locked.end_reason = reason.strip()[:300]
        locked.version += 1
        history_stamp(locked, actor=actor, reason="agreement ended early")
        locked.save()
        shares = _shares_within(actor, locked, end=True)
        security_event_record(
            actor=actor,
            event=AGREEMENT_ENDED,
            object_type="agreement",
            object_id=locked.public_id,
            detail={"version": locked.version, "shares": shares},
        )
    return locked
