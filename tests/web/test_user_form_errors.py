"""The new-account forms (the beheerder's users page, a coordinator's members page): every error sits
under its own field, and a summary at the top of the form links to each."""

from __future__ import annotations

import re

import pytest

from .conftest import PASSWORD, login


def field_block(page: str, field_id: str) -> str:
    """The form-field block of one field: from its label to the next field's block."""
    start = page.rindex('<div class="form-field', 0, page.index(f'for="{field_id}"'))
    end = page.find('<div class="form-field', start + 1)
    return page[start:end if end != -1 else len(page)]


def summary(page: str) -> str:
    start = page.index('class="error-summary"')
    return page[start:page.index("</div>", start)]


@pytest.fixture
def admin_client(app, factory):
    client = app.test_client()
    login(client, factory.user(factory.org("Beheer", "provincie"), "beheerder"))
    return client


@pytest.fixture
def coordinator(app, factory):
    org = factory.org()
    client = app.test_client()
    login(client, factory.user(org, "coordinator"))
    return client, org


def admin_post(client, org_id, **fields):
    data = {"user-email": "nieuw@example.nl", "user-name": "", "user-password": PASSWORD,
            "user-organisation": str(org_id), "user-role": "lezer"}
    data.update({f"user-{name}": value for name, value in fields.items()})
    response = client.post("/beheer/gebruikers", data=data)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_short_password_is_reported_under_the_password_field(admin_client, factory):
    org = factory.org()
    page = admin_post(admin_client, org.id, password="kort")
    message = "Het wachtwoord moet minstens 10 tekens hebben."
    assert message in field_block(page, "user-password")
    assert message not in field_block(page, "user-email")
    assert 'id="user-password-error"' in page and 'id="user-email-error"' not in page
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="user-password"|<input[^>]*id="user-password"[^>]*'
                     r'aria-invalid="true"', page)
    assert f'<a href="#user-password">Wachtwoord: {message}</a>' in summary(page)
    # the summary is at the top of the form, before its first field
    form = page[page.index('<h2>Nieuwe gebruiker</h2>'):]
    assert form.index('class="error-summary"') < form.index('for="user-email"')


def test_a_taken_address_is_reported_under_the_address(admin_client, factory):
    org = factory.org()
    factory.user(org, email="bestaat@example.nl")
    page = admin_post(admin_client, org.id, email="bestaat@example.nl")
    assert "Er is al een gebruiker met e-mailadres bestaat@example.nl." in field_block(page, "user-email")
    assert 'href="#user-email"' in summary(page)


def test_several_errors_each_under_their_field_and_all_in_the_summary(admin_client, factory):
    org = factory.org()
    page = admin_post(admin_client, org.id, email="", password="")
    assert "Dit veld is verplicht." in field_block(page, "user-email")
    assert "Dit veld is verplicht." in field_block(page, "user-password")
    assert 'href="#user-email"' in summary(page) and 'href="#user-password"' in summary(page)


def test_the_coordinators_member_form_puts_the_password_error_under_the_password(coordinator):
    client, org = coordinator
    response = client.post(f"/organisaties/{org.id}/leden", data={
        "email": "nieuw@example.nl", "role": "lezer", "name": "", "password": "kort"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    message = "Het wachtwoord moet minstens 10 tekens hebben."
    assert message in field_block(page, "password") and message not in field_block(page, "email")
    assert f'<a href="#password">Wachtwoord: {message}</a>' in summary(page)


def test_a_form_without_errors_has_no_summary(admin_client):
    response = admin_client.get("/beheer/gebruikers")
    assert 'class="error-summary"' not in response.get_data(as_text=True)
