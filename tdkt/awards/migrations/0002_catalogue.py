from django.db import migrations


def seed_catalogue(apps, schema_editor):
    from tdkt.awards.catalogue import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(seed_catalogue, migrations.RunPython.noop)]
