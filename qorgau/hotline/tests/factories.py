"""Tickets made through the services, as the form and the desk make them."""

from __future__ import annotations

from typing import Any

from qorgau.hotline.models import Ticket
from qorgau.hotline.services import ticket_log, ticket_submit
from qorgau.organisations.models import Organisation, User


def inquiry(**fields: Any) -> dict[str, str]:
    """The values of a valid inquiry (synthetic)."""
    return {
        "topic": "documents",
        "language": "ru",
        "question": "Как продлить свидетельство беженца? Срок истекает через месяц.",
        "contact_method": "phone",
        "contact_value": "+7 700 000 0000",
        "name": "Test Visitor",
    } | fields


def ticket_submitted(**fields: Any) -> Ticket:
    """A ticket from the public form (to the agency office of Kazakhstan)."""
    return ticket_submit(**inquiry(**fields))


def ticket_logged(actor: User, organisation: Organisation, **fields: Any) -> Ticket:
    """A phone call logged at ``organisation``'s desk."""
    values: dict[str, Any] = inquiry(urgency="normal", channel="phone") | fields
    return ticket_log(actor=actor, organisation=organisation, **values)
