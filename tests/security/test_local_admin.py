"""`manage.py create_local_admin`, which `make run` uses: a superuser whose random password
is kept in a login file only its owner can read, the same on every run, and never the
developer's own .admin-login when a test or tool names another file."""

import io
import stat
import subprocess

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LOGIN = "Admin login: {username} / {password}\n"


@pytest.fixture
def project(tmp_path, settings, monkeypatch):
    """A project root of the test's own, so the developer's .admin-login stays untouched,
    and none of the developer's own admin variables."""
    for name in ("ADMIN_USERNAME", "ADMIN_PASSWORD", "ADMIN_LOGIN_FILE"):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "project"
    root.mkdir()
    settings.BASE_DIR = root
    return root


def create_local_admin(*args):
    stdout = io.StringIO()
    call_command("create_local_admin", *args, stdout=stdout)
    return stdout.getvalue()


def login_in(path):
    return path.read_text().strip()


def test_first_run_creates_a_superuser_with_a_random_password_kept_for_its_owner(project):
    output = create_local_admin()
    password = login_in(project / ".admin-login")
    assert output == LOGIN.format(username="admin", password=password)
    assert len(password) >= 16
    assert stat.S_IMODE((project / ".admin-login").stat().st_mode) == 0o600
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff and user.is_active
    assert user.check_password(password)

    create_local_admin("--username", "other", "--login-file", "other-login")
    assert login_in(project / "other-login") != password  # generated, not a fixed default


def test_a_second_run_prints_the_same_login(project):
    first = create_local_admin()
    assert create_local_admin() == first
    password = login_in(project / ".admin-login")
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert get_user_model().objects.count() == 1


def test_a_changed_password_is_reset_to_the_login_the_file_shows(project):
    create_local_admin()
    user = get_user_model().objects.get(username="admin")
    user.set_password("changed-in-the-admin")
    user.save()
    assert create_local_admin() == LOGIN.format(
        username="admin", password=login_in(project / ".admin-login")
    )
    user.refresh_from_db()
    assert user.check_password(login_in(project / ".admin-login"))
    assert not user.check_password("changed-in-the-admin")


def test_admin_username_and_password_come_from_the_environment(project, monkeypatch):
    monkeypatch.setenv("ADMIN_USERNAME", "organizer")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-password-from-the-environment")
    assert create_local_admin() == LOGIN.format(
        username="organizer", password="a-password-from-the-environment"
    )
    assert login_in(project / ".admin-login") == "a-password-from-the-environment"
    user = get_user_model().objects.get(username="organizer")
    assert user.check_password("a-password-from-the-environment")


def test_admin_login_file_variable_keeps_the_developers_login_untouched(
    project, tmp_path, monkeypatch
):
    (project / ".admin-login").write_text("the-developers-password\n")
    monkeypatch.setenv("ADMIN_LOGIN_FILE", str(tmp_path / "browser-test-login"))
    output = create_local_admin()
    password = login_in(tmp_path / "browser-test-login")
    assert output == LOGIN.format(username="admin", password=password)
    assert password != "the-developers-password"
    assert (project / ".admin-login").read_text() == "the-developers-password\n"

    # A relative name is taken from the project root, where `make run` reads it.
    monkeypatch.setenv("ADMIN_LOGIN_FILE", "ci-login")
    assert create_local_admin() == LOGIN.format(
        username="admin", password=login_in(project / "ci-login")
    )


def test_login_file_option_wins_over_the_variable(project, tmp_path, monkeypatch):
    monkeypatch.setenv("ADMIN_LOGIN_FILE", str(tmp_path / "from-the-variable"))
    create_local_admin("--login-file", str(tmp_path / "from-the-option"))
    assert (tmp_path / "from-the-option").exists()
    assert not (tmp_path / "from-the-variable").exists()
    assert not (project / ".admin-login").exists()


@pytest.mark.parametrize("named", [True, False], ids=["ADMIN_LOGIN_FILE", "default"])
def test_make_run_prints_the_password_from_the_login_file(tmp_path, named):
    """What `make run` would print, with the login in the file ADMIN_LOGIN_FILE names, or
    in .admin-login when it names none."""
    plan = subprocess.run(
        ["make", "--no-print-directory", "-n", "run"],
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    admin_line = next(line for line in plan.splitlines() if "Admin:" in line)
    env = {"PATH": "/usr/bin:/bin"}
    if named:
        (tmp_path / "elsewhere").write_text("from-the-named-file\n")
        env["ADMIN_LOGIN_FILE"] = str(tmp_path / "elsewhere")
    else:
        (tmp_path / ".admin-login").write_text("from-the-default-file\n")
    printed = subprocess.run(
        ["sh", "-c", admin_line], cwd=tmp_path, env=env, capture_output=True, text=True
    ).stdout
    expected = "from-the-named-file" if named else "from-the-default-file"
    assert f"(user admin, password {expected})" in printed
