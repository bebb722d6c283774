"""Refusals of ``qorgau backup`` and ``qorgau restore``. Messages are translatable constants
that tests reuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

OUT_EXISTS = _("%(path)s already exists; choose another file or pass --force to replace it.")
OUT_DIRECTORY_MISSING = _("The folder of %(path)s does not exist.")
IN_MISSING = _("%(path)s does not exist or is not a file.")
NOT_A_BACKUP = _("%(path)s is not a Qorgau backup (neither a SQLite database nor a pg_dump file).")
WRONG_KIND = _(
    "%(path)s is a backup of a %(found)s database, but the configured database is %(configured)s."
)
NOT_QORGAU = _("%(path)s is a SQLite database, but not one of Qorgau (it has no migrations).")
NOT_EMPTY = _(
    "The database %(name)s is not empty; restore into an empty database, or pass --force to "
    "replace what it holds with the backup."
)
TOOL_MISSING = _(
    "%(tool)s was not found on PATH nor in /usr/lib/postgresql/*/bin; install the PostgreSQL "
    "client tools (Debian: postgresql-client) of the server's version or newer."
)
TOOL_FAILED = _("%(tool)s failed (exit status %(status)s): %(detail)s")
UNSUPPORTED = _("Backups support SQLite and PostgreSQL only, not %(vendor)s.")
