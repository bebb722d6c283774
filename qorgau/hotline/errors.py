"""Messages of the hotline's services, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NOT_DESK = _("Only the hotline staff of this ticket's organisation may do this.")
STALE_TICKET = _("Someone else changed this ticket while you were working on it: open it again.")
CLOSED = _("This ticket is closed: it cannot be changed or answered again.")
NOT_TRIAGED = _("Triage the ticket before answering it.")
EMPTY_TEXT = _("Write the text.")
TEXT_TOO_LONG = _("Write at most %(limit)s characters.")
MARKUP = _("Write plain text, without HTML tags such as <script>.")
ASSIGNEE_ELSEWHERE = _("Choose a member of this hotline's organisation.")
PERSON_NOT_FOUND = _("No person with this registration number was found.")
NO_HOTLINE = _("No organisation receives the inquiry form's tickets: ask an administrator.")
TEMPLATE_TAKEN = _("A template with this title already exists for this topic and language.")
STALE_TEMPLATE = _("Someone else changed this template while you were editing it: open it again.")
UNKNOWN_CHOICE = _("Choose a value from the list.")
