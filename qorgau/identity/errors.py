"""Why an identity decision was refused. Translatable constants that tests reuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NO_PERMISSION = _("You cannot change both of these records.")
ALREADY_DECIDED = _("This pair has already been decided.")
ALREADY_UNDONE = _("This decision has already been undone.")
KEPT_REQUIRED = _("Choose which of the two records is kept.")
ALREADY_MERGED = _(
    "Record %(number)s is already merged into another one; review the pair against that one."
)
VERDICT_UNKNOWN = _("Choose “same person” or “different people”.")
MERGE_CHANGED_SINCE = _("This merge was changed by a later decision; undo that one first.")
NO_RUN_PERMISSION = _(
    "Only the agency's office of the country, with the right to change records, searches its "
    "whole registry for duplicates."
)
RUN_FAILED = _(
    "The search failed. The error was recorded; please try again or contact your administrator."
)
