"""Writes of the hotline desk: a ticket from the public form or logged by staff, triage,
assignment, internal notes, answers, closure, a link to a registered person, and the answer
templates. Every staff write checks the actor's desk rights itself, locks the ticket, refuses
a stale version and a closed ticket, stamps the history with the actor and adds a timeline row
in the same transaction."""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed, StaleVersion, locked_at_version
from qorgau.hotline import errors
from qorgau.hotline.access import may_work_on
from qorgau.hotline.models import (
    AnswerTemplate,
    Channel,
    ContactMethod,
    EventKind,
    Language,
    State,
    Ticket,
    TicketEvent,
    Topic,
    Urgency,
)
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm, Role
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import visible_persons

TICKET_REFUSED = "ticket_refused"
TICKET_LINKED = "ticket_linked"
QUESTION_LIMIT = 4000
TEXT_LIMIT = 8000
SHORT_LIMIT = 200
# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud or copied by hand without doubt.
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]")


def reference_new() -> str:
    """A new reference number, ``XXXX-XXXX``: 25⁸ (1.5 × 10¹¹) possible, drawn by ``secrets``."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def text_clean(value: str, *, field: str, limit: int, required: bool = True) -> str:
    """Plain text of at most ``limit`` characters; HTML tags are refused, never stored."""
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise Invalid(errors.EMPTY_TEXT, code="empty", field=field)
    if len(text) > limit:
        raise Invalid(errors.TEXT_TOO_LONG, code="too_long", field=field, params={"limit": limit})
    if _MARKUP.search(text):
        raise Invalid(errors.MARKUP, code="markup", field=field)
    return text


def _code(value: str, choices: type, field: str) -> str:
    if value not in choices.values:  # type: ignore[attr-defined]
        raise Invalid(errors.UNKNOWN_CHOICE, code=f"unknown_{field}", field=field)
    return value


def public_hotline() -> Organisation:
    """The organisation whose desk receives the public form's tickets (the setting, else the
    agency office of Kazakhstan)."""
    code = settings.HOTLINE_ORGANISATION
    found = (
        Organisation.objects.filter(code=code)
        if code
        else Organisation.objects.filter(is_operating_agency=True, country__iso3="KAZ")
    ).first()
    if found is None:
        raise Invalid(errors.NO_HOTLINE, code="no_hotline")
    return found


def _ticket_new(*, organisation: Organisation, actor: User | None, **inquiry: str) -> Ticket:
    """A new ticket of ``organisation`` from the inquiry's coded values and its plain text."""
    method = inquiry["contact_method"]
    ticket = Ticket(
        organisation=organisation,
        channel=_code(inquiry["channel"], Channel, "channel"),
        language=_code(inquiry["language"], Language, "language"),
        topic=_code(inquiry["topic"], Topic, "topic"),
        urgency=_code(inquiry["urgency"], Urgency, "urgency"),
        question=text_clean(inquiry["question"], field="question", limit=QUESTION_LIMIT),
        contact_method=_code(method, ContactMethod, "contact_method"),
        contact_value=text_clean(
            inquiry["contact_value"],
            field="contact_value",
            limit=SHORT_LIMIT,
            required=method != ContactMethod.NONE,
        ),
        name=text_clean(inquiry["name"], field="name", limit=SHORT_LIMIT, required=False),
        received_at=timezone.now(),
    )
    with transaction.atomic():
        for attempt in range(5):
            ticket.reference = reference_new()
            try:
                with transaction.atomic():
                    if actor is not None:
                        history_stamp(ticket, actor=actor, reason="ticket logged")
                    ticket.save()
                break
            except IntegrityError:
                if attempt == 4:
                    raise
        TicketEvent.objects.create(ticket=ticket, kind=EventKind.RECEIVED, actor=actor)
    return ticket


def ticket_submit(
    *,
    topic: str,
    language: str,
    question: str,
    contact_method: str,
    contact_value: str,
    name: str = "",
) -> Ticket:
    """A ticket from the public inquiry form (no account, no address stored): new, of normal
    urgency until triaged, for the public hotline's desk."""
    return _ticket_new(
        organisation=public_hotline(),
        actor=None,
        channel=Channel.FORM,
        urgency=Urgency.NORMAL,
        topic=topic,
        language=language,
        question=question,
        contact_method=contact_method,
        contact_value=contact_value,
        name=name,
    )


def ticket_log(
    *,
    actor: User,
    organisation: Organisation,
    channel: str,
    language: str,
    topic: str,
    urgency: str,
    question: str,
    contact_method: str,
    contact_value: str = "",
    name: str = "",
) -> Ticket:
    """A phone call, email or walk-in logged by desk staff of ``organisation``."""
    if organisation.pk not in user_scope(actor, Perm.HOTLINE_ANSWER).organisation_ids:
        _refused(actor, None)
    if channel == Channel.FORM:
        raise Invalid(errors.UNKNOWN_CHOICE, code="unknown_channel", field="channel")
    inquiry = {
        "channel": channel,
        "language": language,
        "topic": topic,
        "urgency": urgency,
        "question": question,
        "contact_method": contact_method,
        "contact_value": contact_value,
        "name": name,
    }
    return _ticket_new(organisation=organisation, actor=actor, **inquiry)


def _refused(actor: User, ticket: Ticket | None) -> None:
    security_event_record(
        actor=actor,
        event=TICKET_REFUSED,
        object_type="ticket",
        object_id=ticket.public_id if ticket is not None else None,
        detail={"reason": "no_permission"},
    )
    raise NotAllowed(errors.NOT_DESK, code="no_permission")


def _open_check(ticket: Ticket) -> None:
    if ticket.state == State.CLOSED:
        raise Invalid(errors.CLOSED, code="closed", field="state")


def _locked(actor: User, ticket: Ticket, version: int) -> Ticket:
    """The ticket locked for a change by ``actor``: desk rights, state and version checked (a
    closed ticket is refused as closed, whatever the version)."""
    if not may_work_on(actor, ticket):
        _refused(actor, ticket)
    return locked_at_version(
        Ticket, ticket.pk, version, message=errors.STALE_TICKET, code="stale_ticket",
        check_first=_open_check,
    )  # fmt: skip


def _saved(locked: Ticket, actor: User, kind: str, text: str = "") -> Ticket:
    locked.version += 1
    history_stamp(locked, actor=actor, reason=f"ticket {kind}")
    locked.save()
    TicketEvent.objects.create(ticket=locked, kind=kind, text=text, actor=actor)
    return locked


def ticket_triage(*, actor: User, ticket: Ticket, version: int, topic: str, urgency: str) -> Ticket:
    """Set the topic and urgency; a new ticket becomes triaged."""
    with transaction.atomic():
        locked = _locked(actor, ticket, version)
        locked.topic = _code(topic, Topic, "topic")
        locked.urgency = _code(urgency, Urgency, "urgency")
        if locked.state == State.NEW:
            locked.state = State.OPEN
        return _saved(locked, actor, EventKind.TRIAGED)


def ticket_assign(
    *, actor: User, ticket: Ticket, version: int, assignee: User | None, team: str = ""
) -> Ticket:
    """Assign to a desk member of the ticket's organisation, or to a team (a role there)."""
    with transaction.atomic():
        locked = _locked(actor, ticket, version)
        if assignee is not None and (
            locked.organisation_id not in user_scope(assignee, Perm.HOTLINE_ANSWER).organisation_ids
        ):
            raise Invalid(errors.ASSIGNEE_ELSEWHERE, code="assignee_elsewhere", field="assignee")
        if team:
            _code(team, Role, "team")
        locked.assignee, locked.team = assignee, team
        return _saved(locked, actor, EventKind.ASSIGNED)


def ticket_note_add(*, actor: User, ticket: Ticket, version: int, text: str) -> Ticket:
    """An internal note, never shown to the person who asked."""
    with transaction.atomic():
        locked = _locked(actor, ticket, version)
        note = text_clean(text, field="text", limit=TEXT_LIMIT)
        return _saved(locked, actor, EventKind.NOTE, note)


def ticket_answer(*, actor: User, ticket: Ticket, version: int, text: str) -> Ticket:
    """Record the answer given to the person; the first one stops the response-time clock."""
    with transaction.atomic():
        locked = _locked(actor, ticket, version)
        if locked.state == State.NEW:
            raise Invalid(errors.NOT_TRIAGED, code="not_triaged", field="state")
        answer = text_clean(text, field="text", limit=TEXT_LIMIT)
        locked.state = State.ANSWERED
        if locked.first_answered_at is None:
            locked.first_answered_at = timezone.now()
        return _saved(locked, actor, EventKind.ANSWER, answer)


def ticket_close(*, actor: User, ticket: Ticket, version: int, text: str = "") -> Ticket:
    """Close the ticket (with an optional internal reason); a closed ticket takes no change."""
    with transaction.atomic():
        locked = _locked(actor, ticket, version)
        reason = text_clean(text, field="text", limit=TEXT_LIMIT, required=False)
        locked.state = State.CLOSED
        locked.closed_at = timezone.now()
        return _saved(locked, actor, EventKind.CLOSED, reason)


def ticket_link_person(
    *, actor: User, ticket: Ticket, version: int, registration_number: str
) -> Ticket:
    """Link the ticket to a registered person the actor may see (``people.access``): a person
    registered by someone the actor may not see gets the same refusal as a number that does
    not exist, so the link never tells that someone is registered elsewhere."""
    with transaction.atomic():
        locked = _locked(actor, ticket, version)
        person = (
            visible_persons(actor)
            .filter(registration_number=(registration_number or "").strip())
            .first()
        )
        if person is None:
            raise Invalid(
                errors.PERSON_NOT_FOUND, code="person_not_found", field="registration_number"
            )
        locked.person = person
        saved = _saved(locked, actor, EventKind.LINKED)
        security_event_record(
            actor=actor,
            event=TICKET_LINKED,
            object_type="person",
            object_id=person.public_id,
            detail={"ticket": str(ticket.public_id)},
        )
        return saved


def answer_template_save(
    *,
    actor: User,
    organisation: Organisation,
    template: AnswerTemplate | None,
    version: int,
    topic: str,
    language: str,
    title: str,
    body: str,
) -> AnswerTemplate:
    """Create (``template`` None, ``version`` 0) or change an answer template of
    ``organisation``'s hotline."""
    if organisation.pk not in user_scope(actor, Perm.HOTLINE_ANSWER).organisation_ids or (
        template is not None and template.organisation_id != organisation.pk
    ):
        _refused(actor, None)
    values = {
        "topic": _code(topic, Topic, "topic"),
        "language": _code(language, Language, "language"),
        "title": text_clean(title, field="title", limit=SHORT_LIMIT),
        "body": text_clean(body, field="body", limit=TEXT_LIMIT),
    }
    taken = AnswerTemplate.objects.filter(
        organisation=organisation,
        topic=values["topic"],
        language=values["language"],
        title=values["title"],
    )
    with transaction.atomic():
        if template is None:
            if version != 0:
                raise StaleVersion(errors.STALE_TEMPLATE, code="stale_template", current_version=0)
            saved = AnswerTemplate(organisation=organisation, version=0)
        else:
            saved = locked_at_version(
                AnswerTemplate, template.pk, version,
                message=errors.STALE_TEMPLATE, code="stale_template",
            )  # fmt: skip
            taken = taken.exclude(pk=saved.pk)
        if taken.exists():
            raise Invalid(errors.TEMPLATE_TAKEN, code="template_taken", field="title")
        for name, value in values.items():
            setattr(saved, name, value)
        saved.version += 1
        history_stamp(saved, actor=actor, reason="answer template saved")
        saved.save()
    return saved
