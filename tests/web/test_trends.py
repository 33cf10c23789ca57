"""One organisation over the periods: scores, changes per criterion, actions no longer needed, chart."""

from __future__ import annotations

from vthscan.domain.answers import Answer

from .compare_helpers import signed_off
from .conftest import login


def two_periods(factory):
    od = factory.org("OD Groei")
    coordinator = factory.user(od, "coordinator")
    # 2025: A1 fails (knock-out), B1 good; 2026: A1 fixed, B1 worse
    first = signed_off(factory, od, "2025", coordinator, {"a1_ja": Answer(value=False), "a1_schaal": Answer(value=1)})
    second = signed_off(factory, od, "2026", coordinator, {"b1_lineair": Answer(value=90)})
    return od, coordinator, first, second


def test_trend_shows_scores_changes_and_actions_no_longer_needed(client, factory):
    od, coordinator, _first, _second = two_periods(factory)
    login(client, coordinator)
    response = client.get(f"/vergelijken/organisatie/{od.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ontwikkeling van OD Groei" in html
    assert '<th scope="col">2025</th>' in html and '<th scope="col">2026</th>' in html
    assert "Verandering per criterium van 2025 naar 2026" in html
    a1 = html[html.index("A1 Criterium A1"):][:600]
    assert "beter" in a1 and "▲" in a1
    b1 = html[html.index("B1 Criterium B1"):][:600]
    assert "slechter" in b1
    a2 = html[html.index("A2 Criterium A2"):][:600]
    assert "gelijk" in a2
    actions = html[html.index("Acties uit het vorige verbeterplan"):]
    assert "Doe iets aan A1." in actions and "Verbeter B1." not in actions.split("</ul>")[0]
    # the chart has a text alternative and the same numbers are in a table
    assert 'alt="Lijngrafiek' in html and "grafiek.png" in html


def test_trend_chart_is_a_png_with_access_check(app, client, factory):
    od, coordinator, *_ = two_periods(factory)
    login(client, coordinator)
    response = client.get(f"/vergelijken/organisatie/{od.id}/grafiek.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.data.startswith(b"\x89PNG")
    other = factory.user(factory.org("OD Ander"), "coordinator")
    client = app.test_client()
    login(client, other)
    assert client.get(f"/vergelijken/organisatie/{od.id}/grafiek.png").status_code == 404
    assert client.get(f"/vergelijken/organisatie/{od.id}").status_code == 404


def test_participant_sees_trend_but_not_drafts(client, factory):
    od, coordinator, first, second = two_periods(factory)
    gemeente = factory.org("Gemeente Bee", kind="gemeente", participant_of=od)
    factory.assessment(od, period="2027", user=coordinator)  # a draft: never in the trend
    login(client, factory.user(gemeente, "lezer"))
    html = client.get(f"/vergelijken/organisatie/{od.id}").get_data(as_text=True)
    assert "2026" in html and "2027" not in html


def test_one_period_says_a_change_needs_a_second(client, factory):
    od = factory.org("OD Eén")
    coordinator = factory.user(od, "coordinator")
    signed_off(factory, od, "2025", coordinator)
    login(client, coordinator)
    html = client.get(f"/vergelijken/organisatie/{od.id}").get_data(as_text=True)
    assert "pas te zien na een tweede periode" in html


def test_unknown_organisation_is_404(client, factory):
    user = factory.user(factory.org("OD X"), "beheerder")
    login(client, user)
    assert client.get("/vergelijken/organisatie/99999").status_code == 404
