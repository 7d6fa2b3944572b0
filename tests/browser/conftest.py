"""Playwright in Debian's Chromium (no browser download: agencies and CI have no internet)."""

import base64
import os
import shutil
from dataclasses import dataclass, field

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000  # generous for a loaded CI machine; expect() returns as soon as the condition holds
PASSWORD = "mat-khau-Thu-nghiem-2026"
RED_NAVBAR = "rgb(164, 22, 26)"  # --tdkt-red of static/css/app.css


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1280, "height": 800}}


_warmed: set[str] = set()


@pytest.fixture
def _warm_live_server(live_server, _fast_hashing):
    """Serve one page before the browser asks, once per server: the first request imports every app's
    views (WeasyPrint, openpyxl …), which on a busy two-core machine can outlast a navigation timeout."""
    import urllib.request

    if live_server.url not in _warmed:
        with urllib.request.urlopen(f"{live_server.url}/accounts/login/", timeout=180) as response:
            assert response.status == 200
        _warmed.add(live_server.url)


@pytest.fixture(autouse=True)
def _expect_timeout(page, _warm_live_server):
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(2 * TIMEOUT_MS)


OFFICER_ENROLMENT_CODE = "canbohq2026"  # the `officer` fixture's one-time enrolment code


def totp_code(secret_b32: str) -> str:
    """The current 6-digit code of a base32 secret, as an authenticator app would show it."""
    from django_otp.oath import totp

    return f"{totp(base64.b32decode(secret_b32)):06d}"


@pytest.fixture
def logged_in(page, live_server):
    """Log in through the real form (and the real TOTP step for privileged roles).

    On the set-up page the code is computed from the secret shown on the page (`#totp-secret`), as a
    user would type it into an authenticator app; on the verify page, from the device in the database.
    """

    def _login(username: str, password: str, *, totp_user=None):
        enrolment_code = None
        if totp_user is not None:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            from tdkt.portal import services

            if not TOTPDevice.objects.filter(user=totp_user, confirmed=True).exists():
                # as an administrator would (`tdkt issue_second_factor`): the one-time code goes to the user
                enrolment_code = services.issue_enrolment(user=totp_user)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        if totp_user is not None:
            page.wait_for_url("**/accounts/2fa/**")
            secret = page.locator("#totp-secret")
            if secret.count():
                page.get_by_label("Mã đăng ký một lần").fill(enrolment_code)
                code = totp_code(secret.inner_text().strip())
            else:
                from django_otp.oath import totp
                from django_otp.plugins.otp_totp.models import TOTPDevice

                device = TOTPDevice.objects.get(user=totp_user, confirmed=True)
                code = f"{totp(device.bin_key):06d}"
            page.get_by_label("Mã xác thực 6 chữ số").fill(code)
            page.get_by_role("button", name="Xác nhận").click()
            page.wait_for_url(lambda url: "/accounts/" not in url)
        return page

    return _login


@dataclass
class BrowserLog:
    """What the page reported: console errors, uncaught exceptions, every request's URL."""

    origin: str
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m or "Content-Security-Policy" in m]

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.origin + "/") or u.startswith("data:"))]

    def assert_clean(self) -> None:
        assert self.csp_violations() == [], self.csp_violations()
        assert self.errors == [], self.errors
        assert self.console == [], self.console
        assert self.foreign_requests() == [], self.foreign_requests()


@pytest.fixture
def browser_log(page, live_server):
    """Record the console, JS errors and requests of `page` from now on."""
    log = BrowserLog(origin=live_server.url)
    page.on(
        "console", lambda msg: log.console.append(f"{msg.type}: {msg.text}") if msg.type == "error" else None
    )
    page.on("pageerror", lambda exc: log.errors.append(str(exc)))
    page.on("request", lambda request: log.requests.append(request.url))
    return log


RESTRUCTURE_DAY = (2025, 3, 1)


@pytest.fixture
def customs(transactional_db):
    """A small customs tree before and after 01/03/2025, built through the services.

    Before: Tổng cục Hải quan → Cục Hải quan Lạng Sơn → Chi cục Hải quan cửa khẩu Hữu Nghị, and
    Tổng cục Hải quan → Cục Hải quan Cao Bằng. On 01/03/2025 Tổng cục Hải quan is renamed Cục Hải quan and
    the two provincial departments merge into the new Chi cục Hải quan khu vực VI, their Chi cục into
    Hải quan cửa khẩu quốc tế Hữu Nghị under it (as the demo does). Six people work in the Chi cục since 2020.
    """
    from datetime import date

    from tdkt.org import services
    from tdkt.org.models import UnitKind as K
    from tdkt.org.services import NewUnit

    hq = services.create_unit(
        code="HQ",
        name="Tổng cục Hải quan",
        short_name="TCHQ",
        kind=K.GENERAL_DEPARTMENT,
        parent=None,
        valid_from=date(1984, 10, 20),
    )
    langson = services.create_unit(
        code="HQ15", name="Cục Hải quan Lạng Sơn", kind=K.DEPARTMENT, parent=hq, valid_from=date(1990, 1, 1)
    )
    huunghi = services.create_unit(
        code="HQ15B1",
        name="Chi cục Hải quan cửa khẩu Hữu Nghị",
        kind=K.SUB_DEPARTMENT,
        parent=langson,
        valid_from=date(1992, 1, 1),
    )
    caobang = services.create_unit(
        code="HQ11", name="Cục Hải quan Cao Bằng", kind=K.DEPARTMENT, parent=hq, valid_from=date(1990, 1, 1)
    )
    people = {}
    for family, middle, given, gender, born, code in [
        ("Trần", "Thị", "Bình", "nu", date(1990, 9, 2), "HQ000002"),
        ("Nguyễn", "Văn", "An", "nam", date(1985, 4, 12), "HQ000001"),
        ("Vũ", "Thị", "Yến", "nu", date(1993, 1, 30), "HQ000006"),
        ("Đặng", "Thị", "Hoa", "nu", date(1988, 7, 5), "HQ000004"),
        ("Phạm", "Minh", "Đức", "nam", date(1979, 11, 20), "HQ000005"),
        ("Lê", "Văn", "Cường", "nam", date(1982, 3, 15), "HQ000003"),
    ]:
        people[given] = services.create_person(
            family_name=family,
            middle_name=middle,
            given_name=given,
            gender=gender,
            date_of_birth=born,
            staff_code=code,
            unit=huunghi,
            since=date(2020, 1, 1),
        )
    day = date(*RESTRUCTURE_DAY)
    decision = "382/QĐ-BTC"
    services.rename_unit(unit=hq, name="Cục Hải quan", short_name="CHQ", on=day, decision=decision)
    region = services.create_unit(
        code="HQKV6",
        name="Chi cục Hải quan khu vực VI",
        short_name="KV VI",
        kind=K.SUB_DEPARTMENT,
        parent=hq,
        valid_from=day,
        decision=decision,
        record_event=False,
    )
    border = services.merge_units(
        units=[huunghi],
        parent=region,
        on=day,
        decision=decision,
        into=NewUnit(code="HQKV6-01", name="Hải quan cửa khẩu quốc tế Hữu Nghị", kind=K.BORDER_OFFICE),
    )
    services.merge_units(units=[langson, caobang], into=region, parent=hq, on=day, decision=decision)
    return type(
        "Customs",
        (),
        {
            "hq": hq,
            "langson": langson,
            "caobang": caobang,
            "huunghi": huunghi,
            "region": region,
            "border": border,
            "people": people,
        },
    )


@pytest.fixture
def officer(customs):
    """Cán bộ TĐKT on the department (Tổng cục Hải quan, now Cục Hải quan), no second factor yet: an
    enrolment issued with the one-time code `OFFICER_ENROLMENT_CODE`."""
    from django.contrib.auth.models import User

    from tdkt.org import services
    from tdkt.portal import services as portal_services

    user = User.objects.create_user(
        username="canbo.hq", password=PASSWORD, first_name="Hoa", last_name="Đỗ Thị"
    )
    services.assign_role(user=user, role="officer", unit=customs.hq)
    portal_services.issue_enrolment(user=user, code=OFFICER_ENROLMENT_CODE)  # handed out with the account
    return user
