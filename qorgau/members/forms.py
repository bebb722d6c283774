"""Forms of the organisation page. They parse input; the services check and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.organisations.permissions import Role

# No role is chosen beforehand: an administrator's role is the first of the list, and a form
# sent without a look must not grant it.
ROLE_CHOICES = [("", "—"), *Role.choices]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)


class MemberCreateForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("Given name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Family name"), max_length=150, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Long, not a common password and not like the user name. Hand it over in person; "
            "the user changes it after the first log-in."
        ),
    )
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
