"""The seed piece (seeds/000_4f78182034c9b7d2.txt) as the importer stores it."""

from pathlib import Path

from django.conf import settings

from ingest.services import article_import

SEED = Path(settings.BASE_DIR) / "seeds" / "000_4f78182034c9b7d2.txt"


def make_seed_article(*, by=None):
    """Return the seed piece imported as a draft by ``by``: its figures (no photo files
    yet), sources and one revision."""
    result = article_import(SEED.read_bytes(), filename=SEED.name, user=by)
    assert result.ok, result.message
    return result.article
