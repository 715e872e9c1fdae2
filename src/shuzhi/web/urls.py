"""URL map of the workbench; every page answers ?format=json as well."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .orgs.views import auth
from .campaigns.views.voting import vote
from .reviews.views import compare, overview, report, upload

urlpatterns = [
    path("", overview.home, name="home"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("overview/", overview.overview, name="overview"),
    path("overview/export.xlsx", overview.overview_export, name="overview_xlsx"),
    path("upload/", upload.upload_form, name="upload"),
    path("uploads/", upload.upload_list, name="uploads"),
    path("uploads/<int:pk>/", upload.upload_detail, name="upload_detail"),
    path("reports/<int:pk>/", report.report_detail, name="report"),
    path("reports/<int:pk>/findings/<int:finding>/decide/", report.decide, name="decide"),
    path("reports/<int:pk>/recheck/", report.recheck_report, name="recheck"),
    path("reports/<int:pk>/annotated.docx", report.report_docx, name="report_docx"),
    path("reports/<int:pk>/result.json", report.report_result, name="report_result"),
    path("compare/", compare.compare, name="compare"),
    path("ledger/", include("shuzhi.web.ledger.urls")),
    path("campaigns/", include("shuzhi.web.campaigns.urls")),
    path("vote/", vote, name="vote"),
    path("admin/", admin.site.urls),
]

handler400 = "shuzhi.web.orgs.views.errors.bad_request"
handler403 = "shuzhi.web.orgs.views.errors.forbidden"
handler404 = "shuzhi.web.orgs.views.errors.not_found"
handler500 = "shuzhi.web.orgs.views.errors.server_error"

admin.site.site_header = admin.site.site_title = "shuzhi 述职评议工作台 · 管理"
admin.site.index_title = "系统管理"
