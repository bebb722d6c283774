"""Administration of organisations and users. Registry records are deliberately absent: the
admin would bypass the access gate and the read log."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from qorgau.organisations.models import Membership, Organisation, User


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "code", "type", "country", "is_operating_agency"]
    list_filter = ["type", "country"]
    search_fields = ["name", "code"]


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    inlines = [MembershipInline]
