"""Seed the issuers of Customs decisions: Cục Hải quan (QĐ-CHQ, from 1/3/2025), the former Tổng cục Hải quan
(QĐ-TCHQ, before 2025), the Ministry of Finance (QĐ-BTC) and the Prime Minister (QĐ-TTg).

Existing rows (matched by symbol) are never overwritten; administrators may edit them later."""

from django.db import migrations

ISSUERS = [
    # symbol, name, parent_name, place, head_title
    ("CHQ", "Cục Hải quan", "Bộ Tài chính", "Hà Nội", "CỤC TRƯỞNG"),
    ("TCHQ", "Tổng cục Hải quan", "Bộ Tài chính", "Hà Nội", "TỔNG CỤC TRƯỞNG"),
    ("BTC", "Bộ Tài chính", "", "Hà Nội", "BỘ TRƯỞNG"),
    ("TTg", "Thủ tướng Chính phủ", "", "Hà Nội", "THỦ TƯỚNG"),
]


def seed(apps, schema_editor):
    Issuer = apps.get_model("decisions", "Issuer")
    for symbol, name, parent_name, place, head_title in ISSUERS:
        Issuer.objects.get_or_create(
            symbol=symbol,
            defaults={"name": name, "parent_name": parent_name, "place": place, "head_title": head_title},
        )


class Migration(migrations.Migration):
    dependencies = [("decisions", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
