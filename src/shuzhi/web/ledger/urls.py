"""The ledger's pages under /ledger/; each answers ?format=json as well."""

from django.urls import path

from .views import board, home, io, org, records

app_name = "ledger"
urlpatterns = [
    path("", home.home, name="home"),
    path("board/", board.board, name="board"),
    path("board/export.xlsx", board.export, name="board_xlsx"),
    path("overdue/", board.overdue, name="overdue"),
    path("template.xlsx", io.template, name="template"),
    path("calendar/", io.calendar_page, name="calendar"),
    path("calendar/renew/", records.renew_calendar, name="calendar_renew"),
    path("calendar/<str:token>.ics", io.calendar_feed, name="calendar_feed"),
    path("org/<int:pk>/", org.org_page, name="org"),
    path("org/<int:pk>/facts/", org.facts_page, name="facts"),
    path("org/<int:pk>/digest/", org.digest, name="digest"),
    path("org/<int:pk>/import/", io.import_form, name="import"),
    path("org/<int:pk>/export.xlsx", io.export, name="export"),
    path("org/<int:pk>/draft.docx", io.draft, name="draft"),
    path("org/<int:pk>/meetings/", records.meeting_list, name="meetings"),
    path("org/<int:pk>/meetings/new/", records.meeting_form, name="meeting_new"),
    path("org/<int:pk>/meetings/<int:rid>/", records.meeting_form, name="meeting"),
    path("org/<int:pk>/candidates/", records.candidate_list, name="candidates"),
    path("org/<int:pk>/candidates/<int:rid>/", records.candidate_detail, name="candidate"),
    path("org/<int:pk>/<str:slug>/", records.record_list, name="records"),
    path("org/<int:pk>/<str:slug>/<int:rid>/", records.record_detail, name="record"),
]
