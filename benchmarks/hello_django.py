"""The benchmark's Django yardsticks, behind Newsroom's own settings and middleware,
served by the same gunicorn settings, so benchmarks/traffic.py can say what a page
costs beyond what any Django view costs on this stack: a hello-world view, and a
plain article view (the reference of issue 10's table: one article and its sources
in two queries, into a small template: headline, date, body, sources)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import Context, Engine
from django.urls import include, path

application = get_wsgi_application()  # sets Django up: the project's URLs load now


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


PLAIN_ARTICLE = Engine().from_string(
    """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{{ article.headline }}</title></head><body><article><h1>{{ article.headline }}</h1>
<time datetime="{{ article.published_at|date:'c' }}">{{ article.published_at|date }}</time>
{{ article.body_html|safe }}<p>{% for source in sources %}{{ source.name }} {% endfor %}</p>
</article></body></html>"""
)


def plain_article(request, pk):
    from articles.models import Article

    article = get_object_or_404(Article, pk=pk)
    sources = list(article.sources.all())
    context = Context({"article": article, "sources": sources})
    return HttpResponse(PLAIN_ARTICLE.render(context))


# The project's URLs too: its middleware reverses some of them on every request.
urlpatterns = [
    path("", hello),
    path("plain-article/<int:pk>/", plain_article),
    path("", include("newsroom.urls")),
]
settings.ROOT_URLCONF = __name__
