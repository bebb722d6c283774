from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "qorgau.funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from qorgau.funding.services import funding_catalogue_sync_after_migrate

        post_migrate.connect(funding_catalogue_sync_after_migrate, sender=self)
