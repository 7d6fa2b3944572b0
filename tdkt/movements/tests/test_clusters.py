"""Clusters: members with a head and deputy per year, the scoring table, the ranking, the vote for the
leading unit written as each member's cluster result, and the giao ước as a Word document."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document

from conftest import login
from tdkt.awards.models import ClusterResult
from tdkt.movements import selectors, services
from tdkt.movements.models import ClusterMember, ClusterVote, Score
from tdkt.org import services as org_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster(org):
    c = org_services.create_unit(
        code="C", name="Chi cục Hải quan C", kind="chi_cuc", parent=org.root, valid_from=org.a.valid_from
    )
    cluster = services.create_cluster(name="Cụm thi đua số 1", organiser=org.root)
    services.set_members(cluster=cluster, year=2024, units=[org.a, org.b, c], head=org.a, deputy=org.b)
    first = services.add_criterion(cluster=cluster, year=2024, name="Hoàn thành chỉ tiêu thu", max_points=60)
    second = services.add_criterion(cluster=cluster, year=2024, name="Văn hóa công sở", max_points="40")
    return type("C", (), {"cluster": cluster, "c": c, "first": first, "second": second})


def test_members_rotate_with_one_head_and_one_deputy_a_year(org, cluster):
    roles = dict(ClusterMember.objects.filter(year=2024).values_list("unit__code", "role"))
    assert roles == {"A": "truong", "B": "pho", "C": "thanh_vien"}
    services.set_members(
        cluster=cluster.cluster, year=2024, units=[org.a, org.b, cluster.c], head=org.b, deputy=org.a
    )
    roles = dict(ClusterMember.objects.filter(year=2024).values_list("unit__code", "role"))
    assert roles == {"A": "pho", "B": "truong", "C": "thanh_vien"}
    with pytest.raises(ValidationError, match="phải là thành viên"):
        services.set_members(cluster=cluster.cluster, year=2025, units=[org.a, org.b], head=cluster.c)
    with pytest.raises(ValidationError, match="ít nhất hai"):
        services.set_members(cluster=cluster.cluster, year=2025, units=[org.a], head=org.a)


def test_scores_are_capped_and_the_table_ranks_by_the_cluster_score(org, cluster, officer_a, outsider_b):
    with pytest.raises(ValidationError, match="vượt quá điểm tối đa 60"):
        services.score(criterion=cluster.first, unit=org.a, self_score=61)
    # A's officer self-scores A, but neither scores B nor enters the cluster's score
    services.score(criterion=cluster.first, unit=org.a, self_score="58,5", actor=officer_a)
    with pytest.raises(PermissionDenied):
        services.score(criterion=cluster.first, unit=org.b, self_score=50, actor=officer_a)
    with pytest.raises(PermissionDenied):
        services.score(criterion=cluster.first, unit=org.a, cluster_score=50, actor=officer_a)
    for unit, first, second in [(org.a, 55, 38), (org.b, 58, 39), (cluster.c, 50, 30)]:
        services.score(criterion=cluster.first, unit=unit, cluster_score=first)
        services.score(criterion=cluster.second, unit=unit, cluster_score=second)
    table = selectors.scoring_table(cluster.cluster, 2024)
    assert [(r["member"].unit.code, r["cluster_total"], r["score_rank"]) for r in table["rows"]] == [
        ("B", 97, 1),
        ("A", 93, 2),
        ("C", 80, 3),
    ]
    assert (
        table["max_total"] == 100
        and Score.objects.get(criterion=cluster.first, unit=org.a).self_score == 58.5
    )


def test_the_vote_writes_each_members_cluster_result(org, cluster, officer_a):
    for unit, points in [(org.a, 90), (org.b, 95), (cluster.c, 80)]:
        services.score(criterion=cluster.first, unit=unit, cluster_score=points * 60 // 100)
    with pytest.raises(ValidationError, match="trùng"):
        services.record_vote(
            cluster=cluster.cluster, year=2024, votes={org.a.pk: 1, org.b.pk: 1, cluster.c.pk: 1}
        )
    with pytest.raises(ValidationError, match="đúng và đủ"):
        services.record_vote(cluster=cluster.cluster, year=2024, votes={org.a.pk: 2})
    services.record_vote(
        cluster=cluster.cluster, year=2024, votes={org.a.pk: 2, org.b.pk: 1, cluster.c.pk: 0}
    )
    results = {r.unit.code: r for r in ClusterResult.objects.filter(year=2024)}
    assert (results["A"].leading, results["A"].rank, results["A"].members) == (True, 1, 3)
    assert (results["B"].leading, results["B"].rank) == (False, 2)
    assert (results["C"].rank, results["C"].source, results["C"].cluster) == (
        3,
        "cluster",
        "Cụm thi đua số 1",
    )
    assert ClusterVote.objects.filter(leading=True).get().unit == org.a
    with pytest.raises(ValidationError, match="đã bình xét"):
        services.score(criterion=cluster.first, unit=org.a, cluster_score=1)
    with pytest.raises(ValidationError, match="đã bình xét"):
        services.set_members(cluster=cluster.cluster, year=2024, units=[org.a, org.b], head=org.a)


def test_the_cluster_pages_and_the_giao_uoc(client, org, cluster, officer_a, outsider_b, admin_user):
    login(client, outsider_b)  # B is a member: it sees the cluster but cannot manage it
    url = reverse("movements:cluster_detail", args=[cluster.cluster.pk])
    assert client.get(url, {"year": 2024}).status_code == 200
    assert (
        client.post(reverse("movements:cluster_vote", args=[cluster.cluster.pk]), {"year": 2024}).status_code
        == 403
    )
    login(client, admin_user)
    client.post(
        reverse("movements:cluster_score", args=[cluster.cluster.pk]),
        {"criterion": cluster.first.pk, "unit": org.a.pk, "self_score": "59", "cluster_score": "57"},
    )
    assert Score.objects.get(unit=org.a).cluster_score == 57
    response = client.post(
        reverse("movements:cluster_vote", args=[cluster.cluster.pk]),
        {"year": 2024, f"votes_{org.a.pk}": 3, f"votes_{org.b.pk}": 0, f"votes_{cluster.c.pk}": 0},
        follow=True,
    )
    assert "Đã ghi kết quả bình xét" in response.content.decode()
    assert ClusterResult.objects.get(unit=org.a, year=2024).leading
    docx = client.get(reverse("movements:cluster_pledge", args=[cluster.cluster.pk]), {"year": 2024})
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert (
        "BẢN GIAO ƯỚC THI ĐUA NĂM 2024" in text and "1. Chi cục Hải quan A – Cụm trưởng, khối trưởng" in text
    )
    criteria = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert criteria[1] == ["1", "Hoàn thành chỉ tiêu thu", "60"] and criteria[-1][1:] == ["Tổng cộng", "100"]
    assert document.tables[1].rows[0].cells[0].text == "TM. CHI CỤC HẢI QUAN A"
    other = services.create_cluster(name="Khối các Cục", kind="khoi", organiser=org.root)
    login(client, officer_a)
    assert client.get(reverse("movements:cluster_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("movements:cluster_pledge", args=[other.pk])).status_code == 404
    assert "Cụm thi đua số 1" in client.get(reverse("movements:cluster_list")).content.decode()


def test_the_clusters_api(client, org, cluster, officer_a, outsider_b, admin_user):
    JSON = "application/json"
    services.score(criterion=cluster.first, unit=org.b, cluster_score=59)
    login(client, officer_a)
    assert [c["name"] for c in client.get(reverse("cluster-list")).json()["results"]] == ["Cụm thi đua số 1"]
    table_url = reverse("cluster-table", args=[cluster.cluster.pk])
    assert client.get(table_url).status_code == 400
    table = client.get(table_url, {"year": 2024}).json()
    assert [r["unit_name"] for r in table["rows"]][0] == "Chi cục Hải quan B" and table["rows"][0][
        "rank"
    ] == 1
    vote_url = reverse("cluster-vote", args=[cluster.cluster.pk])
    votes = {"year": 2024, "votes": {str(org.a.pk): 1, str(org.b.pk): 2, str(cluster.c.pk): 0}}
    assert client.post(vote_url, votes, content_type=JSON).status_code == 403
    login(client, admin_user)
    body = client.post(vote_url, votes, content_type=JSON).json()
    assert [(r["unit_name"], r["rank"], r["leading"]) for r in body["rows"]][0] == (
        "Chi cục Hải quan B",
        1,
        True,
    )
    assert ClusterResult.objects.get(unit=org.b, year=2024).leading
    again = client.post(vote_url, {"year": 2024, "votes": {str(org.a.pk): 5}}, content_type=JSON)
    assert again.status_code == 400
    other = services.create_cluster(name="Khối khác", organiser=org.root)
    login(client, outsider_b)
    assert client.get(reverse("cluster-detail", args=[other.pk])).status_code == 404
