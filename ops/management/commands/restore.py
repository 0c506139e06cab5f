from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import DEFAULT_DB_ALIAS

from ops import backups


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup`: its database into an empty "
        "database of the same engine (DATABASE_URL), its files into the media storage "
        "(DJANGO_MEDIA_ROOT). Every file is checked against the archive's checksums "
        "first; nothing is written unless all checks pass."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive (newsroom-….tar) to restore.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The empty database to restore into (default: 'default').",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the archive and the targets only; write nothing.",
        )

    @no_translations
    def handle(self, *args, archive, database, dry_run, **options):
        path = Path(archive)
        try:
            if dry_run:
                manifest = backups.restore_check(path, using=database)
            else:
                manifest = backups.restore(path, using=database)
        except backups.BackupError as error:
            raise CommandError(f"Restore failed: {error}.") from None
        verb = "Would restore" if dry_run else "Restored"
        self.stdout.write(
            f"{verb} the {manifest.engine} database of {manifest.created} and "
            f"{len(manifest.media)} media files from {path}."
        )
        if options["verbosity"] >= 2:
            for app, migration in manifest.migrations.items():
                self.stdout.write(f"  {app}: {migration}")
        if not dry_run and options["verbosity"] >= 1:
            self.stdout.write(
                "Run `manage.py migrate` if this code is newer than the backup."
            )
