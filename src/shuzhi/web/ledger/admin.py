"""Django admin for the administrator: every ledger record, with its history (the pages secretaries use are the
ledger's own; this is for mending)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models as m


class AttendanceInline(admin.TabularInline):
    model = m.Attendance
    extra = 0


class ResolutionInline(admin.TabularInline):
    model = m.Resolution
    extra = 0


class ChangeInline(admin.TabularInline):
    model = m.MemberChange
    extra = 0


class StepInline(admin.TabularInline):
    model = m.CandidateStep
    extra = 0


@admin.register(m.Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ("name", "organization", "category", "joined", "confirmed", "group", "dues_category")
    list_filter = ("category", "dues_category")
    search_fields = ("name", "organization__name")
    inlines = [ChangeInline]


@admin.register(m.Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("date", "organization", "kinds", "topic", "expected", "present")
    list_filter = ("date",)
    search_fields = ("topic", "organization__name")
    inlines = [AttendanceInline, ResolutionInline]


@admin.register(m.Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ("name", "organization", "birth", "hours", "introducers")
    search_fields = ("name", "organization__name")
    inlines = [StepInline]


for model, columns in ((m.Talk, ("date", "organization", "talker", "talkee")), (m.Payment, ("member", "first_month", "last_month", "amount")),
                       (m.Appraisal, ("member", "year", "grade")), (m.Election, ("organization", "date", "term_years", "secretary"))):
    admin.site.register(model, type(f"{model.__name__}Admin", (SimpleHistoryAdmin,), {"list_display": columns}))
