"""The login page and its JSON twin, for a platform that signs in programmatically."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.middleware.csrf import get_token

from ..responses import json_response, wants_json


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"

    def get(self, request, *args, **kwargs):
        if wants_json(request):
            # The token to send back as X-CSRFToken (or csrfmiddlewaretoken) with the POST.
            return json_response({"fields": ["username", "password"], "csrf_token": get_token(request)})
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        if wants_json(self.request):
            user = form.get_user()
            return json_response({"user": user.username, "next": response["Location"]})
        return response

    def form_invalid(self, form):
        if wants_json(self.request):
            return json_response({"errors": [e for errors in form.errors.values() for e in errors]}, status=400)
        return super().form_invalid(form)
