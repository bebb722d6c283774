"""Fact sheet data in the admin: texts per country and language, funding, contacts, donors."""

from django.contrib import admin

from qorgau.statistics.models import Contact, Donor, FactSheetText, Funding


@admin.register(FactSheetText)
class FactSheetTextAdmin(admin.ModelAdmin[FactSheetText]):
    list_display = ["country", "language", "block", "updated_at", "updated_by"]
    list_filter = ["country", "language", "block"]
    readonly_fields = ["updated_by"]


@admin.register(Funding)
class FundingAdmin(admin.ModelAdmin[Funding]):
    list_display = ["operation", "year", "required_usd", "funded_percent", "as_of"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin[Contact]):
    list_display = ["name", "country", "email", "order"]


@admin.register(Donor)
class DonorAdmin(admin.ModelAdmin[Donor]):
    list_display = ["name_en", "country", "private", "order"]
