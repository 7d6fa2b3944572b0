"""The demo loaders: the 2017 Quảng Ninh CDCI (617 invited, 345 answering) and the three models; twice is once."""

import io
from datetime import date

import pytest

from tdkt.awards.models import Award
from tdkt.demo import exemplars as exemplar_demo
from tdkt.demo import surveys as demo
from tdkt.exemplars.models import Exemplar
from tdkt.movements import selectors as movement_selectors
from tdkt.movements.models import Cluster, ClusterMember, Score
from tdkt.org import services as org_services
from tdkt.org.models import Unit, UnitKind
from tdkt.surveys import selectors as survey_selectors
from tdkt.surveys.models import Answer, Survey
from tdkt.surveys.results import survey_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_units():
    since = date(1990, 1, 1)
    root = org_services.create_unit(
        code="HQ", name="Tổng cục Hải quan", kind=UnitKind.GENERAL_DEPARTMENT, parent=None, valid_from=since
    )
    provinces = {}
    for code, name in [
        ("HQ20", "Cục Hải quan Quảng Ninh"),
        ("HQ43", "Cục Hải quan Bình Dương"),
        ("HQ02", "Cục Hải quan TP. Hồ Chí Minh"),
    ]:
        provinces[code] = org_services.create_unit(
            code=code, name=name, kind=UnitKind.DEPARTMENT, parent=root, valid_from=since
        )
    for i in range(1, 8):
        org_services.create_unit(
            code=f"HQ20B{i}",
            name=f"Chi cục Hải quan QN {i}",
            kind=UnitKind.SUB_DEPARTMENT,
            parent=provinces["HQ20"],
            valid_from=since,
        )
    for i in range(1, 3):
        org_services.create_unit(
            code=f"HQ43B{i}",
            name=f"Chi cục Hải quan BD {i}",
            kind=UnitKind.SUB_DEPARTMENT,
            parent=provinces["HQ43"],
            valid_from=since,
        )
    return provinces


def test_the_2017_quang_ninh_survey_and_the_models_load_once(demo_units):
    out = io.StringIO()
    demo.load(stdout=out)
    exemplar_demo.load(stdout=out)
    survey = Survey.objects.get(unit__code="HQ20", year=2017)
    results = survey_results(survey)
    assert (results.invited, results.responded) == (617, 345)
    assert survey.status == Survey.Status.CLOSED and len(results.ranked) == 7
    assert [r.rank for r in results.branches] == [1, 2, 3, 4, 5, 6, 7]
    assert all(b.overall.low < b.overall.mean < b.overall.high for b in results.branches)
    names = dict(Exemplar.objects.values_list("name", "status"))
    assert names == {
        "Nụ cười công sở": "replicated",
        "Cà phê sáng cùng doanh nghiệp": "recognised",
        "Bộ chỉ số đánh giá năng lực cạnh tranh các chi cục (CDCI)": "recognised",
    }
    counts = (Survey.objects.count(), Answer.objects.count(), Exemplar.objects.count())
    demo.load(stdout=out)
    exemplar_demo.load(stdout=out)
    assert (Survey.objects.count(), Answer.objects.count(), Exemplar.objects.count()) == counts
    assert "đã có; giữ nguyên" in out.getvalue()


def test_loaders_skip_quietly_without_the_demo_organisation(db):
    out = io.StringIO()
    demo.load(stdout=out)
    exemplar_demo.load(stdout=out)
    assert not Survey.objects.exists() and not Exemplar.objects.exists()
    assert "bỏ qua khảo sát CDCI" in out.getvalue()


def test_the_cdci_of_2017_scores_the_quang_ninh_branches_in_their_emulation_cluster(demo_units):
    out = io.StringIO()
    demo.load(stdout=out)
    cluster = Cluster.objects.get(name=demo.CLUSTER_NAME)
    assert cluster.organiser.code == "HQ20"
    members = ClusterMember.objects.filter(cluster=cluster, year=2017)
    assert sorted(m.unit.code for m in members) == demo.BRANCHES
    criterion = cluster.criteria.get(year=2017)
    assert (criterion.name, criterion.max_points) == ("Mức độ hài lòng của doanh nghiệp (chỉ số CDCI)", 20)
    scores = {s.unit.code: s for s in Score.objects.filter(criterion=criterion).select_related("unit")}
    assert sorted(scores) == demo.BRANCHES
    for _code, score in scores.items():
        index = survey_selectors.branch_index(score.unit, 2017)
        assert float(score.cluster_score) == pytest.approx(index.overall / 100 * 20, abs=0.005)
        assert score.source.startswith("Chỉ số CDCI năm 2017:") and f"xếp thứ {index.rank}/7" in score.source
    table = movement_selectors.scoring_table(cluster, 2017)
    by_points = [r["member"].unit.code for r in table["rows"]]
    by_cdci = sorted(demo.BRANCHES, key=lambda c: survey_selectors.branch_index(scores[c].unit, 2017).rank)
    assert by_points == by_cdci
    saved = list(Score.objects.order_by("id").values_list("id", "cluster_score", "source"))
    demo.load(stdout=out)
    assert Cluster.objects.filter(name=demo.CLUSTER_NAME).count() == 1
    assert list(Score.objects.order_by("id").values_list("id", "cluster_score", "source")) == saved


def test_the_two_best_rated_branches_of_2017_received_a_thematic_giay_khen(demo_units):
    out = io.StringIO()
    demo.load(stdout=out)
    branches = {u.code: u for u in Unit.objects.filter(code__in=demo.BRANCHES)}
    ranked = sorted(demo.BRANCHES, key=lambda c: survey_selectors.branch_index(branches[c], 2017).rank)
    awards = Award.objects.filter(kind__code="GK", year=2017, unit__code__in=demo.BRANCHES)
    assert sorted(a.unit.code for a in awards) == sorted(ranked[:2])
    assert {(a.award_type, a.decision_number) for a in awards} == {("chuyen_de", "25/QĐ-HQQN")}
    demo.load(stdout=out)
    assert awards.count() == 2
