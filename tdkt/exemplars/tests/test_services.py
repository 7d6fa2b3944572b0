"""Lifecycle and records of an exemplary model, as the services enforce them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.core.errors import ConcurrentEditError
from tdkt.exemplars import selectors, services
from tdkt.exemplars.models import Exemplar, Media, Status
from tdkt.exemplars.tests.conftest import PNG

pytestmark = pytest.mark.django_db


def test_a_model_is_proposed_with_tags_matched_without_diacritics(proposed, org):
    assert proposed.status == Status.PROPOSED and proposed.recognised_on is None
    assert sorted(t.name for t in proposed.tags.all()) == ["Phục vụ doanh nghiệp", "Văn hóa công sở"]
    other = services.create_exemplar(
        name="Cà phê sáng", unit=org.b, field="doanh_nghiep", tags=["van hoa cong so"]
    )
    assert list(other.tags.all()) == [proposed.tags.get(name="Văn hóa công sở")]
    assert [e.to_status for e in proposed.events.all()] == [Status.PROPOSED]


def test_the_same_name_twice_in_one_unit_is_refused(proposed, org):
    with pytest.raises(ValidationError, match="cùng tên"):
        services.create_exemplar(name="Nụ cười công sở", unit=org.a, field="van_hoa")


def test_proposed_to_recognised_to_replicated_with_events(proposed, org, officer_a):
    with pytest.raises(ValidationError, match="Không chuyển được"):
        services.change_status(exemplar=proposed, to="replicated")
    with pytest.raises(ValidationError, match="trước khi nhân rộng"):
        services.add_replication(exemplar=proposed, unit=org.b, started_on=date(2021, 1, 1))
    services.change_status(exemplar=proposed, to="recognised", on=date(2020, 8, 20), actor=officer_a)
    assert proposed.recognised_on == date(2020, 8, 20)
    with pytest.raises(ValidationError, match="Chưa có đơn vị nào nhân rộng"):
        services.change_status(exemplar=proposed, to="replicated")
    services.add_replication(
        exemplar=proposed, unit=org.b, started_on=date(2021, 1, 1), result="Giảm 30 % phản ánh"
    )
    services.change_status(exemplar=proposed, to="replicated")
    assert [(e.from_status, e.to_status) for e in proposed.events.all()] == [
        ("", "proposed"),
        ("proposed", "recognised"),
        ("recognised", "replicated"),
    ]


def test_going_back_needs_a_reason(recognised):
    with pytest.raises(ValidationError, match="lý do"):
        services.change_status(exemplar=recognised, to="proposed")
    services.change_status(exemplar=recognised, to="proposed", note="Chưa đủ minh chứng")
    assert recognised.recognised_on is None


def test_a_stale_edit_is_refused(proposed):
    read = proposed.lock_version
    services.update_exemplar(exemplar=proposed, expected_version=read, summary="Mới")
    stale = Exemplar.objects.get(pk=proposed.pk)
    with pytest.raises(ConcurrentEditError):
        services.update_exemplar(exemplar=stale, expected_version=read, summary="Cũ")
    assert Exemplar.objects.get(pk=proposed.pk).summary == "Mới"


def test_replication_in_its_own_unit_or_twice_is_refused(recognised, org):
    with pytest.raises(ValidationError, match="phải khác"):
        services.add_replication(exemplar=recognised, unit=org.a, started_on=date(2021, 1, 1))
    services.add_replication(exemplar=recognised, unit=org.b, started_on=date(2021, 1, 1))
    with pytest.raises(ValidationError, match="đã được ghi nhận"):
        services.add_replication(exemplar=recognised, unit=org.b, started_on=date(2022, 1, 1))


def test_honours_need_recognition_and_are_recorded_once_per_event(proposed, officer_a):
    with pytest.raises(ValidationError, match="công nhận trước"):
        services.add_honour(exemplar=proposed, kind="chao_co", held_on=date(2021, 3, 1), title="Biểu dương")
    services.change_status(exemplar=proposed, to="recognised", actor=officer_a)
    services.add_honour(exemplar=proposed, kind="chao_co", held_on=date(2021, 3, 1), title="Biểu dương")
    services.add_honour(
        exemplar=proposed, kind="hoi_nghi", held_on=date(2020, 8, 20), title="Hội nghị lần thứ VI"
    )
    with pytest.raises(ValidationError, match="dịp này"):
        services.add_honour(exemplar=proposed, kind="chao_co", held_on=date(2021, 3, 1), title="Lần nữa")


def test_achievements_need_evidence_and_files_must_be_what_they_say(proposed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError):
        services.add_achievement(exemplar=proposed, title="Giảm thời gian thông quan", evidence="")
    services.add_achievement(
        exemplar=proposed, title="Giảm thời gian thông quan", evidence="Báo cáo số 12/BC"
    )
    photo = services.add_media(
        exemplar=proposed, file=SimpleUploadedFile("anh.png", PNG), caption="Quầy tiếp nhận"
    )
    assert photo.kind == Media.Kind.PHOTO
    with pytest.raises(ValidationError, match="không đúng với loại tệp"):
        services.add_media(exemplar=proposed, file=SimpleUploadedFile("gia.pdf", b"not a pdf"))
    with pytest.raises(ValidationError, match="Chỉ nhận tệp"):
        services.add_media(exemplar=proposed, file=SimpleUploadedFile("virus.exe", b"MZ"))


def test_a_collectives_proposal_may_cite_its_recognised_models(proposed, org, officer_a):
    assert list(selectors.exemplars_backing(org.a)) == []
    services.change_status(exemplar=proposed, to="recognised", on=date(2020, 8, 20), actor=officer_a)
    assert list(selectors.exemplars_backing(org.a)) == [proposed]
    assert list(selectors.exemplars_backing(org.root)) == [proposed]  # the department's subtree
    assert list(selectors.exemplars_backing(org.b)) == []
    assert list(selectors.exemplars_backing(org.a, on=date(2020, 1, 1))) == []


def test_the_models_of_many_collectives_are_read_at_once_and_match_each_ones_own(
    proposed, org, officer_a, django_assert_num_queries
):
    services.change_status(exemplar=proposed, to="recognised", on=date(2020, 8, 20), actor=officer_a)
    units = [org.root.pk, org.a.pk, org.a1.pk, org.b.pk]
    with django_assert_num_queries(2):  # the units' scopes, then the models: however many units
        together = selectors.exemplars_backing_units(units)
    assert together == {unit: list(selectors.exemplars_backing(unit)) for unit in units}
    assert together[org.a.pk] == [proposed] and together[org.b.pk] == []
    assert selectors.exemplars_backing_units(units, on=date(2020, 1, 1)) == {unit: [] for unit in units}
    assert selectors.exemplars_backing_units([]) == {}
