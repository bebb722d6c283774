from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "qorgau.partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from qorgau.partners.services import service_catalogue_sync_after_migrate

        post_migrate.connect(service_catalogue_sync_after_migrate, sender=self)
