"""Django admin for the administrator: uploads, report files, reports and decisions (the tree is in orgs)."""

from django.contrib import admin

from .models import Decision, Report, SourceFile, Upload


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ("pk", "organization", "year", "uploaded_by", "status", "done", "total", "created_at")
    list_filter = ("status", "year")
    readonly_fields = ("errors", "duplicates", "skipped", "task_id")


@admin.register(SourceFile)
class SourceFileAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "year", "format", "created_at")
    list_filter = ("year", "format")
    search_fields = ("name",)
    exclude = ("data", "text")
    readonly_fields = ("sha256", "upload", "uploaded_by", "checked_at", "warnings", "encoding")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "year", "kind", "errors", "warnings", "score", "rating")
    list_filter = ("year", "kind", "rating")
    search_fields = ("title", "organization__name")
    exclude = ("result",)
    readonly_fields = ("source_file", "index", "start", "end", "front_matter", "errors", "warnings", "infos",
                       "placeholders", "stale", "concreteness", "score", "rating")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("rule", "text", "status", "decided_by", "decided_at", "source_file")
    list_filter = ("status",)
