"""The seed piece as an article, built from its expected structure
(seeds/000_4f78182034c9b7d2.json) until tests can run the importer on the raw text."""

import json
from pathlib import Path

from django.conf import settings

from articles.body import figure_marker
from articles.models import Caption, Image, Source
from articles.services import article_record_revision, article_save
from articles.text import match_key

SEED = Path(settings.BASE_DIR) / "seeds" / "000_4f78182034c9b7d2.json"


def _source(name):
    key = match_key(name)
    return Source.objects.filter(key=key).first() or Source.objects.create(name=name)


def make_seed_article(*, by=None):
    """Return the seed piece stored as a draft, with its figures (no photo files yet,
    as after an import) and sources, and one revision."""
    from articles.models import Article

    data = json.loads(SEED.read_text(encoding="utf-8"))
    parts, figures = [], []
    for block in data["blocks"]:
        if block["type"] == "figure":
            figures.append(block)
            parts.append(figure_marker(len(figures)))
        elif block["type"] == "subheading":
            parts.append("## " + block["text"])
        else:
            parts.append(block["text"])
    article = Article(headline=data["headline"], body="\n\n".join(parts))
    article_save(article, by=by, record=False)
    article.sources.set([_source(name) for name in data["sources"]])
    for number, block in enumerate(figures, 1):
        credit = _source(block["credit"]) if block.get("credit") else None
        image = Image.objects.create(alt_text=block.get("alt", ""), credit=credit)
        Caption.objects.create(
            article=article,
            image=image,
            position=number,
            text=block["caption"],
            credit=credit,
        )
    article_record_revision(article, by=by, reason="import:000_4f78182034c9b7d2.txt")
    return article
