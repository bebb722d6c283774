from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "qorgau.pledges"
    verbose_name = _("Pledges")

    def ready(self) -> None:
        from qorgau.pledges.selectors import factsheet_pledges
        from qorgau.statistics.factsheet import factsheet_section_register

        factsheet_section_register("pledges", factsheet_pledges)
