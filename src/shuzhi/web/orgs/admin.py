"""Django admin for the administrator: the organization tree, people and their roles, with their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organization, Role


class RoleInline(admin.TabularInline):
    model = Role
    extra = 1


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("indented", "kind", "sector", "parent")
    list_filter = ("kind", "sector")
    search_fields = ("name",)
    inlines = [RoleInline]

    @admin.display(description="名称", ordering="path")
    def indented(self, obj):
        return "　" * (obj.path.count("/") - 2) + obj.name


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ("user", "kind", "organization")
    list_filter = ("kind",)
    search_fields = ("user__username", "organization__name")
    autocomplete_fields = ("organization",)
