"""The Django admin cannot be used to read an open ballot's votes: lookups, filters, search and sorting on
the secret fields are refused, on every admin, including through relations."""

import pytest
from django.contrib import admin
from django.urls import reverse

from conftest import login
from tdkt.councils.admin import BALLOT_SECRET_FIELDS, SecretFieldsAdmin
from tdkt.councils.models import Ballot, Meeting

pytestmark = pytest.mark.django_db

SECRET_NAMES = BALLOT_SECRET_FIELDS - {"receipts"}


def _models_with_secret_fields():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if {f.name for f in model._meta.get_fields()} & SECRET_NAMES
    ]


def test_every_admin_of_a_model_with_secret_fields_refuses_lookups_on_them(rf):
    found = _models_with_secret_fields()
    assert {m for m, _a in found} == {Ballot, Meeting}
    request = rf.get("/")
    for model, model_admin in found:
        assert isinstance(model_admin, SecretFieldsAdmin)
        for name in SECRET_NAMES & {f.name for f in model._meta.get_fields()}:
            for lookup in (name, f"{name}__exact", f"{name}__gte", f"{name}__isnull", f"{name}__in"):
                assert not model_admin.lookup_allowed(lookup, "1", request), lookup
            assert name not in model_admin.get_list_filter(request)
            assert name not in model_admin.get_search_fields(request)
            assert name not in model_admin.get_sortable_by(request)
        assert model_admin.lookup_allowed("status__exact", "open", request)


@pytest.mark.parametrize(
    "url_name, query",
    [
        ("admin:councils_ballot_changelist", "status__exact=open&yes_count__gte=4"),
        ("admin:councils_ballot_changelist", "no_count=0"),
        ("admin:councils_ballot_changelist", "passed__isnull=False"),
        ("admin:councils_ballot_changelist", "sealed_key__startswith=%7B"),
        ("admin:councils_meeting_changelist", "ballots__yes_count__gte=1"),
        ("admin:councils_meeting_changelist", "sealed_key__startswith=%7B"),
        ("admin:councils_council_changelist", "meetings__ballots__abstain_count__gt=0"),
    ],
)
def test_the_admin_answers_400_to_a_lookup_on_a_secret_field(client, admin_user, board, url_name, query):
    b = board(4)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes"] * 4)
    login(client, admin_user)
    assert client.get(reverse(url_name)).status_code == 200
    assert client.get(f"{reverse(url_name)}?{query}").status_code == 400


def test_the_admin_changelist_cannot_sort_by_the_result(client, admin_user, board):
    b = board(3)
    b.open()
    b.ballot()
    login(client, admin_user)
    page = client.get(reverse("admin:councils_ballot_changelist")).content.decode()
    assert "?o=4" not in page  # "passed" is the fourth column and is not a sort link
