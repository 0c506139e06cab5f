from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import two_factor


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and backup codes (a lost phone) and sign "
        "them out everywhere. At their next sign-in they set up a new app, as their "
        "role requires."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Whose two-factor sign-in to reset.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say whether the user has two-factor sign-in set up; remove nothing.",
        )

    def handle(self, *args, username, dry_run, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if dry_run:
            state = "set up" if two_factor.two_factor_enrolled(user) else "not set up"
            self.stdout.write(f"Two-factor sign-in of {username} is {state}.")
            return
        removed = two_factor.two_factor_reset(user)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Removed {removed} two-factor devices of {username} and signed them "
                "out everywhere."
            )
