"""Benchmark: print the certificates of a decision with N lines (default 1,000) through the background job.

Runs the real job (`tdkt.decisions.tasks.generate_certificates`) on a throw-away SQLite database (or the
database of DATABASE_URL if set), checks the PDF has N pages, and writes the figure to the
"Certificates (PDF)" section of docs/performance.md.

    .venv/bin/python bench/certificates.py            # N = 1,000
    BENCH_CERTIFICATES=200 .venv/bin/python bench/certificates.py
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
_tmp = tempfile.mkdtemp(prefix="tdkt-bench-cert-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", f"{_tmp}/media")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

HEADING = "## Certificates (PDF)"


def update_doc(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    start = text.find(HEADING)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + block
    else:
        end = text.find("\n## ", start + len(HEADING))
        after = "" if end < 0 else text[end + 1 :]
        text = text[:start] + block + ("\n" + after if after else "")
    path.write_text(text, encoding="utf-8")


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tdkt.awards.models import AwardKind
    from tdkt.decisions import certificates, tasks
    from tdkt.decisions.models import CertificateBatch, Decision, DecisionLine, Issuer
    from tdkt.org.models import Unit, UnitKind

    n = int(os.environ.get("BENCH_CERTIFICATES", "1000"))
    call_command("migrate", verbosity=0, interactive=False)
    unit, _ = Unit.objects.get_or_create(
        code="BENCH-CERT",
        defaults={
            "name": "Chi cục Hải quan khu vực I",
            "kind": UnitKind.SUB_DEPARTMENT,
            "valid_from": date(2020, 1, 1),
        },
    )
    issuer = Issuer.objects.get_or_create(
        symbol="CHQ", defaults={"name": "Cục Hải quan", "head_title": "Cục trưởng"}
    )[0]
    decision = Decision.objects.create(
        issuer=issuer,
        status=Decision.Status.ISSUED,
        number=5,
        year=2026,
        signed_on=date(2026, 1, 5),
        summary="Về việc tặng Bằng khen",
        signer_name="Nguyễn Văn Cẩn",
        signer_title="Phó Cục trưởng",
        authority=Decision.Authority.ON_BEHALF,
    )
    kind = AwardKind.objects.get(code="BK_BO")
    names = ["Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Lê Thị Ánh Tuyết", "Phạm Quốc Việt", "Đặng Ngọc Ước"]
    DecisionLine.objects.bulk_create(
        [
            DecisionLine(
                decision=decision,
                award_kind=kind,
                unit=unit,
                subject_name=f"{names[i % len(names)]} {i + 1}",
                subject_detail="Đội Kiểm soát Hải quan, Chi cục Hải quan khu vực I",
                achievement_year=2025,
                cash_amount=1_800_000,
                order=i,
            )
            for i in range(n)
        ],
        batch_size=500,
    )
    batch = CertificateBatch.objects.create(decision=decision, total=n)
    started = time.perf_counter()
    cpu = time.process_time()
    tasks.generate_certificates.call(batch.pk)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE, batch.error
    path = Path(batch.file.path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages == n, pages
    size_mb = path.stat().st_size / 1e6
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{n} certificates: {elapsed:.1f} s wall, {cpu:.1f} s CPU, {pages} pages, {size_mb:.1f} MB")

    block = "\n".join(
        [
            HEADING,
            "",
            "`bench/certificates.py` runs the background job that prints every line of a decision into one PDF "
            f"(WeasyPrint, A4 landscape, bundled Liberation Serif 2, chunks of {certificates.CHUNK} certificates, "
            "progress written after each chunk).",
            "",
            "| Certificates | Wall time | CPU time | Per certificate | Pages | PDF size | Database | Machine |",
            "|---:|---:|---:|---:|---:|---:|---|---|",
            f"| {n:,} | {elapsed:.1f} s | {cpu:.1f} s | {elapsed * 1000 / n:.0f} ms | {pages:,} | {size_mb:.1f} MB "
            f"| {connection.vendor} | {os.cpu_count()} CPU, load {load:.1f}, Python {platform.python_version()} |",
            "",
            "The job runs in the `db_worker` process started by `make run`, so the page only polls the progress "
            "(every 2 s). The tests print 120 certificates (`test_batch_prints_every_line_with_progress`).",
            "",
        ]
    )
    doc = os.environ.get("BENCH_DOC", str(ROOT / "docs" / "performance.md"))
    if doc:
        update_doc(Path(doc), block)
        print(f"written to {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
