import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, no_translations

from articles.text import match_key
from ingest.files import count_files, files_from_paths
from ingest.importer import Figure, ParseError, parse
from ingest.importer.readings import COULD_BE, unsure_blocks
from ingest.jobs import import_many
from ingest.progress import ImportProgress
from ingest.services import ImportStatus, SourceIndex, known_credits
from ingest.signals import files_imported


class Command(BaseCommand):
    help = (
        "Import raw pieces (the seed text format, or TREC <DOC> archive files) as "
        "articles. Each file is imported whole or not at all; a piece already imported is "
        "recognised and not duplicated; a piece editors changed is never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            help="Files, folders (every *.txt inside) or .zip files.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report; save nothing."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="With --dry-run: print one JSON object per file (the parsed structure, "
            'or {"file": …, "error": …}).',
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the imported articles (at the time the piece gives, or now) "
            "through the editorial workflow, as --user; pieces that fail the editorial "
            "checks stay drafts.",
        )
        parser.add_argument(
            "--user", help="Username recorded as the creator of the imported articles."
        )
        parser.add_argument(
            "--source",
            help="Source name for pieces without an “المصدر” line (must exist).",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Import with this many worker processes (each file still in its own "
            "transaction); useful for large archives on PostgreSQL. Default: 1.",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=settings.NEWSROOM_IMPORT_MAX_BYTES,
            help="Largest file accepted, in bytes (default: NEWSROOM_IMPORT_MAX_BYTES).",
        )

    @no_translations
    def handle(
        self,
        *args,
        paths,
        dry_run,
        as_json,
        publish,
        user,
        source,
        max_bytes,
        jobs,
        **options,
    ):
        self.verbosity = options["verbosity"]
        if as_json and not dry_run:
            raise CommandError("--json goes with --dry-run.")
        if publish and not user and not dry_run:
            raise CommandError(
                "--publish needs --user: the account (allowed to publish) recorded as "
                "publishing the articles."
            )
        user = self._user(user)
        default_source = self._source(source)
        counts = dict.fromkeys(ImportStatus, 0)
        files = files_from_paths(paths, max_bytes=max_bytes)
        if dry_run:
            known = known_credits()
            for file in files:
                if file.data is None:
                    status = (
                        ImportStatus.SKIPPED if file.skipped else ImportStatus.FAILED
                    )
                    self._report(as_json, file.name, status, file.error)
                else:
                    status = self._dry_run(file, as_json, max_bytes, known)
                counts[status] += 1
        else:
            reports = import_many(
                files,
                jobs=jobs,
                user_id=user.pk if user else None,
                publish=publish,
                source_id=default_source.pk if default_source else None,
                max_bytes=max_bytes,
            )
            self.progress = ImportProgress(
                total=count_files(paths),
                stream=self.stderr._out,
                enabled=self.verbosity > 0,
            )
            try:
                for report in reports:
                    counts[report.status] += 1
                    self._report_result(report)
                    self.progress.advance()
            finally:
                took = self.progress.close()
                files_imported.send(
                    sender=self.__class__,
                    user=user,
                    counts={str(s): n for s, n in counts.items() if n},
                    where=" ".join(paths),
                )
        if not as_json and self.verbosity:
            if dry_run:
                counts["would be imported"] = counts.pop(ImportStatus.CREATED)
            summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
            prefix = "Dry run, nothing saved" if dry_run else "Done"
            line = f"{prefix}: {summary or 'no files'}."
            if not dry_run:
                line += f" {sum(counts.values()):,} files {took}."
            self.stdout.write(line)
        if counts[ImportStatus.FAILED]:
            raise CommandError(f"{counts[ImportStatus.FAILED]} file(s) failed.")

    def _dry_run(self, file, as_json, max_bytes, known):
        try:
            piece = parse(
                file.data, filename=file.name, max_bytes=max_bytes, known_credits=known
            )
        except ParseError as error:
            self._report(as_json, file.name, ImportStatus.FAILED, str(error))
            return ImportStatus.FAILED
        if as_json:
            unsure = [
                {"line": line, "read_as": reading, "could_be": COULD_BE[reading][0]}
                | (
                    {"could_also_be": list(COULD_BE[reading][1:])}
                    if len(COULD_BE[reading]) > 1
                    else {}
                )
                for line, reading in unsure_blocks(piece).items()
            ]
            self.stdout.write(
                json_line({"file": file.name, **piece.to_json(), "unsure": unsure})
            )
        elif self.verbosity:
            figures = sum(1 for b in piece.blocks if isinstance(b, Figure))
            self.stdout.write(
                f"{file.name}: would import “{piece.headline}” "
                f"({len(piece.blocks)} blocks, {figures} figures, "
                f"sources: {' + '.join(piece.sources) or '-'})"
            )
            for warning in piece.warnings:
                self.stdout.write(f"  warning: {warning.message}")
        return ImportStatus.CREATED

    def _report_result(self, report):
        if report.status == ImportStatus.FAILED:
            self._line(f"FAILED {report.message}", self.stderr)
            return
        if report.skipped:
            if self.verbosity:
                self._line(report.message)
            return
        if self.verbosity == 0 and report.status != ImportStatus.KEPT:
            return
        line = f"{report.status}: {report.filename} → #{report.article_id} “{report.headline}”"
        if report.message:
            line += f" ({report.message})"
        self._line(line)
        for name in report.new_sources:
            self._line(f"  new source to confirm: {name}")
        for warning in report.photo_warnings:
            self._line(f"  photo: {warning}")
        if self.verbosity > 1:
            for warning in report.warnings:
                self._line(f"  warning: {warning}")

    def _line(self, text, stream=None):
        """Write a report line (on stdout, or ``stream``) above the progress bar."""
        stream = stream or self.stdout
        self.progress.write(stream.style_func(text), stream._out)

    def _report(self, as_json, name, status, message):
        if as_json:
            if status == ImportStatus.FAILED:
                self.stdout.write(json_line({"file": name, "error": message}))
            return
        if status == ImportStatus.FAILED:
            self.stderr.write(f"FAILED {message}")
        elif self.verbosity:
            self.stdout.write(message)

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None

    def _source(self, name):
        if not name:
            return None
        source = SourceIndex([name]).by_key.get(match_key(name))
        if source is None:
            raise CommandError(
                f"No source named {name!r} (see the admin's source list)."
            )
        return source


def json_line(data) -> str:
    return json.dumps(data, ensure_ascii=False)
