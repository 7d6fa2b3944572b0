"""The unit candidates page for a unit of 3,000 people, against a minimal page of the app (issue 14).

    scripts/with-postgres.sh .venv/bin/python bench/candidates_page.py
    BENCH_CANDIDATES_PEOPLE=3000 BENCH_ROUNDS=5 …

Generates BENCH_CANDIDATES_PEOPLE people (bench/generate.py; all under the generated ministry, the unit
measured), then times, through Django's test client as an administrator: the log-in page (the minimal page)
and `/eligibility/units/<id>/candidates/` with its default filter (one title at the unit's own level, first
page), for the default review year and for the last generated year: judged in the request (the stored
verdicts deleted before each round: the first request after a change) and from the stored verdicts. Reports the median of BENCH_ROUNDS rounds, the ratio (target: under 10) and the page size, and
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


def _median(client, url: str, rounds: int, before=None) -> tuple[float, int]:
    client.get(url)  # warm: imports, first queries
    times, size = [], 0
    for _ in range(rounds):
        if before:
            before()
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content)
    return statistics.median(times), size


def _paired(pages: list[tuple], rounds: int) -> list[tuple[float, int]]:
    """The median time and the size of each (client, url), measured in turn within every round, so that
    the load of a shared machine weighs on all of them alike."""
    for client, url in pages:
        client.get(url)  # warm
    times: list[list[float]] = [[] for _ in pages]
    sizes = [0] * len(pages)
    for _ in range(rounds):
        for i, (client, url) in enumerate(pages):
            start = time.perf_counter()
            response = client.get(url)
            times[i].append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
            sizes[i] = len(response.content)
    return [(statistics.median(t), size) for t, size in zip(times, sizes, strict=True)]


def update_doc(path: Path, block: str) -> None:
    """Replace this benchmark's section (its heading is the block's first line) or append it.
    (`bench.certificates.update_doc` looks for the certificates' heading whatever the block.)"""
    heading = block.splitlines()[0]
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    start = text.find(heading)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + block
    else:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + block + (text[end:] if end >= 0 else "")
    path.write_text(text, encoding="utf-8")


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.generate import STAFF_PREFIX, YEARS, generate
    from tdkt.core.text import format_decimal, format_number
    from tdkt.org.models import Person, Unit
    from tdkt.rules.models import CandidateSnapshot

    settings.ALLOWED_HOSTS = ["*"]
    n = int(os.environ.get("BENCH_CANDIDATES_PEOPLE", "3000"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "15"))
    call_command("migrate", verbosity=0, interactive=False)
    if Person.objects.filter(staff_code__startswith=STAFF_PREFIX).count() != n:
        generate(n, log=lambda *_: None)
    unit = Unit.objects.get(code="BENCH")
    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(admin)
    url = f"/eligibility/units/{unit.pk}/candidates/"
    # judged in the request (nothing stored yet, or the facts changed since): the page as it was before
    # the verdicts were stored, plus writing them
    cold_rounds = max(1, min(rounds, 5))
    cold, cold_size = _median(client, url, cold_rounds, before=CandidateSnapshot.objects.all().delete)
    # the last generated year: ratings and titles to judge, so the page mixes eligible and not
    last = f"{url}?year={max(YEARS)}"
    cold_last, _size = _median(
        client, last, cold_rounds, before=CandidateSnapshot.objects.filter(year=max(YEARS)).delete
    )
    # from the stored verdicts, each round timing the minimal page and the three pages in turn
    (minimal, minimal_size), (page, page_size), (later, later_size), (page_last, page_last_size) = _paired(
        [(Client(), "/accounts/login/"), (client, url), (client, url + "?page=20"), (client, last)], rounds
    )
    assert CandidateSnapshot.objects.count() == 2
    ratio = max(page, page_last) / minimal
    lines = [
        HEADING,
        "",
        f"`bench/candidates_page.py` on {connection.vendor}, {format_number(n)} people under the unit, through the "
        f"test client (no network); median of {rounds} rounds, each timing the log-in page and the three stored "
        f"pages in turn ({cold_rounds} rounds for the pages judged in the request):",
        "",
        "| Page | Time | Size |",
        "|---|---|---|",
        f"| log-in page (minimal) | {minimal * 1000:.1f} ms | {minimal_size / 1024:.1f} KiB |",
        f"| candidates, judged in the request and stored (first request after a change) | {cold * 1000:.1f} ms "
        f"| {cold_size / 1024:.1f} KiB |",
        f"| candidates, default filter, first page, from the stored verdicts | {page * 1000:.1f} ms "
        f"| {page_size / 1024:.1f} KiB |",
        f"| candidates, page 20, from the stored verdicts | {later * 1000:.1f} ms | {later_size / 1024:.1f} KiB |",
        f"| candidates, review year {max(YEARS)}, judged in the request and stored | {cold_last * 1000:.1f} ms "
        "| |",
        f"| candidates, review year {max(YEARS)}, from the stored verdicts | {page_last * 1000:.1f} ms "
        f"| {page_last_size / 1024:.1f} KiB |",
        "",
        f"Ratio {format_decimal(ratio, 1)} × for the slower of the two stored pages (target: under 10 ×); "
        f"judged in the request {format_decimal(cold / minimal, 1)} × and "
        f"{format_decimal(cold_last / minimal, 1)} ×.",
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
