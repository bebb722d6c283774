from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "qorgau.referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        # The person's and the household's pages' referrals and their "refer" links (people
        # may not import referrals).
        from qorgau.people.page import (
            household_page_section_register,
            person_page_section_register,
        )
        from qorgau.referrals.selectors import (
            household_referrals_section,
            person_referrals_section,
        )

        person_page_section_register("referrals", person_referrals_section)
        household_page_section_register("referrals", household_referrals_section)
