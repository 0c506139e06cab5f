import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = Path(settings.BASE_DIR) / ".admin-password"


class Command(BaseCommand):
    help = (
        "Make sure an administrator account exists. The password comes from "
        "NEWSROOM_ADMIN_PASSWORD or is generated once, saved to .admin-password "
        "(readable by you only) and printed. An existing account is never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username",
            default=os.environ.get("NEWSROOM_ADMIN_USERNAME", "admin"),
            help="Account name (default: NEWSROOM_ADMIN_USERNAME or 'admin').",
        )

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            where = (
                f" (password in {PASSWORD_FILE.name})" if PASSWORD_FILE.exists() else ""
            )
            self.stdout.write(f"Admin account '{username}' already exists{where}.")
            return
        password = os.environ.get("NEWSROOM_ADMIN_PASSWORD", "")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        if generated:
            PASSWORD_FILE.write_text(password + "\n", encoding="utf-8")
            PASSWORD_FILE.chmod(0o600)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created admin account '{username}' with password: {password}\n"
                    f"(saved in {PASSWORD_FILE.name}; set NEWSROOM_ADMIN_PASSWORD to "
                    "choose your own)"
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created admin account '{username}' with the password from "
                    "NEWSROOM_ADMIN_PASSWORD."
                )
            )
