# The document number's field class changes (its keys come from QORGAU_DOCUMENT_KEYS, ADR
# 0029); the column stays a text column holding a Fernet token, so only the state changes (on
# SQLite an AlterField would copy the table). Stored numbers are re-encrypted by
# `qorgau rotate-document-keys`, not here: until then they decrypt with the earlier keys.

import qorgau.people.models.encryption
from django.db import migrations


def _number_field():
    return qorgau.people.models.encryption.EncryptedNumberField(
        max_length=64, verbose_name="number"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0012_name_key_registrant"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="document", name="number", field=_number_field()
                ),
                migrations.AlterField(
                    model_name="historicaldocument", name="number", field=_number_field()
                ),
            ]
        )
    ]
