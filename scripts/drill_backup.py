"""Backup and restore drill for both databases, verified table by table.

    scripts/with-postgres.sh .venv/bin/python scripts/drill_backup.py                 # PostgreSQL
    DATABASE_URL=sqlite:///var/drill.sqlite3 .venv/bin/python scripts/drill_backup.py  # SQLite

The database is migrated and, when it holds no person yet, filled with `tdkt demo load --people DRILL_PEOPLE`
(default 400). Then:

- PostgreSQL: `pg_dump -Fc` of the database, `createdb` of a new one, `pg_restore` into it;
- SQLite: the online backup API (`sqlite3.Connection.backup`) into a new file, while a writer thread keeps
  writing rows to a scratch table of the live database (what a backup during working hours sees);

and every table of the copy is compared with the original: the row count and a checksum of its rows
(PostgreSQL: md5 over the sorted md5 of each row's text; SQLite: sha256 over the sorted rows). The scratch
table of the SQLite drill is compared as of the backup: its copy must hold a prefix of what was written.
Exit status 1 on any difference. The copy is removed afterwards (DRILL_KEEP=1 keeps it).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
PEOPLE = os.environ.get("DRILL_PEOPLE", "400")
KEEP = os.environ.get("DRILL_KEEP") == "1"


def fill() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tdkt.org.models import Person

    call_command("migrate", verbosity=0)
    if not Person.objects.exists():
        t0 = time.perf_counter()
        call_command("demo", "load", "--people", PEOPLE, stdout=open(os.devnull, "w"))
        print(f"demo load --people {PEOPLE}: {time.perf_counter() - t0:.0f} s")
    connection.close()


def pg_tables(url: str) -> dict[str, tuple[int, str]]:
    import psycopg

    out = {}
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        for (name,) in cur.fetchall():
            cur.execute(
                f"SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), '')) "
                f'FROM (SELECT md5(t::text) AS h FROM "{name}" t) rows'
            )
            out[name] = tuple(cur.fetchone())
    return out


def pg_drill(url: str) -> tuple[dict, dict, dict]:
    pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name.split(".")[0]))[
        -1
    ]
    parts = urlsplit(url)
    copy_name = parts.path.lstrip("/") + "_restore"
    copy_url = urlunsplit(parts._replace(path="/" + copy_name))
    dump = Path(tempfile.mkdtemp(prefix="tdkt-drill-")) / "tdkt.dump"
    timings = {}
    t0 = time.perf_counter()
    subprocess.run([pgbin / "pg_dump", "-Fc", "-d", url, "-f", dump], check=True)
    timings["pg_dump -Fc"] = time.perf_counter() - t0
    conn = ["-h", parts.hostname, "-p", str(parts.port), "-U", parts.username]
    subprocess.run([pgbin / "dropdb", "--if-exists", *conn, copy_name], check=True)
    subprocess.run(
        [pgbin / "createdb", "-h", parts.hostname, "-p", str(parts.port), "-U", parts.username, copy_name],
        check=True,
    )
    t0 = time.perf_counter()
    subprocess.run([pgbin / "pg_restore", "--no-owner", "--exit-on-error", "-d", copy_url, dump], check=True)
    timings["pg_restore"] = time.perf_counter() - t0
    timings["dump size MB"] = dump.stat().st_size / 1e6
    try:
        return pg_tables(url), pg_tables(copy_url), timings
    finally:
        if not KEEP:
            subprocess.run(
                [
                    pgbin / "dropdb",
                    "-h",
                    parts.hostname,
                    "-p",
                    str(parts.port),
                    "-U",
                    parts.username,
                    copy_name,
                ],
                check=True,
            )
            shutil.rmtree(dump.parent)


def sqlite_tables(path: Path, skip: set[str] = frozenset()) -> dict[str, tuple[int, str]]:
    out = {}
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        for name in names:
            if name in skip:
                continue
            rows = sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{name}"'))
            digest = hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass")).hexdigest()
            out[name] = (len(rows), digest)
    finally:
        conn.close()
    return out


def sqlite_drill(path: Path) -> tuple[dict, dict, dict]:
    copy = path.with_name(path.stem + "-backup.sqlite3")
    copy.unlink(missing_ok=True)
    live = sqlite3.connect(path)
    live.execute("CREATE TABLE IF NOT EXISTS drill_scratch (n INTEGER PRIMARY KEY)")
    live.execute("DELETE FROM drill_scratch")
    live.commit()
    live.close()
    stop = threading.Event()
    written = []

    def writer():
        conn = sqlite3.connect(path, timeout=30)
        n = 0
        while not stop.is_set():
            n += 1
            conn.execute("INSERT INTO drill_scratch (n) VALUES (?)", (n,))
            conn.commit()
            written.append(n)
            time.sleep(0.001)
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    time.sleep(0.3)
    timings = {}
    t0 = time.perf_counter()
    source = sqlite3.connect(path, timeout=30)
    target = sqlite3.connect(copy)
    source.backup(target, pages=256, sleep=0.001)  # online: the writer goes on between steps
    target.close()
    source.close()
    timings["online backup"] = time.perf_counter() - t0
    stop.set()
    thread.join()
    timings["rows written during the drill"] = len(written)
    timings["file size MB"] = copy.stat().st_size / 1e6
    scratch = [r[0] for r in sqlite3.connect(copy).execute("SELECT n FROM drill_scratch ORDER BY n")]
    timings["scratch rows in the copy (a prefix of those written)"] = len(scratch)
    assert scratch == list(range(1, len(scratch) + 1)), "the copy's scratch rows are not a prefix"
    try:
        return sqlite_tables(path, {"drill_scratch"}), sqlite_tables(copy, {"drill_scratch"}), timings
    finally:
        conn = sqlite3.connect(path)
        conn.execute("DROP TABLE drill_scratch")
        conn.commit()
        conn.close()
        if not KEEP:
            copy.unlink()


def main() -> int:
    fill()
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        vendor, (original, restored, timings) = "PostgreSQL", pg_drill(url)
    else:
        from django.conf import settings

        path = Path(settings.DATABASES["default"]["NAME"])
        vendor, (original, restored, timings) = "SQLite", sqlite_drill(path)
    differ = [t for t in original if original[t] != restored.get(t)]
    missing = sorted(set(original) ^ set(restored))
    print(f"{vendor}: {len(original)} tables, {sum(c for c, _ in original.values()):,} rows compared")
    for key, value in timings.items():
        print(f"  {key}: {value:.2f}" if isinstance(value, float) else f"  {key}: {value:,}")
    for t in differ[:10]:
        print(f"  DIFFERS {t}: {original[t]} → {restored.get(t)}")
    for t in missing:
        print(f"  ONLY ON ONE SIDE {t}")
    ok = not differ and not missing
    print("OK: every table has the same rows" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
