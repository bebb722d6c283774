"""The protection policy of shares, in one place: who may receive a person's or a household's
record, for how long, and on what terms. ``share_grant`` (pages and API alike) asks it before
storing a share; shares stored before a rule existed stay valid (the rules apply to new shares).

- Never to the country fled: no organisation of a country that is the country of origin or of
  (claimed) nationality of any person in the record, government or not (domain brief §7). The
  record's own country (the office that holds it) is not such a country: a person registered
  there did not flee it.
- Expiry: not before today, at most ``QORGAU_SHARE_MAX_DAYS`` (default 365) days ahead.
- The agreement reference and the purpose are required and non-trivial: at least three letters
  or digits, and not a placeholder ("none", "-", "n/a", "нет", "жоқ" …).
- Not to the organisation that registered the record (it has it already).
- Under an agreement: for a purpose the agreement covers (``purpose_covered``, ADR 0061).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q

from qorgau.organisations.models import Organisation
from qorgau.people import errors
from qorgau.people.fields import FieldGroup
from qorgau.people.models import Household, Person

MIN_CHARACTERS = 3
PLACEHOLDERS = frozenset(
    {
        "none", "nothing", "no", "na", "nil", "null", "tbd", "todo", "test", "unknown",
        "xxx", "xxxx", "abc", "asdf", "qwerty", "123", "000",
        "нет", "ничего", "неизвестно", "жоқ", "белгісіз",
    }
)  # fmt: skip


def text_is_trivial(text: str) -> bool:
    """Fewer than three letters or digits, or a placeholder word once spaces and punctuation
    are dropped (``"n/a"`` → ``"na"``)."""
    letters = "".join(c for c in text.casefold() if c.isalnum())
    return len(letters) < MIN_CHARACTERS or letters in PLACEHOLDERS


def share_latest_expiry(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=settings.SHARE_MAX_DAYS)


def record_people(record: Person | Household) -> list[Person]:
    """Everyone a share of ``record`` would hand over. Read past the access gate on purpose: the
    policy must weigh every member, including those the sharing user may not see; nothing read
    here is shown to anyone."""
    if isinstance(record, Person):
        return [record]
    return list(Person.objects.filter(household=record).select_related("origin_country"))


def share_policy_check(
    *,
    record: Person | Household,
    people: Sequence[Person],
    recipient: Organisation,
    agreement: str,
    purpose: str,
    expires_on: dt.date,
    today: dt.date,
) -> None:
    """Raise a ``ValidationError`` naming every field that breaks the policy (``organisation``,
    ``expires_on``, ``agreement``, ``purpose``); return if the share may be made."""
    problems: dict[str, ValidationError] = {}
    if expires_on < today:
        problems["expires_on"] = ValidationError(errors.SHARE_EXPIRY_PAST, code="expiry_past")
    elif expires_on > (latest := share_latest_expiry(today)):
        problems["expires_on"] = ValidationError(
            errors.SHARE_EXPIRY_TOO_LATE,
            code="expiry_too_late",
            params={"days": settings.SHARE_MAX_DAYS, "date": latest.isoformat()},
        )
    if recipient.pk == record.registered_by_id:
        problems["organisation"] = ValidationError(
            errors.SHARE_SAME_ORGANISATION, code="same_organisation"
        )
    else:
        feared = {
            country
            for person in people
            for country in (person.origin_country_id, person.citizenship_country_id)
            if country is not None and country != record.country_office_id
        }
        if recipient.country_id in feared:
            problems["organisation"] = ValidationError(
                errors.SHARE_COUNTRY_OF_ORIGIN,
                code="country_of_origin",
                params={"organisation": recipient.local_name, "country": recipient.country.name},
            )
    for name, value, trivial in (
        ("agreement", agreement, errors.SHARE_AGREEMENT_TRIVIAL),
        ("purpose", purpose, errors.SHARE_PURPOSE_TRIVIAL),
    ):
        if not value.strip():
            problems[name] = ValidationError(errors.REQUIRED, code="required")
        elif text_is_trivial(value):
            problems[name] = ValidationError(trivial, code="trivial")
    if problems:
        raise ValidationError(problems)


def record_holder(organisation: Organisation, record: Person | Household) -> bool:
    """The organisation registered the record, or is the agency office of its country: the
    organisations that may give it under an agreement."""
    return record.registered_by_id == organisation.pk or (
        organisation.is_operating_agency and record.country_office_id == organisation.country_id
    )


def agreement_model() -> Any:
    """``partners.Agreement``, named through the share's foreign key: ``people`` imports no
    app above it (ADR 0043)."""
    from qorgau.people.models import Share

    return Share._meta.get_field("agreement_record").related_model


def share_agreements(record: Person | Household, today: dt.date) -> Any:
    """The agreements a share of ``record`` may name today: in force, not ended, given by an
    organisation that holds the record (its registrant, or the agency office of its country)
    to another one; by reference."""
    return (
        agreement_model()
        .objects.filter(starts_on__lte=today, expires_on__gte=today, ended_at__isnull=True)
        .filter(
            Q(provider_id=record.registered_by_id)
            | Q(provider__is_operating_agency=True, provider__country_id=record.country_office_id)
        )
        .exclude(recipient_id=record.registered_by_id)
        .select_related("provider", "recipient")
        .order_by("reference")
    )


def share_agreement_find(record: Person | Household, key: str, today: dt.date) -> Any | None:
    """The agreement a share of ``record`` names by its id or its reference, among those it
    may name today (``share_agreements``); None when there is none such."""
    key = key.strip()
    rows = share_agreements(record, today)
    try:
        return rows.filter(public_id=uuid.UUID(key)).first()
    except ValueError:
        return rows.filter(reference=key).first()


#: What separates the purposes an agreement's text names ("Legal aid; documentation").
PURPOSE_SEPARATORS = re.compile(r"[;\n]+")


def _folded(text: str) -> str:
    """Words compared as a reader would: compatibility forms, case, ``ё`` as ``е``, and every
    run of punctuation or spaces as one space."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def agreement_purposes(text: str) -> list[str]:
    """The purposes an agreement states: its purpose text, split at semicolons and new
    lines, blanks left out."""
    return [part.strip() for part in PURPOSE_SEPARATORS.split(text) if part.strip()]


def purpose_covered(agreement_purpose: str, purpose: str) -> bool:
    """Whether a share's ``purpose`` is one the agreement covers: it names one of the
    agreement's purposes in full, as whole words, whatever the case and punctuation, details
    before or after it allowed ("Legal aid: appeal hearing" under "Legal aid"). An agreement
    that states no purpose covers none (ADR 0061)."""
    stated = f" {_folded(purpose)} "
    return any(
        f" {folded} " in stated
        for folded in map(_folded, agreement_purposes(agreement_purpose))
        if folded
    )


def share_agreement_check(
    *,
    agreement: Any | None,
    recipient: Organisation,
    expires_on: dt.date,
    today: dt.date,
    purpose: str,
    field_groups: Iterable[str] = (),
    record: Person | Household | None = None,
) -> None:
    """Raise a ``ValidationError`` on ``agreement`` unless the share is made under a
    data-sharing agreement record (``partners.Agreement``, read by its fields: ``people``
    imports no app above it) between a holder of ``record`` and ``recipient``, in force today
    and until the share expires, allowing ``field_groups``, and covering ``purpose`` (refused
    on ``purpose``, ADR 0061). No record is refused while ``settings.SHARE_AGREEMENT_REQUIRED``
    is on (the default, ADR 0056)."""
    if agreement is None:
        if settings.SHARE_AGREEMENT_REQUIRED:
            raise ValidationError(
                {"agreement": ValidationError(errors.SHARE_NO_AGREEMENT, code="no_agreement")}
            )
        return
    if record is not None and not record_holder(agreement.provider, record):
        raise ValidationError(
            {
                "agreement": ValidationError(
                    errors.SHARE_AGREEMENT_NOT_HOLDER, code="agreement_not_holder"
                )
            }
        )
    if agreement.recipient_id != recipient.pk:
        problem = ValidationError(errors.SHARE_AGREEMENT_OTHER_PARTY, code="agreement_other_party")
    elif not agreement.in_force(today):
        problem = ValidationError(
            errors.SHARE_AGREEMENT_NOT_IN_FORCE, code="agreement_not_in_force"
        )
    elif expires_on > agreement.expires_on:
        problem = ValidationError(
            errors.SHARE_OUTLASTS_AGREEMENT,
            code="share_outlasts_agreement",
            params={"date": agreement.expires_on.isoformat()},
        )
    elif outside := sorted(set(field_groups) - set(agreement.field_groups)):
        problem = ValidationError(
            errors.SHARE_GROUP_OUTSIDE_AGREEMENT,
            code="group_outside_agreement",
            params={"group": ", ".join(str(FieldGroup(g).label) for g in outside)},
        )
    elif purpose.strip() and not purpose_covered(agreement.purpose, purpose):
        raise ValidationError(
            {
                "purpose": ValidationError(
                    errors.SHARE_PURPOSE_NOT_COVERED,
                    code="purpose_not_covered",
                    params={
                        "reference": agreement.reference,
                        "purposes": "; ".join(agreement_purposes(agreement.purpose)) or "—",
                    },
                )
            }
        )
    else:
        return
    raise ValidationError({"agreement": problem})
