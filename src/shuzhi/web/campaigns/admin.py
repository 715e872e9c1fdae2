"""Django admin for mending a campaign's records. Ballots, votes and codes are deliberately absent: no one edits a
ballot, and the admin's own log would keep who touched which one."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models as m


class MembershipInline(admin.TabularInline):
    model = m.Membership
    extra = 0


@admin.register(m.Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ("name", "year", "scope", "state", "voting", "deadline")
    list_filter = ("year", "state")
    inlines = [MembershipInline]


@admin.register(m.Reporter)
class ReporterAdmin(SimpleHistoryAdmin):
    list_display = ("campaign", "seq", "organization", "secretary", "state", "reading")
    list_filter = ("campaign", "state")
    search_fields = ("organization__name", "secretary")


@admin.register(m.Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ("number", "reporter", "category", "source")
    list_filter = ("category", "source")
    search_fields = ("number", "text")


@admin.register(m.Item)
class ItemAdmin(SimpleHistoryAdmin):
    list_display = ("problem", "state", "owner", "due", "closed_on")
    list_filter = ("state",)


@admin.register(m.Transition)
class TransitionAdmin(admin.ModelAdmin):
    list_display = ("at", "campaign", "flow", "action", "source", "target", "by")
    list_filter = ("flow", "action")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
