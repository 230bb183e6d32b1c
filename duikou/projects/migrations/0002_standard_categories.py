from django.db import migrations

# A copy of duikou.projects.choices.STANDARD_CATEGORIES as of this migration.
CATEGORIES = [
    ("minsheng", "民生", True),
    ("chanye", "产业", False),
    ("jiaoyu", "教育", True),
    ("yiliao", "医疗卫生", True),
    ("jiuye", "就业", True),
    ("rencai", "人才", False),
    ("jiaoliu", "交往交流交融", False),
    ("jiceng", "基层组织建设", True),
    ("guihua", "规划", False),
    ("qita", "其他", False),
]


def create(apps, schema_editor):
    Category = apps.get_model("projects", "Category")
    for order, (code, name, livelihood) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            code=code,
            defaults={"name": name, "counts_as_livelihood": livelihood, "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
