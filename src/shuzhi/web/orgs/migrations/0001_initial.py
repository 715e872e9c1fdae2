# The organization tree and the roles move here from the reviews app. Their tables already exist (made by
# reviews 0001), so this only tells Django's state where the models now live; 0002 renames the tables.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("reviews", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Organization",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, verbose_name="名称")),
                        ("kind", models.CharField(choices=[("committee", "党委"), ("general_branch", "党总支"), ("branch", "党支部")], max_length=20, verbose_name="类型")),
                        ("path", models.CharField(db_index=True, default="", editable=False, max_length=400, verbose_name="路径")),
                        ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="children", to="orgs.organization", verbose_name="上级组织")),
                    ],
                    options={"verbose_name": "党组织", "verbose_name_plural": "党组织", "ordering": ["path"], "db_table": "reviews_organization"},
                ),
                migrations.CreateModel(
                    name="Role",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("reviewer", "审读人（本组织及下级）"), ("secretary", "书记（本组织）")], max_length=20, verbose_name="角色")),
                        ("organization", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="roles", to="orgs.organization", verbose_name="党组织")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="roles", to=settings.AUTH_USER_MODEL, verbose_name="用户")),
                    ],
                    options={
                        "verbose_name": "角色", "verbose_name_plural": "角色", "db_table": "reviews_role",
                        "constraints": [models.UniqueConstraint(fields=("user", "organization", "kind"), name="unique_role")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
