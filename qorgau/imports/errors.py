"""Why a file or a row of an import was refused. Translatable constants that tests reuse.

Messages that name a place use ``%(row)s`` (the row of the file, as a spreadsheet numbers it:
the header is row 1) and ``%(column)s`` (the column's header)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NO_PERMISSION = _("You cannot register people for this organisation.")
TOO_LARGE = _("The file is larger than %(limit)s MB, the largest an import accepts.")
UNPACKS_TOO_LARGE = _(
    "The file would unpack to more than %(limit)s MB; it is refused before it is read."
)
NOT_A_SPREADSHEET = _(
    "The file is not a spreadsheet that can be read (expected CSV, XLSX or the JSON of "
    "KoboToolbox): %(detail)s"
)
UNKNOWN_TYPE = _("Files ending in “%(suffix)s” cannot be imported: use CSV, XLSX or JSON.")
ENCODING = _(
    "Row %(row)s cannot be read as text in UTF-8 or Windows-1251; save the file as CSV UTF-8."
)
EMPTY = _("The file has no header row.")
DUPLICATE_COLUMN = _("Column “%(column)s” appears twice in the header row.")
UNKNOWN_COLUMN = _(
    "Column “%(column)s” is not in the mapping “%(mapping)s”: add it (or mark it as ignored)."
)
MISSING_COLUMN = _("The mapping “%(mapping)s” reads column “%(column)s”, which the file lacks.")
UNKNOWN_FIELD = _("“%(field)s” is not a field an import can fill.")
NO_SUCH_MAPPING = _("No mapping “%(mapping)s” for this organisation.")
MAPPING_NAME_REQUIRED = _("Give the mapping a name.")
MAPPING_FIELD_TWICE = _("Two columns are mapped to the field “%(field)s”.")
MAPPING_NEEDS_NAME = _("The mapping must fill the given name.")
MAPPING_NEEDS_SOURCE_ID = _(
    "The mapping must fill the organisation's own id of each row (source id): without it, a "
    "second import would create every person again."
)
REPEATS_UNORDERED = _(
    "Row %(row)s of sheet “%(column)s” belongs to a submission that is not where it should "
    "be: the household members must follow the order of the submissions."
)
FORMULA_IN_FILE = _(
    "Cell %(cell)s (row %(row)s) holds a formula, which an import does not run: replace the "
    "formulas with their values (copy, then paste values only) and import again."
)
BAD_JSON = _("The JSON has no list of submissions (“results”).")

# Rows
DATE_UNREADABLE = _(
    "“%(value)s” is not a date: write dd.mm.yyyy, yyyy-mm-dd, dd/mm/yyyy or the year alone."
)
UNKNOWN_VALUE = _("“%(value)s” is not one of the values this column accepts.")
UNKNOWN_COUNTRY = _("“%(value)s” is not a country code (ISO 3166, such as KAZ or KZ).")
UNKNOWN_REGION = _("“%(value)s” is not a region code (such as KZ-75 or a KATO code).")
SOURCE_ID_REQUIRED = _("The row has no id of its own (source id).")
SOURCE_ID_TWICE = _("The id “%(value)s” was already used by row %(first)s of this file.")
HOUSEHOLD_SPLIT = _(
    "The rows of household “%(value)s” must follow each other; this one comes after other "
    "households."
)
FORMULA = _("The cell holds a formula, which an import does not run: enter the value itself.")
IN_HOUSEHOLD = _("This row was not imported because another row of its household was refused.")

# Pulls from a KoboToolbox server
KOBO_NO_TOKEN = _(
    "No KoboToolbox token is set: set QORGAU_KOBO_TOKEN (never on the command line) and try again."
)
KOBO_BAD_URL = _("“%(url)s” is not the address of a KoboToolbox server (https://…).")
KOBO_UNAUTHORISED = _(
    "The KoboToolbox server refused the token (HTTP %(status)s): check QORGAU_KOBO_TOKEN and "
    "that its account may see the form."
)
KOBO_NOT_FOUND = _("The KoboToolbox server has no form “%(asset)s” (HTTP 404): check the asset id.")
KOBO_FAILED = _("The KoboToolbox server answered HTTP %(status)s; nothing was imported.")
KOBO_UNREACHABLE = _(
    "The KoboToolbox server could not be reached (%(detail)s); nothing was imported. Try again "
    "later."
)
KOBO_BAD_ANSWER = _("The KoboToolbox server's answer is not a list of submissions.")
KOBO_OTHER_HOST = _(
    "The KoboToolbox server sent the next page from another address (%(url)s); the pull "
    "stopped there and nothing was imported."
)

# Documents
MAPPING_DOCUMENT_FIELD = _(
    "A mapping of documents fills only the person's id and the document's fields; “%(field)s” "
    "is a field of people."
)
MAPPING_NEEDS_DOCUMENT = _(
    "A mapping of documents must fill the person's id, the document type and its number."
)
DOCUMENT_PERSON_UNKNOWN = _(
    "No person with the id “%(value)s” was registered by this organisation: import the people "
    "first."
)
DOCUMENT_PERSON_VIEW_ONLY = _(
    "The id “%(value)s” is linked to another organisation's record, which you may only see: "
    "its documents cannot be added or changed by this import."
)
DATE_INCOMPLETE = _("“%(value)s” is not a whole date: write the day, the month and the year.")
DATE_IMPOSSIBLE = _("“%(value)s” is not a date that exists.")
# The web pages
NOT_YOUR_IMPORT = _("Only the person who uploaded the file can continue this import.")
UPLOAD_GONE = _("The uploaded file is no longer kept: upload it again.")
ALREADY_RUN = _("This import has already been started; upload the file again to import it anew.")
NO_MAPPING_YET = _("Choose which column fills which field before running the import.")
NO_REPORT = _("This import has no error report: every row was read without a problem.")
FILE_REQUIRED = _("Choose a file to upload.")
FAILED = _("The import failed; nothing was stored. Try again, or ask an administrator.")
INTERRUPTED = _(
    "The import was interrupted before it finished (its worker stopped): nothing of it was "
    "stored. Run it again to complete it."
)
NOT_INTERRUPTED = _("This import is not interrupted, so it cannot be run again.")
REPORT_HEADER = (_("row"), _("column"), _("value"), _("message"))

# Review of held rows
ALREADY_DECIDED = _("This row has already been decided.")
HELD_MAPPING_GONE = _(
    "The mapping this row was imported with no longer exists: import the file again."
)
NOT_A_CANDIDATE = _("This record is not one the row was held against, or you may not see it.")
