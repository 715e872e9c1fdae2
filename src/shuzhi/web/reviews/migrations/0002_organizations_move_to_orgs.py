# The organization tree and the roles now belong to the orgs app: the reviews app's foreign keys point there and
# its own copies of the two models leave its state. No table changes here (orgs 0002 renames them).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0001_initial"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="upload", name="organization",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="uploads", to="orgs.organization", verbose_name="党组织"),
                ),
                migrations.AlterField(
                    model_name="sourcefile", name="organization",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="files", to="orgs.organization", verbose_name="党组织"),
                ),
                migrations.AlterField(
                    model_name="report", name="organization",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="reports", to="orgs.organization", verbose_name="党组织"),
                ),
                migrations.DeleteModel(name="Role"),
                migrations.DeleteModel(name="Organization"),
            ],
            database_operations=[],
        ),
    ]
