from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db.models.functions import Coalesce

from articles.body import parse_body
from articles.models import Article
from ingest.exporter import FORMATS, article_text, articles_zip, export_filename
from ingest.services import SourceIndex


def iso_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = (
        "Write articles in the seed text format, as Newsroom's own JSON export, or in "
        "the agencies' NewsML-G2, NITF or ninjs (the importer reads each back to the "
        "same structure): one file per article in a folder, or all of them in a .zip."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output", help="A folder (created if needed) or a file name ending in .zip."
        )
        parser.add_argument(
            "--status",
            action="append",
            choices=Article.Status.values,
            help="Only articles in this status (repeat for several; default: all).",
        )
        parser.add_argument(
            "--source",
            action="append",
            help="Only articles from this source (repeatable).",
        )
        parser.add_argument(
            "--since",
            type=iso_date,
            help="Only articles published or created on or after this date.",
        )
        parser.add_argument(
            "--until",
            type=iso_date,
            help="Only articles published or created on or before this date.",
        )
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace files that already exist."
        )
        parser.add_argument(
            "--format",
            choices=sorted(FORMATS),
            default="seed",
            dest="export_format",
            help="seed: the seed text format (.txt; no standfirst, byline, original "
            "address or time); json: Newsroom's own export (.json), which the import "
            "reads back whole; newsml-g2 (.newsml.xml, NewsML-G2 2.35 with an NITF "
            "body), nitf (.nitf.xml, NITF 3.6) or ninjs (.ninjs.json, ninjs 3.1): "
            "for agencies and partners. Default: seed.",
        )

    @no_translations
    def handle(
        self,
        *args,
        output,
        status,
        source,
        since,
        until,
        overwrite,
        export_format,
        **options,
    ):
        articles = Article.objects.order_by("pk")
        if status:
            articles = articles.filter(status__in=status)
        if source:
            index = SourceIndex(source)
            missing = [name for name in source if index.find(name) is None]
            if missing:
                raise CommandError(f"No source named {', '.join(map(repr, missing))}.")
            articles = articles.filter(
                sources__in=[index.find(n) for n in source]
            ).distinct()
        # An article's date: its publication time, or its creation for unpublished ones.
        day = Coalesce("published_at", "created_at")
        if since:
            articles = articles.alias(day=day).filter(day__date__gte=since)
        if until:
            articles = articles.alias(day=day).filter(day__date__lte=until)
        articles = list(articles.for_page())
        target = Path(output)
        if target.suffix.lower() == ".zip":
            if target.exists() and not overwrite:
                raise CommandError(f"{target} exists; use --overwrite to replace it.")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(articles_zip(articles, export_format))
        else:
            target.mkdir(parents=True, exist_ok=True)
            for article in articles:
                path = target / export_filename(article, export_format)
                if path.exists() and not overwrite:
                    raise CommandError(f"{path} exists; use --overwrite to replace it.")
                path.write_text(article_text(article, export_format), encoding="utf-8")
        if options["verbosity"]:
            self.stdout.write(f"Exported {len(articles)} article(s) to {target}.")
            lossy = sum(map(_beyond_seed, articles)) if export_format == "seed" else 0
            if lossy:
                self.stderr.write(
                    f"Note: {lossy} of them have a standfirst, byline, original "
                    "address, publication time, links, emphasis, quotations, lists "
                    "or embeds, which the seed format cannot carry; `--format json` "
                    "keeps everything the import reads."
                )


def _beyond_seed(article) -> bool:
    """Whether ``article`` holds what its seed-format text leaves out: fields the
    format has no place for, or a body whose notation it writes as plain text."""
    return bool(
        article.standfirst
        or article.byline
        or article.original_url
        or article.published_at
        or any(
            block.kind in ("quote", "list", "embed")
            or (block.kind in ("paragraph", "subheading") and block.plain != block.text)
            for block in parse_body(article.body)
        )
    )
