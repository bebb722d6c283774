"""Issue 12: the open reminders in the list's order (``due_on``, ``id``), with the columns the
visibility filter reads, so that a page of the list is read from this index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0002_agreement_expiry"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="reminder",
            index=models.Index(
                condition=models.Q(("closed_at__isnull", True), ("done_at__isnull", True)),
                fields=["due_on", "id", "country", "organisation", "agreement", "person"],
                name="reminder_open_by_due",
            ),
        ),
    ]
