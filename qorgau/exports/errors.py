"""Refusals of list exports. Messages are translatable constants that tests reuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NO_FIELDS = _("Choose at least one field to export.")
UNKNOWN_FIELD = _("Unknown field: %(field)s.")
FIELD_NOT_READABLE = _("Your role may not read the field %(field)s, so it cannot be exported.")
UNKNOWN_FORMAT = _("Choose CSV or XLSX.")
UNKNOWN_FILTER = _("Unknown value %(value)s for %(filter)s.")
SEARCH_FOUND_NOBODY = _("Nobody you may see matches this search, so there is nothing to export.")
NOT_READY = _("This export is not ready yet.")
EXPORT_FAILED = _("The export failed; please try again or ask your administrator.")
XLSFORM_NOT_XLSX = _("--out must name an .xlsx file.")
XLSFORM_NO_FOLDER = _("The folder of %(path)s does not exist.")
XLSFORM_REFUSED = _("pyxform refused the generated form: %(error)s")
