"""Peer benchmark: only with at least 5 other organisations, never naming them; fed by stored summaries."""

from __future__ import annotations

import pytest

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment
from vthscan.services.benchmark import peer_benchmark_for

from .compare_helpers import set_summary, signed_off
from .conftest import login

PEER_VALUES = [10, 40, 60, 80, 95, 30]  # b1_lineair: different B and overall scores


def group(factory, others: int):
    own_org = factory.org("OD Eigen")
    coordinator = factory.user(own_org, "coordinator")
    own = signed_off(factory, own_org, "2025", coordinator)
    peers = [signed_off(factory, factory.org(f"OD Geheim {i}"), "2025",
                        overrides={"b1_lineair": Answer(value=PEER_VALUES[i % len(PEER_VALUES)])})
             for i in range(others)]
    # not peers: another period, another kind, a draft
    signed_off(factory, factory.org("OD Ander Jaar"), "2024")
    factory.assessment(factory.org("OD Concept"), "2025")
    return own_org, coordinator, own, peers


def benchmark(app, assessment_id):
    with app.app_context():
        return peer_benchmark_for(db.session.get(Assessment, assessment_id))


def test_four_others_show_nothing(app, factory, client):
    own_org, coordinator, own, _ = group(factory, 4)
    assert benchmark(app, own.id) is None
    login(client, coordinator)
    html = client.get(f"/vergelijken/organisatie/{own_org.id}").get_data(as_text=True)
    assert "minstens 5 andere organisaties" in html
    assert "Mediaan" not in html


def test_five_others_show_the_spread_without_names(app, factory, client):
    own_org, coordinator, own, peers = group(factory, 5)
    result = benchmark(app, own.id)
    assert result is not None and result.peers == 5
    assert result.overall.count == 5
    assert {pillar for pillar, _spread, _own in result.pillars} == {"A", "B"}
    login(client, coordinator)
    html = client.get(f"/vergelijken/organisatie/{own_org.id}").get_data(as_text=True)
    assert "Mediaan" in html and "Vergeleken met 5 andere organisaties" in html
    assert "OD Geheim" not in html


def test_summary_is_stored_at_sign_off(app, factory):
    own = signed_off(factory, factory.org("OD S"))
    with app.app_context():
        summary = db.session.get(Assessment, own.id).score_summary
    assert summary["score"] == pytest.approx(94.79, abs=0.1)
    assert set(summary["pillars"]) == {"A", "B"}


def test_older_rows_without_summary_are_filled_in_lazily(app, factory):
    _org, _coordinator, own, peers = group(factory, 5)
    for assessment in [own, *peers]:
        set_summary(app, assessment.id, None)
    result = benchmark(app, own.id)
    assert result is not None and result.peers == 5
    with app.app_context():
        assert all(db.session.get(Assessment, a.id).score_summary for a in [own, *peers])


def test_latest_sign_off_per_organisation_counts_once(app, factory):
    _org, _coordinator, own, peers = group(factory, 4)
    # a fifth organisation with two signed-off assessments of the same period is still one peer
    extra = factory.org("OD Dubbel")
    coordinator = factory.user(extra, "coordinator")
    signed_off(factory, extra, "2025", coordinator)
    assert benchmark(app, own.id).peers == 5
    signed_off(factory, extra, "2025", coordinator)
    assert benchmark(app, own.id).peers == 5


@pytest.mark.parametrize("others, shown", [(4, False), (5, True)])
def test_results_page_shows_the_benchmark_only_with_five_peers(app, factory, client, others, shown):
    _own_org, coordinator, own, _peers = group(factory, others)
    login(client, coordinator)
    html = client.get(f"/beoordelingen/{own.id}/resultaten").get_data(as_text=True)
    assert "Hoe staat u ervoor tussen vergelijkbare organisaties?" in html
    assert ("Vergeleken met 5 andere organisaties" in html) is shown
    assert "OD Geheim" not in html


def test_overview_links_to_the_spreadsheet_downloads(app, factory, client):
    _own_org, coordinator, own, _peers = group(factory, 0)
    login(client, coordinator)
    html = client.get(f"/beoordelingen/{own.id}").get_data(as_text=True)
    for href in (f"/beoordelingen/{own.id}/export.xlsx", f"/beoordelingen/{own.id}/export.csv"):
        assert href in html
        assert client.get(href).status_code == 200
