"""Messages of the membership services, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NOT_MANAGER = _("Only an administrator of this organisation may manage its people.")
ROLE_ABOVE_YOURS = _(
    "You cannot grant a role that permits more than you hold in this organisation."
)
OWN_MEMBERSHIP = _(
    "You cannot grant or change your own roles: another administrator of the organisation must."
)
LAST_ADMINISTRATOR = _(
    "This is the last active administrator of the organisation: grant the role to someone "
    "else first."
)
OTHER_ORGANISATION = _(
    "This user belongs to another organisation: only that organisation's administrator "
    "manages them."
)
ROLE_HELD = _("The user already holds this role in this organisation.")
UNKNOWN_ROLE = _("Choose one of the roles offered.")
USER_INACTIVE = _("This user is deactivated and cannot be given a role.")
USERNAME_TAKEN = _("This user name is taken: choose another.")
DEACTIVATE_SELF = _("You cannot deactivate your own account.")
DEACTIVATE_ELSEWHERE = _(
    "This user also holds roles in an organisation you do not manage: its administrator must "
    "agree, or the agency's system administrator deactivates the account."
)
HAS_ADMINISTRATOR = _(
    "The organisation has an active administrator: they grant roles on the organisation page."
)
