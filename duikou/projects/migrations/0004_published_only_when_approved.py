"""Only projects at 批复 (approved) or later may be published: unpublish the rest, then hold it
with a check constraint."""

from django.db import migrations, models

APPROVED_OR_LATER = ["accepted", "approved", "building", "completed", "handed_over"]


def unpublish_unapproved(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    Project.objects.filter(is_published=True).exclude(status__in=APPROVED_OR_LATER).update(
        is_published=False
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("places", "0001_initial"),
        ("projects", "0003_project_is_cross_pairing"),
    ]

    operations = [
        migrations.RunPython(unpublish_unapproved, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("is_published", False), ("status__in", APPROVED_OR_LATER), _connector="OR"
                ),
                name="project_published_when_approved",
            ),
        ),
    ]
