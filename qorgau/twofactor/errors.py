"""Refusals of two-factor sign-in. Messages are translatable constants that tests reuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CODE_WRONG = _("This code is wrong or has already been used. Enter the code your app shows now.")
CODE_THROTTLED = _(
    "Too many wrong codes. Wait %(seconds)s seconds, then enter the code your app shows."
)
RECOVERY_CODE_WRONG = _("This recovery code is wrong or has already been used.")
ALREADY_ENROLLED = _("Two-factor sign-in is already set up for this account.")
NOT_ENROLLED = _("Two-factor sign-in is not set up for this account.")
NO_PERMISSION = _("You may not reset two-factor sign-in for this user.")
VERIFICATION_NEEDED = _(
    "Two-factor sign-in needed: enter your authenticator app's code on the sign-in page first."
)
