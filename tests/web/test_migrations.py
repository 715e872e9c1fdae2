"""The organization tree moved from the reviews app to orgs: a database made before the move keeps every row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reviews", "0001_initial"), ("orgs", None), ("contenttypes", "0002_remove_content_type_name")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_made_before_the_move_keeps_its_tree_roles_and_reports():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate(BEFORE)
    try:
        Org, Role = old.get_model("reviews", "Organization"), old.get_model("reviews", "Role")
        User, ContentType = old.get_model("auth", "User"), old.get_model("contenttypes", "ContentType")
        top = Org.objects.create(name="老党委", kind="committee", path="")
        top.path = f"/{top.pk}/"
        top.save()
        branch = Org.objects.create(name="老支部", kind="branch", parent=top, path=f"/{top.pk}/0/")
        branch.path = f"{top.path}{branch.pk}/"
        branch.save()
        user = User.objects.create(username="old_reviewer")
        Role.objects.create(user=user, organization=top, kind="reviewer")
        ContentType.objects.get_or_create(app_label="reviews", model="organization")
        SourceFile = old.get_model("reviews", "SourceFile")
        Report = old.get_model("reviews", "Report")
        sf = SourceFile.objects.create(organization=branch, year=2023, sha256="0" * 64, name="a.txt", data=b"x", format="txt", text="x")
        Report.objects.create(source_file=sf, index=0, organization=branch, year=2023, kind="党建述职", start=0, end=1, result={})
    finally:
        new = _migrate(latest)
    Org, Role = new.get_model("orgs", "Organization"), new.get_model("orgs", "Role")
    assert {o.name: (o.kind, o.sector, o.path) for o in Org.objects.all()} == {
        "老党委": ("committee", "other", f"/{top.pk}/"),
        "老支部": ("branch", "other", f"/{top.pk}/{branch.pk}/"),
    }
    assert Role.objects.get(user__username="old_reviewer").organization.name == "老党委"
    report = new.get_model("reviews", "Report").objects.get()
    assert report.organization.name == "老支部"
    ContentType = new.get_model("contenttypes", "ContentType")
    assert ContentType.objects.filter(app_label="orgs", model="organization").exists()
    assert not ContentType.objects.filter(app_label="reviews", model="organization").exists()
    tables = connection.introspection.table_names()
    assert "orgs_organization" in tables and "reviews_organization" not in tables
