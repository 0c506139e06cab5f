from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import DEFAULT_DB_ALIAS, connections

from ops import backups


class Command(BaseCommand):
    help = (
        "Write the database (PostgreSQL: pg_dump's custom format; SQLite: its online "
        "backup API) and every uploaded file to a dated archive in FOLDER, readable by "
        "its owner only. `manage.py restore` reads it back into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", help="Where to write the archive (created if needed)."
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="Then delete all but the KEEP newest archives in FOLDER "
            "(default: 0, delete none).",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database to back up (default: 'default').",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be written and deleted; write and delete nothing.",
        )

    @no_translations
    def handle(self, *args, folder, keep, database, dry_run, **options):
        if keep < 0:
            raise CommandError("--keep must be 0 or more.")
        folder = Path(folder)
        try:
            if dry_run:
                engine = backups.engine_of(connections[database])
                media = backups.media_names(default_storage)
                self.stdout.write(
                    f"Would write the {engine} database and {len(media)} media "
                    f"files to {folder}/"
                )
            else:
                path, manifest = backups.backup_write(folder, using=database)
                size = path.stat().st_size
                self.stdout.write(
                    f"Wrote {path} ({manifest.engine} database, "
                    f"{len(manifest.media)} media files, {size:,} bytes)."
                )
            if keep:
                old = backups.archives_prune(
                    folder, keep=keep, dry_run=dry_run, adding=int(dry_run)
                )
                verb = "Would delete" if dry_run else "Deleted"
                for path in old:
                    if options["verbosity"] >= 2:
                        self.stdout.write(f"{verb} {path}")
                if options["verbosity"] >= 1:
                    self.stdout.write(f"{verb} {len(old)} older archives.")
        except backups.BackupError as error:
            raise CommandError(f"Backup failed: {error}.") from None
