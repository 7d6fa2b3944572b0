"""`tdkt demo load` with the movements demo: the seeds' movements, registrations and a year of actuals."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from conftest import login
from tdkt.awards.models import ClusterResult
from tdkt.core.text import format_percent
from tdkt.demo import movements as demo
from tdkt.movements import review_report, selectors
from tdkt.movements.models import Actual, Inspection, Movement, MovementReview, Registration, Target
from tdkt.org.models import Unit

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_demo_movements_load_once(django_assert_max_num_queries, client):
    call_command("demo", "load", "--people", "120", stdout=io.StringIO())
    counts = (
        Movement.objects.count(),
        Registration.objects.count(),
        Target.objects.count(),
        Actual.objects.count(),
    )
    assert counts == (5, 4, 5, 8 + 48)
    hcm = Movement.objects.get(launching_unit__code="HQ02")
    assert hcm.launched_on.isoformat() == "2019-09-12" and hcm.status == "launched"
    phase = Movement.objects.get(launching_unit__code="HQ")
    assert phase.slogan == "Đoàn kết – Kỷ cương – Đổi mới – Sáng tạo" and phase.duration_row == "10"
    assert phase.participants.count() > 100
    assert Movement.objects.filter(launching_unit__code="HQ31").count() == 3
    revenue = Target.objects.get(unit__code="HQ02", year=2019)
    assert format_percent(revenue.attainment) == "70,32 %"
    officer = login(client, User.objects.get(username="canbo.tdkt"))  # the agency's officer of the demo
    page = officer.get(f"/movements/targets/?year=2019&unit={revenue.unit_id}")
    assert page.status_code == 200
    assert revenue.name in page.content.decode() and "70,32 %" in page.content.decode()
    qb = Unit.objects.get(code="HQ31")
    assert selectors.registered_titles(qb, 2020) == {"TTLDXS"}
    assert Target.objects.filter(year=2020, periods_reported=12).count() == 4
    leading = ClusterResult.objects.get(year=2020, leading=True, source="cluster")
    assert leading.unit.code == "HQ31" and leading.members == 3
    assert Inspection.objects.filter(checklist__owner__code="HQ02").count() == 7
    [review] = MovementReview.objects.all()  # the mid-term review of Quảng Bình's 2020 movement
    assert review.movement.launching_unit.code == "HQ31" and review.kind == "so_ket"
    assert "Giấy khen" in docx_text(review_report.render(review))
    out = io.StringIO()
    demo.load(stdout=out)
    assert out.getvalue() == ""
    assert MovementReview.objects.count() == 1
    assert (Movement.objects.count(), Registration.objects.count(), Actual.objects.count()) == counts[
        :2
    ] + counts[3:]
