"""Where a model was replicated and with what result (issue 18, item 5): an edit page per replication."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import login
from tdkt.exemplars import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def replication(recognised, org):
    return services.add_replication(exemplar=recognised, unit=org.b, started_on=date.today())


def test_the_result_is_recorded_on_its_page(client, recognised, replication, officer_a):
    login(client, officer_a)
    detail = client.get(reverse("exemplars:detail", args=[recognised.pk])).content.decode()
    url = reverse("exemplars:replication_edit", args=[recognised.pk, replication.pk])
    assert url in detail
    assert "Chi cục Hải quan B" in client.get(url).content.decode()
    response = client.post(
        url, {"started_on": replication.started_on.isoformat(), "result": "Thời gian chờ giảm 20 %"}
    )
    assert response.status_code == 302
    replication.refresh_from_db()
    assert replication.result == "Thời gian chờ giảm 20 %"
    assert (
        "Thời gian chờ giảm 20 %"
        in client.get(reverse("exemplars:detail", args=[recognised.pk])).content.decode()
    )


def test_a_start_before_the_recognition_is_refused(recognised, replication):
    with pytest.raises(ValidationError, match="trước ngày công nhận"):
        services.update_replication(replication=replication, started_on=date(2000, 1, 1), result="")


def test_only_editors_edit_and_outsiders_get_404(client, recognised, replication, outsider_b, staff_a):
    with pytest.raises(PermissionDenied):
        services.update_replication(
            replication=replication, started_on=replication.started_on, result="x", actor=outsider_b
        )
    url = reverse("exemplars:replication_edit", args=[recognised.pk, replication.pk])
    login(client, outsider_b)
    assert client.get(url).status_code == 403  # a recognised model is public; editing it is not
    client.logout()
    login(client, staff_a)
    assert client.post(url, {"started_on": "2030-01-01", "result": "x"}).status_code == 403
    client.logout()


def test_the_dashboard_card_counts_models_waiting_for_recognition(client, proposed, officer_a, outsider_b):
    from tdkt.core import dashboard
    from tdkt.exemplars import cards

    assert cards.to_recognise in dashboard.CARDS
    page = login(client, officer_a).get(reverse("core:dashboard")).content.decode()
    assert "Mô hình, điển hình chờ công nhận" in page and "?status=proposed" in page
    client.logout()
    page = login(client, outsider_b).get(reverse("core:dashboard")).content.decode()
    assert "Mô hình, điển hình chờ công nhận" not in page  # B's officer has none in scope
