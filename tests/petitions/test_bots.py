"""Bots: a honeypot field and a per-address limit kept in the shared cache."""

import hashlib
import subprocess
import sys
import uuid

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from petitions import throttle
from petitions.models import Signature
from tests.environment import (
    REDIS_TEST_URL,
    clean_environment,
    forget_redis_keys,
    require_redis,
)
from tests.petitions.factories import SignerFormDataFactory

pytestmark = pytest.mark.django_db

ENGLISH_URL = "/en/petitions/stop-powering-ice/"
SPANISH_URL = "/es/petitions/stop-powering-ice/"


def test_honeypot_is_hidden_from_people_and_screen_readers(client, petition):
    html = client.get(ENGLISH_URL).content.decode()
    assert '<div class="petition-form__trap" aria-hidden="true">' in html
    assert 'name="website" autocomplete="off" tabindex="-1"' in html


def test_filled_honeypot_looks_like_success_but_stores_nothing(client, petition):
    data = {**SignerFormDataFactory(), "website": "http://spam.example"}
    response = client.post(ENGLISH_URL, data)
    assert response.status_code == 303
    assert response["Location"] == f"{ENGLISH_URL}thanks/"
    assert Signature.objects.count() == 0
    assert mail.outbox == []


def test_too_many_signatures_from_one_address_get_429_in_each_language(
    client, settings, spanish_petition
):
    settings.PETITION_RATE_LIMIT = "2/600"
    for _ in range(2):
        assert client.post(ENGLISH_URL, SignerFormDataFactory()).status_code == 303

    response = client.post(ENGLISH_URL, SignerFormDataFactory(first_name="Ana"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many signatures from your connection. Please try again later." in html
    assert 'value="Ana"' in html  # the answers are kept for a later try

    response = client.post(SPANISH_URL, SignerFormDataFactory())
    assert response.status_code == 429
    assert "Llegaron demasiadas firmas desde tu conexión." in response.content.decode()
    assert Signature.objects.count() == 2


def test_limit_is_per_address(client, settings, petition):
    settings.PETITION_RATE_LIMIT = "1/600"

    def sign(address):
        return client.post(ENGLISH_URL, SignerFormDataFactory(), REMOTE_ADDR=address).status_code

    assert [sign("198.51.100.1"), sign("198.51.100.1"), sign("198.51.100.2")] == [303, 429, 303]


def test_limit_ends_after_its_period(client, settings, petition, later):
    settings.PETITION_RATE_LIMIT = "1/600"

    def sign():
        return client.post(ENGLISH_URL, SignerFormDataFactory()).status_code

    assert [sign(), sign()] == [303, 429]
    later(seconds=300)
    assert sign() == 429
    later(seconds=601)
    assert [sign(), sign()] == [303, 429]


def test_forwarded_for_header_is_ignored_without_trusted_proxies(client, settings, petition):
    settings.PETITION_RATE_LIMIT = "1/600"
    for number, expected in ((1, 303), (2, 429)):
        response = client.post(
            ENGLISH_URL, SignerFormDataFactory(), HTTP_X_FORWARDED_FOR=f"192.0.2.{number}"
        )
        assert response.status_code == expected


def test_behind_a_trusted_proxy_the_address_it_saw_is_used(client, settings, petition):
    settings.PETITION_RATE_LIMIT = "1/600"
    settings.TRUSTED_PROXY_COUNT = 1

    def sign(forwarded_for):
        data = SignerFormDataFactory()
        return client.post(ENGLISH_URL, data, HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    assert sign("192.0.2.1") == 303
    assert sign("192.0.2.2") == 303
    # A client writing its own header cannot pass for someone else: the proxy
    # appends the address it really saw.
    assert sign("192.0.2.99, 192.0.2.1") == 429


def test_only_a_salted_hash_of_the_address_is_stored(client, petition):
    client.post(ENGLISH_URL, SignerFormDataFactory(), REMOTE_ADDR="203.0.113.7")
    client.post(ENGLISH_URL, SignerFormDataFactory(), REMOTE_ADDR="203.0.113.7")
    client.post(ENGLISH_URL, SignerFormDataFactory(), REMOTE_ADDR="203.0.113.8")
    hashes = list(Signature.objects.order_by("pk").values_list("ip_hash", flat=True))
    assert hashes[0] == hashes[1] != hashes[2]
    stored = " ".join(str(value) for row in Signature.objects.values_list() for value in row)
    assert "203.0.113" not in stored
    assert hashes[0] != hashlib.sha256(b"203.0.113.7").hexdigest()  # unsalted: reversible


def test_an_attempt_whose_count_expired_midway_starts_a_new_period(settings, monkeypatch, later):
    """The count can expire between cache.add() and cache.incr(): that attempt is the
    first of a new period, as long as the configured one."""
    settings.PETITION_RATE_LIMIT = "1/1000"
    address_hash = throttle.ip_hash("198.51.100.9")
    key = f"petitions:signing-attempts:{address_hash}"
    incr, expired = cache.incr, []

    def expire_the_first_time(*args, **kwargs):
        if not expired:
            expired.append(key)
            cache.delete(key)
        return incr(*args, **kwargs)

    monkeypatch.setattr(cache, "incr", expire_the_first_time)
    assert [throttle.over_limit(address_hash) for _ in range(2)] == [False, True]
    for seconds, limited in ((601, True), (1001, False)):
        later(seconds=seconds)
        assert throttle.over_limit(address_hash) is limited


@pytest.mark.parametrize("value", ["10", "ten/600", "0/600", "10/0", "10/600/5", ""])
def test_malformed_rate_limit_is_a_configuration_error(value):
    with pytest.raises(ImproperlyConfigured, match="PETITION_RATE_LIMIT"):
        throttle.parse_rate(value)


def test_limit_holds_across_web_processes_sharing_redis(settings):
    """Attempts counted in another process count here too, as in production."""
    require_redis()
    prefix = f"hub-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.PETITION_RATE_LIMIT = "3/60"
    address_hash = throttle.ip_hash(f"test-{uuid.uuid4()}")
    try:
        other_process = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup(); from petitions.throttle import over_limit; "
                f"print([over_limit('{address_hash}') for _ in range(3)])",
            ],
            env=clean_environment(
                DJANGO_SETTINGS_MODULE="hub.settings.dev",
                REDIS_URL=REDIS_TEST_URL,
                REDIS_KEY_PREFIX=prefix,
                PETITION_RATE_LIMIT="3/60",
            ),
            capture_output=True,
            text=True,
            cwd=django_settings.BASE_DIR,
            timeout=60,
        )
        assert other_process.stdout.strip() == "[False, False, False]", other_process.stderr
        assert throttle.over_limit(address_hash) is True
    finally:
        forget_redis_keys(prefix)
