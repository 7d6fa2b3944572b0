"""From a dashboard card to the record behind its number, in Chromium: the TĐKT officer's "due this month"
card opens the dossiers list filtered to this month, and a dossier there opens on its own page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Đề nghị công nhận Lao động tiên tiến – Hữu Nghị"


@pytest.fixture
def due_dossier(customs, officer):
    """A draft of the border office (made by its own officer), its deadline later this month (or on the
    month's last day); the department's officer sees it in their scope."""
    from conftest import make_user
    from tdkt.awards.models import AwardKind
    from tdkt.proposals import services
    from tdkt.rules.services import default_review_year

    border_officer = make_user("canbo.huunghi", role="officer", unit=customs.border)

    today = timezone.localdate()
    following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    deadline = min(today + timedelta(days=2), following - timedelta(days=1))
    return services.create_proposal(
        actor=border_officer,
        title=TITLE,
        proposing_unit=customs.border,
        award_kind=AwardKind.objects.get(code="LDTT"),
        year=default_review_year(today),
        deadline=deadline,
    )


def test_from_the_due_this_month_card_to_the_dossier(page, live_server, officer, due_dossier, logged_in):
    logged_in("canbo.hq", PASSWORD, totp_user=officer)
    page.goto(f"{live_server.url}/")
    card = page.locator("#officer-due-month")
    expect(card).to_contain_text("Hồ sơ đến hạn trình trong tháng")
    expect(card.locator(".fs-3")).to_have_text("1")

    card.get_by_role("link", name="Xem hồ sơ đến hạn").click()
    month = f"{timezone.localdate():%Y-%m}"
    expect(page).to_have_url(f"{live_server.url}/proposals/?due={month}")
    expect(page.locator("#due-filter")).to_contain_text(month)
    results = page.locator("#results")
    expect(results.get_by_role("link", name=TITLE)).to_have_count(1)

    results.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(f"{live_server.url}/proposals/{due_dossier.pk}/")
    expect(page.locator("h1")).to_contain_text(TITLE)
