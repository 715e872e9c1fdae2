"""Who sees what: every query of every app starts from these, so nothing reaches a user outside their scope.

A reviewer reads their organization and everything below it; a secretary or a recorder reads and writes their own
organization; an administrator (superuser) reads and writes everything. Objects out of scope answer 404, not 403,
so that guessing an ID tells nothing.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import Organization, Role


def _roles(user) -> list[Role]:
    cached = getattr(user, "_shuzhi_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user).select_related("organization"))
        user._shuzhi_roles = cached
    return cached


def _scope(user, own: tuple[str, ...] = Role.WRITERS) -> Q | None:
    """A filter on Organization for what the user may read: the subtree of each organization they review, and each
    organization where they hold one of the `own` roles; None for an administrator (everything)."""
    if user.is_superuser:
        return None
    q = Q(pk__in=[])
    for role in _roles(user):
        if role.kind == Role.REVIEWER:
            q |= Q(path__startswith=role.organization.path)
        elif role.kind in own:
            q |= Q(pk=role.organization_id)
    return q


def organizations(user) -> QuerySet[Organization]:
    """The organizations the user may read."""
    scope = _scope(user)
    return Organization.objects.all() if scope is None else Organization.objects.filter(scope)


def writable_organizations(user) -> QuerySet[Organization]:
    """The organizations whose records the user keeps: their own as secretary or recorder; everything for an administrator."""
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=[r.organization_id for r in _roles(user) if r.kind in Role.WRITERS])


def can_write(user, organization: Organization | int) -> bool:
    pk = organization if isinstance(organization, int) else organization.pk
    return user.is_superuser or any(r.organization_id == pk and r.kind in Role.WRITERS for r in _roles(user))


def within(queryset: QuerySet, user, field: str = "organization") -> QuerySet:
    """`queryset` cut to the objects whose `field` (a path to an Organization) the user may read."""
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": organizations(user)})


def writable(queryset: QuerySet, user, field: str = "organization") -> QuerySet:
    """`queryset` cut to the objects whose organization the user keeps records for."""
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": writable_organizations(user)})


def get_or_404(queryset: QuerySet, **lookup) -> Model:
    """One object of an already scoped queryset, or 404 (the same answer as for an object that does not exist)."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def tops(user) -> list[Organization]:
    """The organizations at the top of what the user sees (their parent is out of sight)."""
    orgs = list(organizations(user))
    ids = {o.pk for o in orgs}
    return [o for o in orgs if o.parent_id not in ids]


def own_organization(user) -> int | None:
    """The organization a user works for first (a secretary's own, else the first role's), for defaults in forms."""
    role = min(_roles(user), key=lambda r: (r.kind != Role.SECRETARY, r.kind), default=None)
    return role.organization_id if role else None


def roles_context(request) -> dict:
    """The signed-in user's roles, for the page header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = [f"{r.label}·{r.organization.name}" for r in _roles(user)]
    if user.is_superuser:
        roles.insert(0, "管理员")
    return {"user_roles": roles}
