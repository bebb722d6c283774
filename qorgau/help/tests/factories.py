"""Help pages made through the service, as an editor's form makes them."""

from __future__ import annotations

from typing import Any

from qorgau.help.models import HelpPage
from qorgau.help.services import help_page_create
from qorgau.organisations.models import User


def page_make(actor: User, **fields: Any) -> HelpPage:
    values: dict[str, Any] = {
        "language": "en",
        "slug": "border",
        "title": "At the border",
        "body": "Say **I ask for asylum**.",
        "position": 1,
        "published": True,
    }
    return help_page_create(actor=actor, **(values | fields))
