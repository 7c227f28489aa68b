"""One petition signed through two app processes, as a load balancer in front of several
web nodes sends a signer's requests wherever it likes.

The processes run production settings on the test database (PostgreSQL, or on SQLite the
same database file, written by both at once) and one Redis, as in production.
"""

import re
import threading

import pytest
import redis

from petitions.models import Signature
from tests.environment import REDIS_TEST_URL, AppProcesses, Browser
from tests.petitions.factories import SignerFormDataFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ENGLISH_URL = "/en/petitions/stop-powering-ice/"
SPANISH_URL = "/es/petitions/stop-powering-ice/"
RATE_LIMIT = 3
SETTINGS = {
    "PETITION_RATE_LIMIT": f"{RATE_LIMIT}/600",
    # Behind the balancer: the visitor's address is the last one in X-Forwarded-For.
    "TRUSTED_PROXY_COUNT": "1",
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
}
CROWD = 10


def shown_count(browser, url):
    status, _, html = browser.request("GET", url)
    assert status == 200, (url, status)
    return int(re.search(r'data-signature-count="(\d+)"', html)[1])


def other(nodes, port):
    first, second = nodes.ports
    return second if port == first else first


def sign_at_once(browsers, urls, signers, tokens):
    """Every browser posts its signer to its url at the same moment; their statuses."""
    barrier = threading.Barrier(len(browsers))
    statuses = [None] * len(browsers)

    def sign(number):
        barrier.wait(timeout=30)
        browser = browsers[number]
        statuses[number] = browser.submit(urls[number], signers[number], tokens[number])[0]

    threads = [threading.Thread(target=sign, args=(number,)) for number in range(len(browsers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return statuses


def test_signers_served_by_both_processes_are_each_counted_once_in_both_languages(
    spanish_petition,
):
    ana = SignerFormDataFactory(email="ana.two.nodes@example.org")
    luis = SignerFormDataFactory(email="luis.two.nodes@example.org")
    crowd = [SignerFormDataFactory() for _ in range(CROWD)]
    with AppProcesses(2, **SETTINGS) as nodes:
        first, second = nodes.ports

        # Ana reads the English page on one process; her signature reaches the other.
        ana_browser = Browser(first, https=True, address="198.51.100.11")
        token = ana_browser.form_token(ENGLISH_URL)
        ana_browser.port = second
        status, headers, _ = ana_browser.submit(ENGLISH_URL, ana, token)
        assert (status, headers["Location"]) == (303, f"{ENGLISH_URL}thanks/")

        # Luis, the other way round, in Spanish.
        luis_browser = Browser(second, https=True, address="198.51.100.12")
        token = luis_browser.form_token(SPANISH_URL)
        luis_browser.port = first
        status, headers, _ = luis_browser.submit(SPANISH_URL, luis, token)
        assert (status, headers["Location"]) == (303, f"{SPANISH_URL}thanks/")

        # Ana signs again through the first process: counted once, and told so by the second.
        ana_browser.port = first
        token = ana_browser.form_token(ENGLISH_URL)
        again = {**ana, "email": ana["email"].upper()}
        assert ana_browser.submit(ENGLISH_URL, again, token)[0] == 303
        ana_browser.port = second
        _, _, thanks = ana_browser.request("GET", f"{ENGLISH_URL}thanks/")
        assert "You had already signed this petition with this email" in thanks

        # Ten more sign at the same moment, each through the process that did not show
        # them the form, half in each language: both processes write at once.
        browsers = [
            Browser(nodes.ports[number % 2], https=True, address=f"192.0.2.{number + 1}")
            for number in range(CROWD)
        ]
        urls = [SPANISH_URL if number % 2 else ENGLISH_URL for number in range(CROWD)]
        tokens = [browser.form_token(url) for browser, url in zip(browsers, urls, strict=True)]
        for browser in browsers:
            browser.port = other(nodes, browser.port)
        assert sign_at_once(browsers, urls, crowd, tokens) == [303] * CROWD

        expected = 2 + CROWD
        reader = Browser(first, https=True)
        for port in nodes.ports:
            reader.port = port
            for url in (ENGLISH_URL, SPANISH_URL):
                # The thank-you page is never cached: it shows the count as it is now.
                assert shown_count(reader, f"{url}thanks/") == expected, (port, url)

    assert Signature.objects.count() == 2 + CROWD
    assert Signature.objects.filter(email=ana["email"]).count() == 1
    assert Signature.objects.get(email=luis["email"]).language == "es"
    assert Signature.objects.filter(language="es").count() == 1 + CROWD // 2
    assert "database is locked" not in nodes.output
    output = nodes.output.casefold()
    for signer in (ana, luis, *crowd):
        assert signer["email"].casefold() not in output
        assert signer["last_name"].casefold() not in output
    for address in ("198.51.100.11", "198.51.100.12", "192.0.2.1"):
        assert address not in output


def test_the_rate_limit_counts_attempts_through_every_process(petition):
    flooder_address, neighbour_address = "203.0.113.9", "203.0.113.10"
    with AppProcesses(2, **SETTINGS) as nodes:
        flooder = Browser(nodes.ports[0], https=True, address=flooder_address)
        token = flooder.form_token(ENGLISH_URL)
        answers = []
        for attempt in range(RATE_LIMIT + 2):
            flooder.port = nodes.ports[attempt % 2]
            status, _, html = flooder.submit(ENGLISH_URL, SignerFormDataFactory(), token)
            answers.append((status, flooder.port))
            if status == 429:
                assert "Too many signatures from your connection" in html

        # Someone else on another connection still signs.
        neighbour = Browser(nodes.ports[1], https=True, address=neighbour_address)
        token = neighbour.form_token(ENGLISH_URL)
        assert neighbour.submit(ENGLISH_URL, SignerFormDataFactory(), token)[0] == 303

        keys = redis.Redis.from_url(REDIS_TEST_URL).keys(f"{nodes.redis_prefix}:*")
        attempt_keys = [key.decode() for key in keys if b"petitions:signing-attempts:" in key]

    first, second = nodes.ports
    # The limit's next attempt is refused by whichever process gets it, and so is the one after.
    assert answers == [(303, first), (303, second), (303, first), (429, second), (429, first)]
    assert Signature.objects.count() == RATE_LIMIT + 1
    # One shared count per address, kept under a hash, never the address itself.
    assert len(attempt_keys) == 2
    assert not any(flooder_address in key or neighbour_address in key for key in attempt_keys)
    assert flooder_address not in nodes.output
