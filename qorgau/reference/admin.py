from django.contrib import admin

from qorgau.reference.models import Country, Region, SpecificNeed


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin[Country]):
    list_display = ["iso3", "unhcr_code", "name_en", "name_ru", "name_kk"]
    search_fields = ["iso3", "iso2", "unhcr_code", "name_en", "name_ru", "name_kk"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["code", "country", "kato", "name_en", "name_ru", "name_kk"]
    list_filter = ["country"]
    search_fields = ["code", "name_en", "name_ru", "name_kk"]


@admin.register(SpecificNeed)
class SpecificNeedAdmin(admin.ModelAdmin[SpecificNeed]):
    list_display = ["code", "parent", "name_en", "name_ru", "name_kk"]
    search_fields = ["code", "name_en", "name_ru", "name_kk"]
