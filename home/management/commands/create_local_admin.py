"""Create the local admin account that `make run` prints, once, and print its login.

The password comes from ADMIN_PASSWORD or is generated on the first run and kept in the
login file (ignored by git), so a second run prints the same login, and resets the
account's password to it if it was changed. The login file is --login-file, or
ADMIN_LOGIN_FILE, or .admin-login; a relative path is taken from the project root, where
`make run` reads it. Tests point it elsewhere, so they never replace a developer's login.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a local superuser for development (idempotent) and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))
        parser.add_argument(
            "--login-file",
            default=os.environ.get("ADMIN_LOGIN_FILE") or ".admin-login",
            help="Where the password is kept (default: ADMIN_LOGIN_FILE, or .admin-login "
            "in the project root).",
        )

    def handle(self, *args, username, login_file, **options):
        login_file = Path(settings.BASE_DIR) / login_file
        password = os.environ.get("ADMIN_PASSWORD")
        if not password and login_file.exists():
            password = login_file.read_text().strip()
        if not password:
            password = secrets.token_urlsafe(12)
        login_file.write_text(password + "\n")
        login_file.chmod(0o600)

        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@localhost"}
        )
        if created or not user.check_password(password):
            user.set_password(password)
        user.is_staff = user.is_superuser = user.is_active = True
        user.save()
        self.stdout.write(f"Admin login: {username} / {password}")
