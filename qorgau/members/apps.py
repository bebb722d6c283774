from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """Who manages whom: memberships, an organisation's users, the organisation page."""

    name = "qorgau.members"
    verbose_name = _("Memberships")
