"""Who reaches the admin: no anonymous visitor, no one outside the allowed networks,
and no one guessing passwords past the failure limit."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from petitions.models import Signature
from tests.petitions.factories import SignatureFactory

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/users/",
    "/admin/locales/",
    "/admin/reports/",
    "/admin/signatures/",
    "/admin/signatures/?export=csv",
    "/admin/signatures/?export=xlsx",
]


def sign_in(client, username, password, **headers):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, headers=headers
    )


@pytest.mark.parametrize("path", ADMIN_URLS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("path", ADMIN_URLS)
def test_users_without_admin_access_see_no_admin_page(client, path):
    user = get_user_model().objects.create_user(username="signer", password="x" * 20)
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={quote(path)}"


@pytest.mark.parametrize("who", ["anonymous", "member without admin access", "editor"])
def test_signer_data_is_shown_only_to_staff_allowed_to_view_signatures(client, petition, who):
    """Signer lists, exports, details and the dashboard: a redirect, a refusal, or no data."""
    signature = SignatureFactory(
        petition=petition, last_name="Xiuhtecuhtli", email="hidden.signer.4417@example.org"
    )
    if who != "anonymous":
        user = get_user_model().objects.create_user(username="someone", password="x" * 20)
        if who == "editor":  # in the admin, but without the permission to view signatures
            user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
    index = reverse("signatures:index")
    views = [
        index,
        f"{index}?export=csv",
        f"{index}?export=xlsx",
        f"{index}?petition_key={petition.translation_key}&export=csv",
        reverse("signatures:index_results") + "?q=hidden",
        reverse("signatures:inspect", args=(signature.pk,)),
        reverse("signatures:delete", args=(signature.pk,)),
    ]
    for url in views:
        response = client.get(url)
        assert response.status_code == 302, url
        if who == "editor":  # back to the dashboard, with "you do not have permission"
            assert response["Location"] == reverse("wagtailadmin_home"), url
        else:
            assert response["Location"].startswith("/admin/login/?next="), url
        assert not response.streaming, url
        assert b"hidden.signer" not in response.content, url
    dashboard = client.get(reverse("wagtailadmin_home"))
    if who == "editor":  # the open petitions panel, with its count but no signer
        assert dashboard.status_code == 200
        assert petition.title in dashboard.content.decode()
    else:
        assert dashboard.status_code == 302
    for private in (b"hidden.signer", b"Xiuhtecuhtli", b"export=csv"):
        assert private not in dashboard.content
    client.post(reverse("signatures:delete", args=(signature.pk,)))
    assert Signature.objects.filter(pk=signature.pk).exists()


def test_editor_signs_in_with_the_right_password(client, superuser, superuser_password):
    response = sign_in(client, "admin", superuser_password)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_too_many_wrong_passwords_lock_the_address_out(
    client, superuser, superuser_password, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert sign_in(client, "admin", "wrong").status_code == 200
    locked = sign_in(client, "admin", "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    # Even the right password is refused until the cool-off ends.
    assert sign_in(client, "admin", superuser_password).status_code == 429
    assert client.get("/admin/").status_code == 302


def test_lockout_message_says_how_long_to_wait_in_the_visitors_language(
    client, superuser, settings
):
    settings.AXES_FAILURE_LIMIT = 1
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    html = sign_in(client, "admin", "wrong", accept_language="es").content.decode()
    assert "Demasiados intentos fallidos de iniciar sesión" in html
    assert "15 minutos" in html


def test_the_lockout_ends_after_the_cool_off(client, superuser, superuser_password, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    sign_in(client, "admin", "wrong")
    assert sign_in(client, "admin", "wrong").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "admin", superuser_password).status_code == 302


def test_behind_a_proxy_each_visitor_is_locked_out_on_their_own(
    superuser, superuser_password, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 2
    attacker, staff = Client(), Client()
    for _ in range(2):
        response = sign_in(attacker, "admin", "wrong", x_forwarded_for="203.0.113.7")
    assert response.status_code == 429
    response = sign_in(staff, "admin", superuser_password, x_forwarded_for="198.51.100.4")
    assert response.status_code == 302


def test_admin_is_closed_outside_the_allowed_networks(client, home, settings):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.0.0.0/8", "2001:db8::/32"]
    assert client.get("/admin/login/", REMOTE_ADDR="192.0.2.1").status_code == 403
    assert client.get("/admin/login/", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/admin/login/", REMOTE_ADDR="2001:db8::1").status_code == 200
    # The public site stays open to everyone.
    assert client.get("/en/", REMOTE_ADDR="192.0.2.1").status_code == 200


def test_admin_network_is_the_address_the_trusted_proxy_saw(client, settings):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    settings.TRUSTED_PROXY_COUNT = 1
    allowed = client.get("/admin/login/", headers={"x-forwarded-for": "10.1.2.3"})
    assert allowed.status_code == 200
    # A client that writes an allowed address itself is still judged by its own.
    forged = client.get("/admin/login/", headers={"x-forwarded-for": "10.1.2.3, 192.0.2.1"})
    assert forged.status_code == 403


def test_without_a_trusted_proxy_forwarded_addresses_are_ignored(client, settings):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    response = client.get(
        "/admin/login/", REMOTE_ADDR="192.0.2.1", headers={"x-forwarded-for": "10.1.2.3"}
    )
    assert response.status_code == 403
