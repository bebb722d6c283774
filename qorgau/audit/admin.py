"""The security log in the admin, for the agency office's administrators: a list to read,
filter and search, never to change (the database refuses changes too: ADR 0034). The access
log is not listed here: it names the records read, and is read through its own queries."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from qorgau.audit.models import SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin[SecurityEvent]):
    list_display = ["at", "event", "user", "object_type", "object_id", "address"]
    list_filter = ["event", "at"]
    search_fields = ["user__username"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    readonly_fields = ["at", "event", "user", "object_type", "object_id", "address", "detail"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
