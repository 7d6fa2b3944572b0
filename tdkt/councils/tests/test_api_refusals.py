"""A service's refusal reaches the API caller as it was written, with a code."""

import pytest
from django.urls import reverse

from conftest import login

pytestmark = pytest.mark.django_db


def test_the_councils_api_403_carries_the_services_message_and_a_code(board, client):
    b = board(4)
    b.open()
    ballot = b.ballot()
    response = login(client, b.users[3]).post(
        reverse("ballot-close", args=[ballot.pk]), {}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Chỉ Chủ tịch hội đồng (hoặc Phó Chủ tịch khi Chủ tịch vắng mặt) có mặt tại phiên họp được kiểm phiếu.",
        "code": "permission_denied",
    }
