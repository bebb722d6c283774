from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "qorgau.reference"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from qorgau.reference.services import reference_data_sync_after_migrate

        post_migrate.connect(reference_data_sync_after_migrate, sender=self)
