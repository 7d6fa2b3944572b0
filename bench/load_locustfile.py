"""Locust users of the year-end load (`bench/load.py` prepares the data and runs this file; see its docstring).

The plan (accounts, ids) comes from the JSON file named by LOAD_PLAN. Every request is named after its page
so that locust's statistics give p50/p95/p99 per page; "minimal: log-in page" is the reference page.
A write counts as a success only when the server answered as it does on success; `bench/load.py` then checks
the database for exactly those writes (0 lost, 0 duplicated).
"""

from __future__ import annotations

import json
import os
import random
import re

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())
PASSWORD = PLAN["password"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_next = {"officer": 0, "staff": 0, "council": 0, "clerk": 0}


def _account(kind: str) -> str:
    accounts = PLAN[kind]
    i = _next[kind] % len(accounts)
    _next[kind] += 1
    return accounts[i]


class _LoggedIn(HttpUser):
    abstract = True
    kind = ""
    wait_time = between(1, 3)

    def on_start(self):
        self.username = _account(self.kind)
        page = self.client.get("/accounts/login/", name="minimal: log-in page")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            "/accounts/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="log in",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"log-in refused for {self.username}")

    def mine(self, key: str) -> list[int]:
        """`PLAN[key]`, or on the national set the list of the officer's own unit (`<key>_by_unit`)."""
        unit = PLAN.get("officer_units", {}).get(self.username)
        return PLAN.get(f"{key}_by_unit", {}).get(str(unit)) or PLAN[key]

    def csrf(self, html: str) -> str:
        match = CSRF.search(html)
        return match.group(1) if match else ""

    def post(self, url, data, name, ok):
        """POST with the CSRF token; a failure unless `ok(response)`."""
        data = {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""), **data}
        with self.client.post(
            url, data=data, name=name, catch_response=True, headers={"Referer": self.host}
        ) as r:
            if r.status_code >= 400 or not ok(r):
                r.failure(f"{r.status_code} {r.url}")
            return r


class Officer(_LoggedIn):
    """Cán bộ TĐKT preparing dossiers: lists, people, candidates; creates draft proposals."""

    kind = "officer"
    weight = 3

    @task(3)
    def proposals(self):
        self.client.get("/proposals/", name="proposals: list")

    @task(2)
    def proposal(self):
        self.client.get(f"/proposals/{random.choice(self.mine('proposals'))}/", name="proposals: detail")

    @task(3)
    def people(self):
        self.client.get(
            "/people/", params={"q": random.choice(["nguyen", "tran", "le", "pham"])}, name="people: search"
        )

    @task(2)
    def person(self):
        self.client.get(f"/people/{random.choice(self.mine('people'))}/", name="people: person page")

    @task(1)
    def stats(self):
        self.client.get("/reports/", name="reports: statistics")

    @task(1)
    def create(self):
        page = self.client.get("/proposals/new/", name="proposals: new form")
        token = self.csrf(page.text)
        self.post(
            "/proposals/new/",
            {
                "title": f"Đề nghị khen thưởng (tải) {self.username}",
                "proposing_unit": PLAN.get("officer_units", {}).get(self.username, PLAN["officer_unit"]),
                "award_kind": PLAN["award_kind"],
                "year": 2025,
                "track": "cong_trang",
                "csrfmiddlewaretoken": token,
            },
            "proposals: create (write)",
            lambda r: re.search(r"/proposals/\d+/$", r.url) is not None,
        )


class Council(_LoggedIn):
    """Council members: their open ballots, and a vote on each (one vote per member, whoever else tries)."""

    kind = "council"
    weight = 1

    @task(3)
    def ballots(self):
        self.client.get("/councils/my-ballots/", name="councils: my ballots")

    @task(1)
    def vote(self):
        page = self.client.get("/councils/my-ballots/", name="councils: my ballots")
        ballot = random.choice(PLAN["ballots"])
        with self.client.post(
            f"/councils/ballots/{ballot}/vote/",
            data={"choice": "yes", "confirmed": "on", "csrfmiddlewaretoken": self.csrf(page.text)},
            headers={"HX-Request": "true", "Referer": self.host},
            name="councils: vote (write)",
            catch_response=True,
        ) as r:
            if r.status_code >= 400:  # a second vote is refused with a message (200), never an error
                r.failure(f"{r.status_code}")


class Staff(_LoggedIn):
    """Staff reading their own history."""

    kind = "staff"
    weight = 4

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(4)
    def history(self):
        self.client.get(f"/people/{PLAN['staff_person'][self.username]}/", name="people: own history")


class Clerk(_LoggedIn):
    """The office's batch work: award import checks (dry run) and certificate batches."""

    kind = "clerk"
    weight = 1
    wait_time = between(5, 15)

    @task(2)
    def import_check(self):
        page = self.client.get("/awards/import/", name="awards: import page")
        with open(PLAN["import_file"], "rb") as fh:
            with self.client.post(
                "/awards/import/",
                data={"csrfmiddlewaretoken": self.csrf(page.text)},
                files={"file": ("khen-thuong.xlsx", fh.read())},
                headers={"Referer": self.host},
                name="awards: import check (dry run)",
                catch_response=True,
            ) as r:
                if r.status_code >= 400:
                    r.failure(f"{r.status_code}")

    @task(1)
    def certificates(self):
        decision = PLAN["decision"]
        page = self.client.get(f"/decisions/{decision}/certificates/", name="certificates: page")
        self.post(
            f"/decisions/{decision}/certificates/start/",
            {"csrfmiddlewaretoken": self.csrf(page.text)},
            "certificates: start batch (write)",
            lambda r: "/decisions/certificates/" in r.url,
        )


class Anonymous(HttpUser):
    """The reference: the minimal page of the app, asked in the same run."""

    weight = 1
    wait_time = between(1, 2)

    @task
    def minimal(self):
        self.client.get("/accounts/login/", name="minimal: log-in page")
