"""The unit candidates page for a unit of 3,000 people, against a minimal page of the app (issue 14).

    scripts/with-postgres.sh .venv/bin/python bench/candidates_page.py
    BENCH_CANDIDATES_PEOPLE=3000 BENCH_ROUNDS=5 …

Generates BENCH_CANDIDATES_PEOPLE people (bench/generate.py; all under the generated ministry, the unit
measured), then times, through Django's test client as an administrator: the log-in page (the minimal page)
and `/eligibility/units/<id>/candidates/` with its default filter (one title at the unit's own level, first
page). Reports the median of BENCH_ROUNDS rounds, the ratio (target: under 10) and the page size, and
updates the section "Unit candidates page (issue 14)" of docs/performance.md (BENCH_DOC, empty to skip).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("REQUIRE_2FA", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
HEADING = "## Unit candidates page (issue 14)"


def _median(client, url: str, rounds: int) -> tuple[float, int]:
    client.get(url)  # warm: imports, first queries
    times, size = [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content)
    return statistics.median(times), size


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.certificates import update_doc
    from bench.generate import STAFF_PREFIX, generate
    from tdkt.core.text import format_decimal, format_number
    from tdkt.org.models import Person, Unit

    settings.ALLOWED_HOSTS = ["*"]
    n = int(os.environ.get("BENCH_CANDIDATES_PEOPLE", "3000"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    call_command("migrate", verbosity=0, interactive=False)
    if Person.objects.filter(staff_code__startswith=STAFF_PREFIX).count() != n:
        generate(n, log=lambda *_: None)
    unit = Unit.objects.get(code="BENCH")
    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(admin)
    minimal, minimal_size = _median(Client(), "/accounts/login/", rounds)  # anonymous: the form itself
    page, page_size = _median(client, f"/eligibility/units/{unit.pk}/candidates/", rounds)
    ratio = page / minimal
    lines = [
        HEADING,
        "",
        f"`bench/candidates_page.py` on {connection.vendor}, {format_number(n)} people under the unit, median of {rounds} "
        "rounds through the test client (no network):",
        "",
        "| Page | Time | Size |",
        "|---|---|---|",
        f"| log-in page (minimal) | {minimal * 1000:.1f} ms | {minimal_size / 1024:.1f} KiB |",
        f"| candidates, default filter, first page | {page * 1000:.1f} ms | {page_size / 1024:.1f} KiB |",
        "",
        f"Ratio {format_decimal(ratio, 1)} × (target: under 10 ×).",
        "",
    ]
    block = "\n".join(lines)
    print(block)
    doc = os.environ.get("BENCH_DOC", str(ROOT / "docs" / "performance.md"))
    if doc:
        update_doc(Path(doc), block)
    return 0 if ratio < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
