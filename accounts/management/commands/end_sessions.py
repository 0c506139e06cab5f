from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import sessions


class Command(BaseCommand):
    help = (
        "Sign a user out everywhere at once: end all their sessions (e.g. a lost "
        "laptop). They can sign in again unless their account is deactivated too."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user to sign out everywhere.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the user's sessions; end none.",
        )

    def handle(self, *args, username, dry_run, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if dry_run:
            count = len(sessions.sessions_active(user))
            self.stdout.write(f"Would end {count} sessions of {username}.")
            return
        ended = sessions.sessions_end(user)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Ended {ended} sessions of {username}.")
