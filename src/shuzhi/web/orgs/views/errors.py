"""Error pages in Chinese, and in JSON for a JSON twin; never a traceback."""

from __future__ import annotations

from django.shortcuts import render

from ..responses import json_response, wants_json


def _error(request, status: int, title: str, detail: str):
    if wants_json(request):
        return json_response({"error": detail}, status=status)
    return render(request, "error.html", {"status": status, "title": title, "detail": detail}, status=status)


def csrf_failure(request, reason: str = ""):
    return _error(request, 403, "请求被拒绝", "表单已过期或缺少安全校验（CSRF），请刷新页面后重试。")


def not_found(request, exception=None):
    return _error(request, 404, "未找到", "没有这个页面，或者您无权查看这份材料。")


def forbidden(request, exception=None):
    return _error(request, 403, "无权操作", "您没有进行此操作的权限。")


def bad_request(request, exception=None):
    return _error(request, 400, "请求有误", "请求的参数不正确。")


def server_error(request):
    return _error(request, 500, "系统出错", "系统内部出错，已记录，请稍后重试或联系管理员。")
