from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PopulationConfig(AppConfig):
    name = "qorgau.population"
    verbose_name = _("Synthetic population")
