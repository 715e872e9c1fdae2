"""Every page has a JSON twin: the same URL with ?format=json, behind the same permission checks."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json"


def json_response(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def page(request: HttpRequest, template: str, context: dict, data: Callable[[], dict], status: int = 200) -> HttpResponse:
    """The HTML page, or its JSON twin (built only when asked for)."""
    if wants_json(request):
        return json_response(data(), status=status)
    return render(request, template, context, status=status)


def attachment(data: bytes, filename: str, content_type: str) -> HttpResponse:
    """A download; the file name may be Chinese (RFC 6266 filename*)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
