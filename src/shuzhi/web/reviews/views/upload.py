"""Uploading one file, many, a .zip or a 汇编, and following its progress."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from shuzhi.ingest.sources import MB

from .. import access
from ...orgs.access import own_organization
from ...orgs.models import Organization
from ..models import Upload, UploadedFile
from ..processing import limits
from ...orgs.responses import json_response, page, wants_json
from ..tasks import check_upload

STALLED_AFTER = 30  # seconds queued before the page says the worker may not be running


def uploadable_organizations(user):
    """Where a user may upload: a secretary to their own organization, a reviewer anywhere in their subtree."""
    return access.organizations(user)


def default_year() -> int:
    # 述职评议 takes place early in the year, on the year just ended.
    today = datetime.date.today()
    return today.year - 1 if today.month <= 6 else today.year


class UploadForm(forms.Form):
    organization = forms.ModelChoiceField(label="党组织", queryset=Organization.objects.none(), empty_label=None)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = uploadable_organizations(user)


def upload_form(request):
    if request.method == "POST":
        return _receive(request)
    form = UploadForm(user=request.user, initial={"year": default_year(), "organization": own_organization(request.user)})
    return page(request, "reviews/upload.html", _form_context(form), lambda: {
        "organizations": [{"id": o.pk, "name": o.name} for o in form.fields["organization"].queryset],
        "year": default_year(),
        "limits": _limits(),
    })


def _limits() -> dict:
    return {"max_file_mb": settings.SHUZHI_MAX_FILE_MB, "max_upload_mb": settings.SHUZHI_MAX_UPLOAD_MB, "max_files": settings.SHUZHI_MAX_FILES}


def _form_context(form, problems=()) -> dict:
    return {"form": form, "limits": _limits(), "problems": problems}


def _refuse(request, form, problems, status=400):
    if wants_json(request):
        return json_response({"errors": problems}, status=status)
    return render(request, "reviews/upload.html", _form_context(form, problems), status=status)


def _receive(request):
    empty = UploadForm(user=request.user, initial={"year": default_year()})
    size = int(request.META.get("CONTENT_LENGTH") or 0)
    if size > settings.SHUZHI_MAX_UPLOAD_MB * MB:
        # Refused before the body is read: the limit holds for the whole request.
        return _refuse(request, empty, [f"上传内容过大（{size / MB:.1f} MB，单次上限 {settings.SHUZHI_MAX_UPLOAD_MB:g} MB），请分批上传"], 413)
    try:
        form = UploadForm(request.POST, user=request.user)
        files = request.FILES.getlist("files")
    except (RequestDataTooBig, TooManyFilesSent):
        return _refuse(request, empty, [f"一次最多上传 {settings.SHUZHI_MAX_FILES} 个文件，请分批上传"], 413)
    if not form.is_valid():
        problems = [f"{form.fields[k].label}：{'；'.join(v)}" for k, v in form.errors.items()]
        return _refuse(request, form, problems)
    if not files:
        return _refuse(request, form, ["请选择要上传的文件"])
    lim = limits()
    upload = Upload.objects.create(organization=form.cleaned_data["organization"], year=form.cleaned_data["year"], uploaded_by=request.user)
    errors = []
    for f in files:
        is_zip = f.name.lower().endswith(".zip")
        cap = lim.max_zip_bytes if is_zip else lim.max_file_bytes
        if f.size > cap:
            errors.append({"source": f.name, "message": f"文件过大（{f.size / MB:.1f} MB，上限 {cap / MB:g} MB），未检查"})
            continue
        UploadedFile.objects.create(upload=upload, name=f.name, data=f.read())
    upload.errors = errors
    upload.save(update_fields=["errors"])
    result = check_upload.enqueue(upload.pk)
    Upload.objects.filter(pk=upload.pk).update(task_id=str(result.id)[:64])
    url = reverse("upload_detail", args=[upload.pk])
    if wants_json(request):
        return json_response({"upload": upload.pk, "url": url}, status=202)
    return redirect(url)


def upload_list(request):
    uploads = list(access.uploads(request.user).select_related("organization", "uploaded_by")[:100])
    return page(request, "reviews/upload_list.html", {"uploads": uploads}, lambda: {"uploads": [_upload_dict(u, request.user, brief=True) for u in uploads]})


def _upload_dict(upload: Upload, user, brief: bool = False) -> dict:
    out = {
        "id": upload.pk,
        "organization": upload.organization.name,
        "year": upload.year,
        "status": upload.status,
        "status_label": upload.get_status_display(),
        "total": upload.total,
        "done": upload.done,
        "created_at": upload.created_at.isoformat(),
        "finished_at": upload.finished_at.isoformat() if upload.finished_at else None,
        "errors": upload.errors,
        "duplicates": upload.duplicates,
    }
    if not brief:
        out["skipped"] = upload.skipped
        out["reports"] = [_report_brief(r) for r in _reports_of(upload, user)]
    return out


def _reports_of(upload: Upload, user):
    return access.reports(user).filter(source_file__upload=upload).select_related("organization").defer("result").order_by("source_file_id", "index")


def _report_brief(r) -> dict:
    return {"id": r.pk, "title": r.title, "organization": r.organization.name, "kind": r.kind, "errors": r.errors,
            "warnings": r.warnings, "rating": r.rating, "url": reverse("report", args=[r.pk])}


def upload_detail(request, pk: int):
    upload = get_object_or_404(access.uploads(request.user).select_related("organization"), pk=pk)
    reports = list(_reports_of(upload, request.user)) if upload.finished else []
    waited = (timezone.now() - upload.created_at).total_seconds()
    context = {"upload": upload, "reports": reports, "percent": int(100 * upload.done / upload.total) if upload.total else 0,
               "stalled": upload.status == Upload.QUEUED and waited > STALLED_AFTER}
    if request.headers.get("HX-Request") and not wants_json(request):
        return render(request, "reviews/_upload_status.html", context)
    return page(request, "reviews/upload_detail.html", context, lambda: {"upload": _upload_dict(upload, request.user)})
