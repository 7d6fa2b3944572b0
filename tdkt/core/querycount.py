"""For tests: how many queries a GET costs, to guard list pages and endpoints against one query per row."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def get_queries(client, url: str) -> int:
    """The number of queries of `client.get(url)`, which must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def assert_flat(client, urls: list[str], grow) -> None:
    """Each url costs the same number of queries before and after `grow()` adds rows it lists."""
    before = {url: get_queries(client, url) for url in urls}
    grow()
    after = {url: get_queries(client, url) for url in urls}
    grown = {url: (before[url], after[url]) for url in urls if after[url] != before[url]}
    assert not grown, f"queries grew with the rows (before, after): {grown}"
