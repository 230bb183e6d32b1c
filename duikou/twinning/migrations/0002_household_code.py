from django.db import migrations, models


class Migration(migrations.Migration):
    """Households get a code, so files and the API can name them (there were none yet)."""

    dependencies = [("twinning", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="household",
            name="code",
            field=models.CharField(max_length=40, unique=True, verbose_name="code", default=""),
            preserve_default=False,
        ),
    ]
