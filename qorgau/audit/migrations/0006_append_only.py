"""The audit trail is append-only on PostgreSQL (docs/adr/0034-append-only-audit-trail.md).

Triggers refuse every UPDATE, DELETE and TRUNCATE of the access log and the security log, so
neither the application's code nor a statement injected through it can rewrite the trail. Old
rows are archived by an operator under a separate role (docs/operations.md). SQLite has no
roles and is the single-user development database: nothing is created there.
"""

from typing import Any

from django.db import migrations

TABLES = ("audit_accesslog", "audit_securityevent")

FORWARD = [
    """
    CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'qorgau: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Archive old rows as the archiving role (docs/operations.md).';
    END
    $$
    """,
    *(
        statement
        for table in TABLES
        for statement in (
            # Statement triggers: an UPDATE or DELETE is refused even when it matches no row.
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
        )
    ),
]
BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}"
        for table in TABLES
        for name in ("append_only", "no_truncate")
    ),
    "DROP FUNCTION IF EXISTS audit_append_only()",
]


def _run(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_security_event_sign_in")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
