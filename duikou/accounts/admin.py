"""User management for platform administrators (Django admin)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from duikou.accounts.models import User
from duikou.core.history import diff, record_change


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "role", "organisation", "is_active", "locked_until")
    list_filter = ("role", "is_active", "organisation__kind")
    search_fields = ("username", "first_name", "last_name", "organisation__name")
    autocomplete_fields = ("organisation",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and scope"), {"fields": ("role", "organisation")}),
        (_("Sign-in lockout"), {"fields": ("failed_logins", "locked_until")}),
    )

    @admin.action(description=_("Unlock the selected accounts"))
    def unlock(self, request, queryset):
        # Per object, not queryset.update(): unlocking is a change history must show.
        for user in queryset:
            changes = diff(
                {"failed_logins": user.failed_logins, "locked_until": user.locked_until},
                {"failed_logins": 0, "locked_until": None},
            )
            if changes:
                user.failed_logins, user.locked_until = 0, None
                user.save(update_fields=["failed_logins", "locked_until"])
                record_change(user, "update", changes)

    actions = ("unlock",)
