"""The start page after login: what waits for me (concepts of my organisations, reviews I may sign
off), what was signed off lately, my organisations and roles in the header; and the login page says
what vthscan is and how to get an account."""

from __future__ import annotations

from .conftest import login


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_the_start_page_shows_what_waits_and_what_was_signed_off(app, client, factory):
    od = factory.org("OD Wachten")
    coordinator = factory.user(od, "coordinator", email="coordinator@wachten.nl")
    invuller = factory.user(od, "invuller")
    signed = factory.signed_off(od, "2024", coordinator)
    concept = factory.assessment(od, "2026", coordinator)
    review = factory.complete(factory.assessment(od, "2025", coordinator), invuller)
    review = factory.transition(review, invuller, "submit_for_review")
    factory.assessment(factory.org("OD Anders"), "2026")           # not mine
    login(client, coordinator)
    html = client.get("/").get_data(as_text=True)
    waiting = section(html, "wacht-op-u")
    assert f'href="/beoordelingen/{concept.id}"' in waiting and f'href="/beoordelingen/{review.id}"' in waiting
    assert "0 % beantwoord (0 van 7 vragen); 7 nog open" in waiting
    assert "OD Anders" not in html
    assert f'href="/beoordelingen/{signed.id}"' in section(html, "onlangs-vastgesteld")
    assert "coordinator@wachten.nl:" in html and "OD Wachten (coordinator)" in html

    # the invuller who submitted it is not asked to review it
    other = app.test_client()
    login(other, invuller)
    assert f'href="/beoordelingen/{review.id}"' not in section(other.get("/").get_data(as_text=True), "wacht-op-u")


def test_nothing_waiting_says_so(client, factory):
    login(client, factory.user(factory.org(), "lezer"))
    assert "Er wacht nu niets op u." in client.get("/").get_data(as_text=True)


def test_the_login_page_says_what_vthscan_is_and_how_to_get_an_account(client):
    html = client.get("/inloggen").get_data(as_text=True)
    assert "vthscan is een zelfevaluatie voor omgevingsdiensten, gemeenten en provincies" in html
    assert "Een account krijgt u van de coördinator van uw organisatie" in html
