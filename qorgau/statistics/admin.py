"""Fact sheet data in the admin: texts per country and language, contacts (funding and donors
are the funding app's records)."""

from django.contrib import admin

from qorgau.statistics.models import Contact, FactSheetText


@admin.register(FactSheetText)
class FactSheetTextAdmin(admin.ModelAdmin[FactSheetText]):
    list_display = ["country", "language", "block", "updated_at", "updated_by"]
    list_filter = ["country", "language", "block"]
    readonly_fields = ["updated_by"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin[Contact]):
    list_display = ["name", "country", "email", "order"]
