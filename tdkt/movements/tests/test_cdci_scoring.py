"""The CDCI result feeds the unit's emulation score (issue 18, item 4): one criterion of a cluster's scoring
table filled from each member's business-satisfaction index of that year, shown with its source."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import login
from tdkt.movements import selectors, services
from tdkt.movements.models import Score
from tdkt.surveys import selectors as survey_selectors
from tdkt.surveys import services as survey_services
from tdkt.surveys.tests.conftest import respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster(org):
    cluster = services.create_cluster(name="Cụm thi đua các Chi cục", organiser=org.root)
    services.set_members(cluster=cluster, year=2021, units=[org.a, org.b], head=org.a, deputy=org.b)
    services.add_criterion(cluster=cluster, year=2021, name="Hoàn thành nhiệm vụ", max_points=80)
    cdci = services.add_criterion(
        cluster=cluster, year=2021, name="Mức độ hài lòng của doanh nghiệp", max_points=20
    )
    return cluster, cdci


@pytest.fixture
def surveyed(org):
    """CDCI 2021: A rated 5 by two enterprises, B rated 3 by two."""
    survey = survey_services.create_survey(unit=org.root, year=2021, title="CDCI 2021", min_cell_size=2)
    survey = survey_services.open_survey(survey=survey, expected_version=survey.lock_version)
    respond(survey, "5700000001", org.a, 5)
    respond(survey, "5700000002", org.a, 5)
    respond(survey, "5700000003", org.b, 3)
    respond(survey, "5700000004", org.b, 3)
    return survey


def test_each_member_gets_its_index_share_of_the_criterion_with_the_source(org, cluster, surveyed):
    cluster, cdci = cluster
    written = services.feed_cluster_criterion_from_cdci(criterion=cdci)
    a, b = survey_selectors.branch_index(org.a, 2021), survey_selectors.branch_index(org.b, 2021)
    assert a.rank == 1 and b.rank == 2
    assert float(written[org.a.pk]) == pytest.approx(a.overall / 100 * 20, abs=0.005)
    assert float(written[org.b.pk]) == pytest.approx(b.overall / 100 * 20, abs=0.005)
    assert written[org.a.pk] > written[org.b.pk]
    source = Score.objects.get(criterion=cdci, unit=org.a).source
    assert (
        source.startswith("Chỉ số CDCI năm 2021:") and "xếp thứ 1/2" in source and "2 doanh nghiệp" in source
    )
    table = selectors.scoring_table(cluster, 2021)
    assert [r["member"].unit_id for r in table["rows"]] == [org.a.pk, org.b.pk]  # ranked by the CDCI points


def test_a_score_typed_by_hand_clears_the_source(org, cluster, surveyed):
    _cluster, cdci = cluster
    services.feed_cluster_criterion_from_cdci(criterion=cdci)
    services.score(criterion=cdci, unit=org.a, cluster_score=10)
    assert Score.objects.get(criterion=cdci, unit=org.a).source == ""


def test_no_survey_that_year_is_a_clear_message_and_writes_nothing(org, cluster):
    _cluster, cdci = cluster
    with pytest.raises(ValidationError, match="Chưa có kết quả khảo sát CDCI năm 2021"):
        services.feed_cluster_criterion_from_cdci(criterion=cdci)
    assert not Score.objects.exists()


def test_only_the_clusters_managers_may_feed_it(org, cluster, surveyed, officer_a):
    _cluster, cdci = cluster
    with pytest.raises(PermissionDenied):
        services.feed_cluster_criterion_from_cdci(criterion=cdci, actor=officer_a)


def test_the_cluster_page_feeds_and_shows_the_source(client, org, cluster, surveyed):
    from conftest import make_user

    cluster, cdci = cluster
    officer_hq = make_user("officer_hq", role="officer", unit=org.root)
    login(client, officer_hq)
    url = reverse("movements:cluster_detail", args=[cluster.pk]) + "?year=2021"
    assert 'id="cdci-form"' in client.get(url).content.decode()
    response = client.post(
        reverse("movements:cluster_cdci", args=[cluster.pk]), {"criterion": cdci.pk}, follow=True
    )
    page = response.content.decode()
    assert "Đã chuyển chỉ số CDCI của 2 đơn vị" in page
    assert "Chỉ số CDCI năm 2021:" in page and "score-source" in page
