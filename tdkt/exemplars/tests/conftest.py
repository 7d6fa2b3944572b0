import pytest

from tdkt.exemplars import services


@pytest.fixture
def proposed(org, officer_a):
    """A model proposed by Chi cục A."""
    return services.create_exemplar(
        name="Nụ cười công sở",
        unit=org.a,
        field="van_hoa",
        summary="Văn minh, văn hóa công sở khi phục vụ doanh nghiệp.",
        tags=["Văn hóa công sở", "Phục vụ doanh nghiệp"],
        actor=officer_a,
    )


@pytest.fixture
def recognised(proposed, officer_a):
    return services.change_status(exemplar=proposed, to="recognised", actor=officer_a)


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
