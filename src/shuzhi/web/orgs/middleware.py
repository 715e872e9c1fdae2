"""Login required everywhere; a JSON twin asked for without a session gets 401 in JSON, not a login page."""

from __future__ import annotations

from django.contrib.auth.middleware import LoginRequiredMiddleware

from .responses import json_response


class LoginRequired(LoginRequiredMiddleware):
    def handle_no_permission(self, request, view_func):
        if request.GET.get("format") == "json":
            return json_response({"error": "未登录或登录已过期，请先登录"}, status=401)
        return super().handle_no_permission(request, view_func)
