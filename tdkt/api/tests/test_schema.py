"""The OpenAPI schema builds without warnings, lists every endpoint, and the docs page is served offline."""

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from conftest import login

PATHS = {
    "/api/auth/token/": {"post"},
    "/api/units/": {"get"},
    "/api/units/{id}/": {"get"},
    "/api/units/{id}/subtree/": {"get"},
    "/api/units/{id}/successors/": {"get"},
    "/api/units/{id}/history/": {"get"},
    "/api/units/{id}/rename/": {"post"},
    "/api/units/tree/": {"get"},
    "/api/people/": {"get"},
    "/api/people/{id}/": {"get", "patch"},
}


@pytest.fixture(scope="module")
def schema():
    generated = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(generated)
    return generated


def test_schema_has_every_endpoint_with_a_vietnamese_summary(schema):
    for path, methods in PATHS.items():
        assert path in schema["paths"], path
        operations = schema["paths"][path]
        assert methods <= set(operations), (path, set(operations))
        for method in methods:
            assert operations[method].get("summary"), (path, method)


def test_schema_documents_parameters_and_errors(schema):
    units = {p["name"] for p in schema["paths"]["/api/units/"]["get"]["parameters"]}
    assert {"q", "kind", "on", "under", "active", "page", "page_size"} <= units
    people = {p["name"] for p in schema["paths"]["/api/people/"]["get"]["parameters"]}
    assert {"q", "unit", "on", "gender", "born_from", "born_to", "ordering", "page", "page_size"} <= people
    tree = {p["name"] for p in schema["paths"]["/api/units/tree/"]["get"]["parameters"]}
    assert tree == {"on"}
    assert "409" in schema["paths"]["/api/people/{id}/"]["patch"]["responses"]
    assert "409" in schema["paths"]["/api/units/{id}/rename/"]["post"]["responses"]
    assert schema["paths"]["/api/auth/token/"]["post"].get("security", []) in ([], [{}])  # no token needed
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_spectacular_command_has_no_warnings(tmp_path):
    # --fail-on-warn raises on any warning or error of the generator.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/units/tree/" in (tmp_path / "schema.yaml").read_text()


@pytest.mark.django_db
def test_schema_and_docs_are_for_signed_in_users_only(client):
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 401 and schema.json()["code"] == "not_authenticated"
    docs = client.get("/api/docs/")
    assert docs.status_code == 302 and "/login" in docs["Location"]


@pytest.mark.django_db
def test_schema_and_docs_are_served(client, officer_a):
    login(client, officer_a)
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    assert "/api/people/{id}/" in schema.json()["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower()  # the sidecar serves Swagger UI from our own static files
    # Inside the product's layout, with no inline script or style (the CSP forbids them).
    assert "Tài liệu API" in page and "navbar" in page
    assert "<style" not in page and "<script>" not in page
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
