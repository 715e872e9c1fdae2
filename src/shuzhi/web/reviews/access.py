"""Who sees what: every query of a view starts from these, so nothing reaches a user outside their scope."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Organization, Report, Role, SourceFile, Upload


def _scope(user) -> Q | None:
    """A filter on Organization for what the user may read; None for an administrator (everything)."""
    if user.is_superuser:
        return None
    cached = getattr(user, "_shuzhi_scope", None)
    if cached is not None:
        return cached
    q = Q(pk__in=[])
    for role in Role.objects.filter(user=user).select_related("organization"):
        if role.kind == Role.REVIEWER:
            q |= Q(path__startswith=role.organization.path)
        else:
            q |= Q(pk=role.organization_id)
    user._shuzhi_scope = q
    return q


def organizations(user) -> QuerySet[Organization]:
    scope = _scope(user)
    return Organization.objects.all() if scope is None else Organization.objects.filter(scope)


def reports(user) -> QuerySet[Report]:
    if user.is_superuser:
        return Report.objects.all()
    return Report.objects.filter(organization__in=organizations(user))


def source_files(user) -> QuerySet[SourceFile]:
    if user.is_superuser:
        return SourceFile.objects.all()
    return SourceFile.objects.filter(organization__in=organizations(user))


def uploads(user) -> QuerySet[Upload]:
    if user.is_superuser:
        return Upload.objects.all()
    return Upload.objects.filter(organization__in=organizations(user))


def roles_context(request) -> dict:
    """The signed-in user's roles, for the page header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = [str(r.get_kind_display()).split("（")[0] + "·" + r.organization.name for r in Role.objects.filter(user=user).select_related("organization")]
    if user.is_superuser:
        roles.insert(0, "管理员")
    return {"user_roles": roles}
