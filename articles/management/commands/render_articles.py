from django.core.management.base import BaseCommand

from articles.models import Article
from articles.rendering import render_stored


class Command(BaseCommand):
    help = (
        "Render the stored body HTML and summary of every article again (saving an "
        "article renders them; run this after the body notation or its HTML changed, "
        "or for rows written without save())."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        changed = render_stored(Article.objects.all(), batch_size=batch_size)
        self.stdout.write(f"{changed} article(s) rendered again.")
