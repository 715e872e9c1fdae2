# The two tables take the orgs app's names; the content types follow, so that permissions and the admin's log
# keep pointing at the same models.

from django.db import migrations


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in ("organization", "role"):
        if not ContentType.objects.using(db).filter(app_label="orgs", model=model).exists():
            ContentType.objects.using(db).filter(app_label="reviews", model=model).update(app_label="orgs")


def back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(app_label="orgs", model__in=["organization", "role"]).update(app_label="reviews")


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0001_initial"),
        ("reviews", "0002_organizations_move_to_orgs"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="organization", table=None),
        migrations.AlterModelTable(name="role", table=None),
        migrations.RunPython(move_content_types, back),
    ]
