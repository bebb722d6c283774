"""Why a case step was refused. Messages are translatable constants that tests reuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

UNKNOWN_PROCEDURE = _("There is no procedure “%(procedure)s” for %(country)s.")
WRONG_SUBJECT = _("The procedure “%(procedure)s” is followed for a %(subject)s.")
CASE_ALREADY_OPEN = _("An open case of this procedure already exists for this record.")
CASE_CLOSED = _("The case is closed; nothing more can be recorded in it.")
TRANSITION_UNKNOWN = _("“%(transition)s” is not a step of this procedure.")
TRANSITION_NOT_FROM_STAGE = _(
    "“%(transition)s” cannot be taken at the stage “%(stage)s”. Allowed now: %(allowed)s."
)
TRANSITION_ROLE = _("Your role does not allow “%(transition)s”; it needs one of: %(roles)s.")
NO_CASE_PERMISSION = _("You cannot act on this case.")
NO_CHANGE_RIGHTS = _(
    "Only the organisation that registered this person, or the agency's office of their "
    "country, may open a case on them or record their status and documents. A share lets you "
    "view the record, not change it."
)
FIELD_REQUIRED = _("“%(field)s” is required for this step.")
FIELD_DATE = _("“%(field)s” must be a date (YYYY-MM-DD).")
FIELD_DATE_AFTER_STEP = _("“%(field)s” cannot be later than the date of the step.")
DATE_IN_FUTURE = _("The date cannot be in the future.")
DATE_BEFORE_CASE = _("The date cannot be before the case began (%(date)s).")
DATE_BEFORE_LAST_STEP = _("The date cannot be before the case's last step (%(date)s).")
DECISION_GROUNDS_REQUIRED = _("A decision needs at least one ground.")
DECISION_GROUND_UNKNOWN = _("“%(ground)s” is not a ground of this decision. Allowed: %(allowed)s.")
DECISION_REASONS_REQUIRED = _("A decision needs its reasons in writing.")
DECISION_REQUIRED = _(
    "This step follows only a decision “%(outcomes)s”; the case has “%(actual)s”."
)
DOCUMENT_REQUIRED = _("The person needs a valid %(document)s for this step.")
DOCUMENT_NUMBER_REQUIRED = _("Give the number of the %(document)s this step issues.")
STALE_CASE = _(
    "Someone else recorded a step in this case after you opened it. Reload the case and check "
    "whether your step is still needed."
)
NOT_EXTENDABLE = _("The deadline “%(deadline)s” cannot be extended.")
EXTENSION_TOO_LONG = _("The deadline “%(deadline)s” cannot be extended past %(limit)s.")
EXTENSION_NOT_LATER = _("An extension must move the deadline later than %(due)s.")
ALREADY_PAUSED = _("The case is already paused.")
NOT_PAUSED = _("The case is not paused.")
ACCESS_OWN_ORGANISATION = _("The responsible organisation already has access to its case.")
ACCESS_EXISTS = _("This organisation already has access to the case.")
PERIOD_START_NOT_REFERENCE = _(
    "Figures are published only for whole periods between reference dates, so that two periods "
    "close together cannot reveal one person: the start %(date)s is not a reference date. The "
    "last one before it is %(before)s, the next %(after)s."
)
PERIOD_END_NOT_REFERENCE = _(
    "Figures are published only for whole periods between reference dates, so that two periods "
    "close together cannot reveal one person: a period ends the day before a reference date, "
    "and %(date)s does not. The nearest ends are %(before)s and %(after)s."
)
