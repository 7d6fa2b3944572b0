"""Fixtures of the movements tests: a launched movement of HQ for its whole tree, and a target of A."""

from datetime import date

import pytest

from tdkt.movements import services


@pytest.fixture
def movement(org):
    return services.create_movement(
        launching_unit=org.root,
        name="Phong trào thi đua năm 2020",
        slogan="Đổi mới – Sáng tạo – Hiệu quả",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
        registration_deadline=date(2020, 2, 29),
    )


@pytest.fixture
def launched(movement):
    return services.launch_movement(movement=movement, on=date(2020, 1, 10))


@pytest.fixture
def revenue(org):
    return services.create_target(
        unit=org.a,
        year=2019,
        code="THU_NSNN",
        name="Thu ngân sách nhà nước",
        unit_label="tỷ đồng",
        planned="108.800",
        measure="thu_nsnn",
    )
