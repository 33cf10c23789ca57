from .conftest import login


def test_login_page_renders(client):
    response = client.get("/inloggen")
    assert response.status_code == 200
    assert "Inloggen" in response.get_data(as_text=True)


def test_pages_render_for_a_coordinator(client, factory):
    org = factory.org()
    user = factory.user(org)
    assessment = factory.assessment(org, user=user)
    assert login(client, user).status_code == 302
    for url in ["/", f"/beoordelingen/{assessment.id}", f"/beoordelingen/{assessment.id}/pijler/A",
                f"/beoordelingen/{assessment.id}/logboek", "/beoordelingen/nieuw", "/beoordelingen/importeren",
                "/wachtwoord"]:
        response = client.get(url)
        assert response.status_code == 200, url
