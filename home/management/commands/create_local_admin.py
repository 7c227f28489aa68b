"""Create the local admin account that `make run` prints, once, and print its login.

The password comes from ADMIN_PASSWORD or is generated on the first run and kept in
.admin-login (ignored by git), so a second run prints the same login.
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

    def handle(self, *args, username, **options):
        login_file = Path(settings.BASE_DIR) / ".admin-login"
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
