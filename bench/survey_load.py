"""Load test of the public survey form: N enterprises answer at the same time against a live server.

    scripts/with-postgres.sh .venv/bin/python bench/survey_load.py          # 200 respondents
    BENCH_RESPONDENTS=50 .venv/bin/python bench/survey_load.py             # SQLite file in var/, quick

The script migrates the database, creates an open survey with two Chi cục and N invitations (links issued in
memory), starts gunicorn on a free port, then runs N threads released together by a barrier. Each respondent,
with its own cookies, does what a phone does: open the link (GET), pick a Chi cục (POST → GET), save half the
answers (POST → GET), submit everything (POST → GET). Every request's status and time is recorded.

It then checks the database: every respondent has exactly one submitted response with an answer to every
question (0 lost answers), and prints the error count and latency percentiles; with BENCH_DOC set (default
docs/performance.md) it replaces the section "Public survey form (issue 18)".
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-survey.sqlite3'}")
N = int(os.environ.get("BENCH_RESPONDENTS", "200"))
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "8"))
DOC = os.environ.get("BENCH_DOC", str(ROOT / "docs" / "performance.md"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="lock_version" value="(\d+)"')
BRANCH_LINK = re.compile(r"/khao-sat/[^/]+/chi-cuc/(\d+)/")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup():
    import django

    django.setup()
    from datetime import date

    from django.core.management import call_command

    from tdkt.org import services as org
    from tdkt.org.models import Unit, UnitKind
    from tdkt.surveys import services
    from tdkt.surveys.models import Question, Survey

    call_command("migrate", verbosity=0)
    Survey.objects.filter(unit__code="BENCH").delete()
    unit = Unit.objects.filter(code="BENCH").first() or org.create_unit(
        code="BENCH",
        name="Cục Hải quan (thử tải)",
        kind=UnitKind.DEPARTMENT,
        parent=None,
        valid_from=date(2000, 1, 1),
    )
    branches = [
        Unit.objects.filter(code=f"BENCH-B{i}").first()
        or org.create_unit(
            code=f"BENCH-B{i}", name=f"Chi cục thử tải {i}", kind=UnitKind.SUB_DEPARTMENT, parent=unit,
            valid_from=date(2000, 1, 1),
        )
        for i in (1, 2)
    ]  # fmt: skip
    survey = services.create_survey(unit=unit, year=2030, title="Thử tải khảo sát", branches=branches)
    survey = services.open_survey(survey=survey, expected_version=survey.lock_version)
    invitations = [
        services.add_invitation(survey=survey, tax_code=f"99{i:08d}", enterprise_name=f"Doanh nghiệp {i}")
        for i in range(N)
    ]
    tokens = [token for _inv, token in services.issue_links(invitations=invitations)]
    questions = []
    for q in survey.questions.prefetch_related("choices"):
        if q.kind == Question.Kind.SCALE:
            questions.append((f"q{q.pk}", "4"))
        elif q.kind == Question.Kind.CHOICE:
            questions.append((f"q{q.pk}", str(q.choices.all()[0].pk)))
        else:
            questions.append((f"q{q.pk}", "Góp ý thử tải"))
    return survey, [b.pk for b in survey.branches.order_by("order")], tokens, questions


class Respondent(threading.Thread):
    def __init__(self, base, token, branch_id, questions, barrier, timings, errors):
        super().__init__(daemon=True)
        self.base, self.token, self.branch_id, self.questions = base, token, branch_id, questions
        self.barrier, self.timings, self.errors = barrier, timings, errors
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def _call(self, url, data=None, referer=None):
        body = None if data is None else urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(url, data=body)
        if referer:
            request.add_header("Referer", referer)
            request.add_header("Origin", self.base)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                html = response.read().decode()
                status, final = response.status, response.url
        except urllib.error.HTTPError as exc:
            status, html, final = exc.code, exc.read().decode(errors="replace"), url
        except Exception as exc:  # connection refused, timeout…
            status, html, final = 0, repr(exc), url
        self.timings.append(time.perf_counter() - started)
        if status != 200:
            self.errors.append(f"{status} {url}")
        return html, final

    def run(self):
        link = f"{self.base}/khao-sat/{self.token}/"
        self.barrier.wait()
        html, _ = self._call(link)
        token = CSRF.search(html)
        if not token:
            self.errors.append(f"no form at {link}")
            return
        html, page = self._call(link, {"csrfmiddlewaretoken": token[1], "branch": [self.branch_id]}, link)
        half = self.questions[: len(self.questions) // 2]
        for submit, answers in ((False, half), (True, self.questions)):
            csrf, version = CSRF.search(html), VERSION.search(html)
            if not (csrf and version):
                self.errors.append(f"no answer form at {page}")
                return
            data = {
                "csrfmiddlewaretoken": csrf[1],
                "lock_version": version[1],
                "action": "submit" if submit else "save",
            }
            data.update(dict(answers))
            html, page = self._call(page, data, page)


def main() -> None:
    survey, branch_ids, tokens, questions = setup()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "STATIC_MANIFEST": "false",
        "SURVEY_RATE_POSTS": str(10 * N),
        "SURVEY_RATE_MISSES": str(10 * N),
        "AXES_ENABLED": "false",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(WORKERS),
         "--threads", str(THREADS), "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        barrier = threading.Barrier(N)
        timings: list[float] = []
        errors: list[str] = []
        threads = [
            Respondent(base, token, branch_ids[i % 2], questions, barrier, timings, errors)
            for i, token in enumerate(tokens)
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    report(survey, timings, errors, wall, questions)


def report(survey, timings, errors, wall, questions) -> None:
    from django.db import connection

    from tdkt.surveys.models import Answer, SurveyResponse

    submitted = SurveyResponse.objects.filter(survey=survey, status="submitted").count()
    answers = Answer.objects.filter(response__survey=survey, response__status="submitted").count()
    expected = N * len(questions)
    lost = expected - answers
    ordered = sorted(timings)

    def pct(p):
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    vendor = connection.vendor
    line = (
        f"| {N} | {len(timings)} | {len(errors)} | {submitted}/{N} | {lost} | {pct(50):.0f} ms | {pct(95):.0f} ms | "
        f"{pct(99):.0f} ms | {wall:.1f} s | {vendor}, gunicorn {WORKERS}×{THREADS} | {os.cpu_count()} CPU, load "
        f"{os.getloadavg()[0]:.1f} |"
    )
    print(
        f"respondents {N}, requests {len(timings)}, errors {len(errors)}, submitted {submitted}, lost answers {lost}"
    )
    print(
        f"p50 {pct(50):.0f} ms, p95 {pct(95):.0f} ms, p99 {pct(99):.0f} ms, mean {statistics.fmean(timings) * 1000:.0f} ms"
    )
    for e in errors[:10]:
        print("  ", e)
    if DOC:
        _write_doc(line)
    if errors or lost or submitted != N:
        sys.exit(1)


SECTION = "## Public survey form (issue 18)"


def _write_doc(line: str) -> None:
    path = Path(DOC)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    body = (
        f"{SECTION}\n\n"
        "`bench/survey_load.py` starts gunicorn and releases N respondents at once (one thread each, own cookies). "
        "Each opens its link, picks a Chi cục, saves half the answers, then submits all of them: one GET and three "
        "POSTs, each POST timed together with the GET of its redirect (4 timed requests per respondent). Afterwards the database must hold "
        'one submitted response per respondent with an answer to every question ("lost" counts missing answers). '
        "Rate limits are raised for the run (every respondent comes from 127.0.0.1). The 200 client threads run on "
        "the same machine as the server.\n\n"
        "| Respondents | Requests | Errors | Submitted | Lost answers | p50 | p95 | p99 | Wall time | Server | Machine |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n"
        f"{line}\n"
    )
    if SECTION in text:
        start = text.index(SECTION)
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + body + ("" if end == -1 else text[end:])
    else:
        text = text.rstrip("\n") + "\n\n" + body
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
