"""``qorgau first_administrator ORGANISATION USER``: the first administrator of an organisation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from qorgau.members.services import organisation_first_administrator
from qorgau.organisations.models import Organisation, User


class Command(BaseCommand):
    help = (
        "Make USER the administrator of the organisation with the short code ORGANISATION, "
        "when it has no active administrator; from then on roles are managed on the "
        "organisation page."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The organisation's short code.")
        parser.add_argument("user", help="The user name (create it with createsuperuser or "
                            "the admin first).")  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        user = User.objects.filter(username=options["user"]).first()
        if organisation is None or user is None:
            raise CommandError("No such organisation or user.")
        try:
            organisation_first_administrator(organisation=organisation, user=user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"{user.username} administers {organisation.code}.")
