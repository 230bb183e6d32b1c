from django.contrib import admin

from duikou.places.models import Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "alias", "level", "kind", "official_code")
    list_filter = ("level", "kind", "official_code")
    search_fields = ("code", "name", "alias")
    autocomplete_fields = ("parent",)
