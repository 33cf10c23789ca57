"""Ids in URLs and query strings are bounded: a number the database cannot hold answers 404 like an
unknown id, never a 500 (OverflowError on SQLite, NumericValueOutOfRange on PostgreSQL)."""

from __future__ import annotations

import re

import pytest

from .conftest import login

TOO_LARGE = [str(2**31), str(2**63), str(10**30), "9" * 5000]
# values for the route arguments that are not ids
OTHER_ARGUMENTS = {"pillar_id": "A", "which": "pijlers", "kind": "xlsx", "questionnaire_id": "mini", "name": "x",
                   "filename": "vthscan.css"}


@pytest.fixture
def admin_client(app, factory):
    """A beheerder who is also coordinator of an OD: may reach every route, so only the id decides."""
    org = factory.org("Provincie Beheer", "provincie")
    client = app.test_client()
    login(client, factory.user(org, "beheerder"))
    return client


def id_routes(app):
    """(method, rule, url with `{}` for each id) of every route with an <int:...> argument."""
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule:
            continue
        url = re.sub(r"<int:\w+>", "{id}", rule.rule)
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: OTHER_ARGUMENTS[m.group(1)], url)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, rule.rule, url


def test_every_id_route_is_found(app):
    assert len(list(id_routes(app))) > 20


@pytest.mark.parametrize("number", TOO_LARGE, ids=lambda n: n[:12])
def test_an_id_too_large_for_the_database_answers_404_on_every_route(app, admin_client, number):
    for method, rule, url in id_routes(app):
        response = admin_client.open(url.replace("{id}", number), method=method, data={"version": "1"})
        assert response.status_code == 404, f"{method} {rule}: {response.status_code}"
        assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_the_largest_id_is_still_looked_up(app, admin_client):
    assert admin_client.get("/beoordelingen/2147483647").status_code == 404
    assert admin_client.get("/beoordelingen/%D9%A3").status_code == 404  # an Arabic-Indic three is no id


@pytest.mark.parametrize("value", TOO_LARGE + ["-1", "abc", "1_0", " 1"], ids=lambda n: n[:12])
@pytest.mark.parametrize("path", ["/vergelijken", "/vergelijken/export.xlsx", "/vergelijken/export.csv"])
def test_compare_ids_in_the_query_string_are_bounded_too(admin_client, path, value):
    response = admin_client.get(path, query_string={"a": value})
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)
