"""After people sign, no public response shows a signer's email, last name or ZIP code:
not the petition, its index or thank-you pages, the search results, the feeds or the sitemap."""

import pytest

from tests.petitions.factories import SignerFormDataFactory
from tests.security.conftest import PETITION_URLS

pytestmark = pytest.mark.django_db

SIGNERS = [
    {"last_name": "Quauhtlehuanitzin", "email": "itzel.q.5512@example.org", "postal_code": "85099"},
    {
        "last_name": "Tlanextli-Ybarra",
        "email": "tlanextli.7731@example.net",
        "postal_code": "85310",
    },
]
SEARCHES = ["/en/search/?q=Amazon", "/es/buscar/?q=Amazon", "/en/search/?q=ICE"]
PUBLIC_URLS = [
    "/en/",
    "/es/",
    "/en/petitions/",
    "/es/petitions/",
    *PETITION_URLS,
    *(f"{url}thanks/" for url in PETITION_URLS),
    *SEARCHES,
    "/en/blog/feed/",
    "/es/blog/feed/",
    "/sitemap.xml",
    "/robots.txt",
]


def test_signer_data_appears_in_no_public_response(client, every_page_type, subtests):
    for signer, url in zip(SIGNERS, PETITION_URLS, strict=True):
        assert client.post(url, SignerFormDataFactory(**signer)).status_code == 303
    for url in PUBLIC_URLS:
        with subtests.test(url):
            response = client.get(url)
            assert response.status_code == 200
            text = response.content.decode().casefold()
            if url in SEARCHES:
                assert 'class="search-result' in text  # the petition is found, with its excerpt
            for signer in SIGNERS:
                for value in signer.values():
                    assert value.casefold() not in text
