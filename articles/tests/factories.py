"""Small factory functions with realistic Arabic defaults."""

import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Caption, Image, Source

_counter = itertools.count(1)


def make_source(name=None, **fields):
    name = name or f"وكالة اختبار {next(_counter)}"
    return Source.objects.create(name=name, **fields)


def make_article(headline="رئيس الأركان الليبي المعين يزور مصر مجددا", **fields):
    sources = fields.pop("sources", ())
    fields.setdefault(
        "body",
        "في زيارة هي الثانية خلال أسبوع، وصل القاهرة الأربعاء رئيس أركان الجيش الليبي.\n\n"
        "## توتر سياسي وعسكري\n\n"
        "وتؤكد القاهرة أنها تدعم الشرعية المتمثلة في البرلمان الليبي الجديد.",
    )
    if fields.get("status") == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    article = Article.objects.create(headline=headline, **fields)
    article.sources.set(sources)
    return article


def make_caption(article, position=1, text="قطعة من جناح الطائرة سوخوي", **fields):
    image = fields.pop("image", None) or Image.objects.create(
        alt_text=fields.pop("alt_text", text), credit=fields.get("credit")
    )
    return Caption.objects.create(
        article=article, image=image, position=position, text=text, **fields
    )


def make_user(username="editor", *, superuser=False, **fields):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username=username, password="pw", **fields)
    return User.objects.create_user(username=username, password="pw", **fields)
