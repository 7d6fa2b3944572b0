"""Playwright in Debian's Chromium (no browser download: agencies and CI have no internet)."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def logged_in(page, live_server):
    """Log in through the real form (and the real TOTP step for privileged roles)."""

    def _login(username: str, password: str, *, totp_user=None):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        if totp_user is not None:
            from django_otp.oath import totp
            from django_otp.plugins.otp_totp.models import TOTPDevice

            page.wait_for_url("**/accounts/2fa/**")
            device = TOTPDevice.objects.get(user=totp_user)
            page.get_by_label("Mã xác thực 6 chữ số").fill(f"{totp(device.bin_key):06d}")
            page.get_by_role("button", name="Xác nhận").click()
        return page

    return _login
