"""The admin: score sheets are parameters administrators edit; applications are read-only there."""

import pytest

pytestmark = pytest.mark.django_db


def test_score_sheets_are_editable_and_applications_read_only(as_user, admin_user, draft):
    from tdkt.initiatives import services

    sheet = services.default_sheet()
    api = as_user(admin_user)
    assert api.get(f"/django-admin/initiatives/scoresheet/{sheet.pk}/change/").status_code == 200
    page = api.get(f"/django-admin/initiatives/initiative/{draft.pk}/change/")
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()
    assert api.get("/django-admin/initiatives/initiative/add/").status_code == 403
