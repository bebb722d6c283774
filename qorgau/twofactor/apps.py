from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "qorgau.twofactor"
    label = "twofactor"
    verbose_name = _("Two-factor sign-in")

    def ready(self) -> None:
        # The Django admin asks for a verified device as well (django-otp's admin site, whose
        # log-in is sent to the site's own two steps: ``admin.py``).
        from qorgau.twofactor.admin import admin_site_requires_two_factor

        admin_site_requires_two_factor()
        # No API token for a password alone to someone who must give, or has, a second factor.
        from qorgau.twofactor.policy import password_alone_suffices
        from qorgau.web.tokens import password_token_checks

        if password_alone_suffices not in password_token_checks:
            password_token_checks.append(password_alone_suffices)
