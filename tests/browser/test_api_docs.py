"""The API docs page in a real browser: inside the product's layout, Swagger UI renders the schema under
the strict Content-Security-Policy with no console error and nothing from outside."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_work_under_the_csp(page, live_server, officer, customs, logged_in, browser_log):
    page.goto(f"{live_server.url}/api/docs/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/api/docs/")
    logged_in("canbo.hq", PASSWORD, totp_user=officer)
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_role("heading", name="Tài liệu API")).to_be_visible()
    expect(page.locator("nav.navbar")).to_be_visible()
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("TĐKT API")
    expect(page.locator(".swagger-ui").get_by_text("/api/people/", exact=True).first).to_be_visible()
    browser_log.assert_clean()
