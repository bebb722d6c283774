from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "qorgau.referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        # The person page's referrals and its "refer" link (people may not import referrals).
        from qorgau.people.page import person_page_section_register
        from qorgau.referrals.selectors import person_referrals_section

        person_page_section_register("referrals", person_referrals_section)
