"""Basic accessibility checks on every page: lang, skip link first, unique ids, every input labelled."""

from __future__ import annotations

import collections
from html.parser import HTMLParser

from .conftest import login


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.labels, self.inputs, self.first_link, self.lang = collections.Counter(), set(), set(), None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        if tag == "a" and self.first_link is None:
            self.first_link = attrs.get("href")
        if tag == "label" and "for" in attrs:
            self.labels.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.inputs.add(attrs.get("id"))


def test_pages_have_lang_skip_link_unique_ids_and_labels(app, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    assessment = factory.assessment(org, user=coordinator)
    factory.org("Bureau", kind="adviesbureau")
    admin = factory.user(factory.org("Beheer", kind="provincie"), "beheerder")
    pages = {coordinator: ["/", f"/beoordelingen/{assessment.id}", f"/beoordelingen/{assessment.id}/pijler/A",
                           f"/beoordelingen/{assessment.id}/pijler/B", "/beoordelingen/nieuw",
                           "/beoordelingen/importeren", "/wachtwoord", f"/organisaties/{org.id}/leden",
                           f"/beoordelingen/{assessment.id}/logboek"],
             admin: ["/beheer/organisaties", "/beheer/gebruikers"]}
    for user, urls in pages.items():
        client = app.test_client()
        login(client, user)
        for url in urls:
            page = _Page()
            page.feed(client.get(url).get_data(as_text=True))
            assert page.lang == "nl", url
            assert page.first_link == "#inhoud", url
            assert [i for i, n in page.ids.items() if n > 1] == [], url
            assert page.inputs - page.labels == set(), url
