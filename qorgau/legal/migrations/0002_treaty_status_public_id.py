"""Treaty statuses get an opaque public id (the managers' page names one) and a version (an
edit based on an older one is refused)."""

import uuid

from django.db import migrations, models


def _public_ids(apps, schema_editor):
    """One id per existing status (a column default would give every row the same one)."""
    for row in apps.get_model("legal", "TreatyStatus").objects.all():
        row.public_id = uuid.uuid4()
        row.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_legal")]

    operations = [
        migrations.AddField(
            model_name="treatystatus",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicaltreatystatus",
            name="public_id",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
        migrations.RunPython(_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="treatystatus",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="treatystatus",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="historicaltreatystatus",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
