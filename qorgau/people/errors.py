"""Domain errors of the registry. Messages are translatable constants that tests reuse."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qorgau.errors import StaleVersion

REQUIRED = _("This field is required.")
DATE_FORMAT = _("Enter a date as YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY.")
DATE_IMPOSSIBLE = _("This date does not exist.")
DATE_IN_FUTURE = _("A date of birth cannot be in the future.")
DATE_TOO_EARLY = _("A date of birth before 1900 is not plausible.")
ESTIMATED_NEEDS_YEAR_ONLY = _("An estimated date of birth is a year only.")
CITIZENSHIP_COUNTRY_REQUIRED = _("Name the country of citizenship.")
CITIZENSHIP_COUNTRY_FORBIDDEN = _(
    "A stateless person or a person of undetermined nationality has no country of citizenship."
)
UNKNOWN_CODE = _("Unknown code: %(code)s.")
REGION_OF_ANOTHER_COUNTRY = _("Region %(code)s is not in this record's country.")
STATUS_IN_FUTURE = _("A status cannot start after today.")
ISSUED_IN_FUTURE = _("A document cannot have been issued after today.")
NAME_CHARACTER = _(
    "A name cannot hold the invisible or control character %(character)s; retype the name."
)
NAME_COMBINING_MARKS = _(
    "A name cannot hold more than %(limit)s accents on one letter; retype the name."
)
NAME_LATIN_IN_CYRILLIC = _(
    "The Cyrillic word “%(word)s” holds the Latin letter “%(character)s” (%(code)s), which looks "
    "like no Cyrillic letter; retype the word in one alphabet."
)
NAME_CYRILLIC_IN_LATIN = _(
    "The Latin word “%(word)s” holds the Cyrillic letter “%(character)s” (%(code)s), which looks "
    "like no Latin letter; retype the word in one alphabet."
)
NAME_LATIN_REPLACED = _(
    "In the Cyrillic word “%(word)s” the Latin letter “%(character)s” (%(code)s) was replaced by "
    "the Cyrillic letter that looks the same; check the name."
)
NAME_CYRILLIC_REPLACED = _(
    "In the Latin word “%(word)s” the Cyrillic letter “%(character)s” (%(code)s) was replaced by "
    "the Latin letter that looks the same; check the name."
)
NAME_TOO_LONG_IN_LATIN = _(
    "This name is too long: written in Latin letters it takes %(length)s characters, at most "
    "%(limit)s."
)
PHONE_INVALID = _("“%(number)s” is not a valid phone number.")
FIELD_NOT_SETTABLE = _(
    "Your role may not set the field “%(field)s” of this record; nothing was saved. Leave it out."
)
FIELD_NOT_SHOWN = _("Not shown to your role.")
SHARE_GROUP_NOT_READABLE = _(
    "You may not share the fields “%(group)s”: your role does not read them on this record. "
    "Nothing was shared."
)
SHARE_GROUP_UNKNOWN = _("Unknown group of fields: %(group)s.")
SHARE_GROUPS_REQUIRED = _("Choose at least one group of fields to share.")
SOURCE_ID_TAKEN = _("Your organisation already registered a record with this id.")
NO_PRINCIPAL = _("A household needs exactly one principal applicant; none was given.")
TWO_PRINCIPALS = _("A household needs exactly one principal applicant; %(count)s were given.")
PRINCIPAL_EXISTS = _("The household already has a principal applicant.")
ALREADY_IN_HOUSEHOLD = _("%(name)s already belongs to household %(number)s.")
PRINCIPAL_CANNOT_LEAVE = _(
    "The principal applicant cannot leave the household; name another principal applicant first."
)
ALREADY_PRINCIPAL = _("This person is already the principal applicant.")
NO_RECORD_TO_ADD = _("No record you may change has registration number %(number)s.")
TOO_MANY_MEMBER_BLOCKS = _(
    "One registration takes at most %(num)s household members; add more from the household's "
    "page afterwards."
)
STALE_VERSION = _(
    "Someone else changed this record after you opened it. Reload it, check their change and "
    "apply yours again."
)
STATUS_BEFORE_CURRENT = _(
    "The new status must start after the current one, which started on %(date)s."
)
STATUS_SEQUENCE = _(
    "Status periods must follow each other without gaps or overlaps; only the last may be open."
)
DATE_ORDER = _("The date of expiry must be after the date of issue.")
SHARE_EXPIRY_PAST = _("A share cannot expire before today.")
SHARE_SAME_ORGANISATION = _("The record already belongs to this organisation.")
NO_PERMISSION = _("You do not have permission to do this for this organisation.")


class StaleVersionError(StaleVersion):
    """Raised when a change is based on a version older than the stored one (409)."""

    message = STALE_VERSION

    def __init__(self, *, current_version: int) -> None:
        super().__init__(current_version=current_version)


def field_error(field: str, message: str, code: str, **params: object) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


MERGED_RECORD = _("This record was merged into another one: make changes on the record kept.")
ANONYMISED_RECORD = _(
    "This record was anonymised: it can no longer be changed, shared or given a case. Nothing "
    "was saved."
)
SHARE_COUNTRY_OF_ORIGIN = _(
    "Refused: %(organisation)s is an organisation of %(country)s, the country of origin or "
    "nationality of a person in this record. Their data is never shared with the authorities "
    "or any organisation of that country, whatever the agreement says."
)
SHARE_EXPIRY_TOO_LATE = _(
    "A share can last at most %(days)s days: choose an expiry date on or before %(date)s."
)
SHARE_AGREEMENT_TRIVIAL = _(
    "Give the reference of the data transfer agreement: at least three letters or digits, not "
    "a placeholder such as “none”, “-” or “n/a”."
)
SHARE_NO_AGREEMENT = _(
    "There is no data-sharing agreement in force with this organisation: record one before sharing."
)
SHARE_AGREEMENT_OTHER_PARTY = _(
    "This data-sharing agreement is with another organisation: choose one made with the "
    "receiving organisation."
)
SHARE_AGREEMENT_NOT_HOLDER = _(
    "This data-sharing agreement was signed by an organisation that does not hold this record: "
    "choose one signed by the organisation that registered it or by the agency office."
)
SHARE_AGREEMENT_NOT_IN_FORCE = _("This data-sharing agreement is not in force today.")
SHARE_GROUP_OUTSIDE_AGREEMENT = _(
    "The agreement does not allow sharing the fields “%(group)s”. Nothing was shared."
)
SHARE_PURPOSE_NOT_COVERED = _(
    "The agreement %(reference)s does not cover this purpose. It covers: %(purposes)s. State "
    "one of these in the purpose (details may follow it), or choose another agreement."
)
SHARE_OUTLASTS_AGREEMENT = _(
    "The share cannot last beyond the agreement, which expires on %(date)s."
)
SHARE_PURPOSE_TRIVIAL = _(
    "State the purpose of the share: at least three letters or digits, not a placeholder such "
    "as “none”, “-” or “n/a”."
)
