"""Administration of organisations and users. Registry records are deliberately absent: the
admin would bypass the access gate and the read log. Memberships are shown read-only: they are
granted, changed and revoked on the organisation page, through the services that check who
may manage whom and keep the history and the security log (ADR 0029)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from qorgau.organisations.models import Membership, Organisation, User


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0
    can_delete = False
    fields = ("organisation", "role", "created_at")
    readonly_fields = ("organisation", "role", "created_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "code", "type", "country", "is_operating_agency"]
    list_filter = ["type", "country"]
    search_fields = ["name", "code"]


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    inlines = [MembershipInline]
