from django.contrib import admin

from duikou.organisations.models import AidingParty, Organisation


@admin.register(AidingParty)
class AidingPartyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "sort_order")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "aiding_party", "place")
    list_filter = ("kind", "aiding_party")
    search_fields = ("code", "name")
    autocomplete_fields = ("place", "parent")
