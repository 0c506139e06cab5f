from django.core.management.base import BaseCommand, CommandError

from search.services import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the search keys of every article and caption and rebuild the search "
        "index (after a change to the normaliser, or to repair it). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Articles per transaction (default 500).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the articles whose search keys are out of date.",
        )

    def handle(self, *args, batch_size, dry_run, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        stale = search_index_rebuild(batch_size=batch_size, dry_run=dry_run)
        if options["verbosity"]:
            if dry_run:
                self.stdout.write(f"{stale} article(s) have out-of-date search keys.")
            else:
                self.stdout.write(
                    f"Search index rebuilt; {stale} article(s) had out-of-date keys."
                )
