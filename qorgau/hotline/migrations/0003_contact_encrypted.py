# The contact and the name a person leaves with the hotline are encrypted at rest under the
# document keys (ADR 0059), in the tickets and their change history. The previous migration
# made the columns text columns; every stored value is encrypted here, in batches, with raw SQL
# so that no later model code is needed. A value the configured keys already open is left (a
# second run changes nothing). `migrate` therefore needs QORGAU_DOCUMENT_KEYS, as every start in
# production does.
#
# Reversible: going back decrypts every value (with any configured key) and narrows the columns
# again (the previous migration, reversed); a token no key opens stays as it is and makes the
# narrowing fail, rather than be cut.

import qorgau.people.models.encryption
from cryptography.fernet import InvalidToken
from django.db import migrations

TABLES = ("hotline_ticket", "hotline_historicalticket")
COLUMNS = ("contact_value", "name")
BATCH = 1000


def _opens(cipher, value):
    try:
        cipher.current.decrypt(value.encode())
    except InvalidToken:
        return False
    return True


def _encrypted(cipher, value):
    if not value or _opens(cipher, value):
        return None
    return cipher.encrypt(value.encode()).decode()


def _decrypted(cipher, value):
    if not value:
        return None
    try:
        return cipher.decrypt(value.encode()).decode()
    except InvalidToken:
        return None


def _convert(schema_editor, change):
    """Apply ``change`` (value → new value or None for "leave it") to every stored contact and
    name, ``BATCH`` rows at a time, by primary key."""
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    cipher = qorgau.people.models.encryption.document_cipher()
    for table in TABLES:
        key = "history_id" if table.startswith("hotline_historical") else "id"
        columns = ", ".join(quote(c) for c in COLUMNS)
        last = None
        while True:
            with connection.cursor() as cursor:
                after = "" if last is None else f"WHERE {quote(key)} > %s "
                cursor.execute(
                    f"SELECT {quote(key)}, {columns} FROM {quote(table)} {after}"
                    f"ORDER BY {quote(key)} LIMIT %s",
                    ([] if last is None else [last]) + [BATCH],
                )
                rows = cursor.fetchall()
                if not rows:
                    break
                for index, column in enumerate(COLUMNS, start=1):
                    updates = []
                    for row in rows:
                        fresh = change(cipher, row[index])
                        if fresh is not None:
                            updates.append((fresh, row[0]))
                    cursor.executemany(
                        f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE {quote(key)} = %s",
                        updates,
                    )
            last = rows[-1][0]


def encrypt(apps, schema_editor):
    _convert(schema_editor, _encrypted)


def decrypt(apps, schema_editor):
    _convert(schema_editor, _decrypted)


class Migration(migrations.Migration):

    dependencies = [
        ('hotline', '0002_contact_text_columns'),
    ]

    operations = [
        migrations.RunPython(encrypt, decrypt),
    ]
