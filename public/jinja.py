"""The Jinja2 environment of the public pages (``public/jinja2/``,
``templates/jinja2/``).

The public site is rendered with Jinja2 rather than Django's template language: the
same pages cost a fraction of the time to render (compiled to Python, escaping in C),
which is most of an uncached page's cost (issue 10). The staff screens, the admin,
feeds, sitemaps and the 500 page stay in Django's templates.

The templates reach the same helpers the Django tags gave them (``public.pages``,
the Arabic dates), Django's ``gettext`` as ``_`` (remembered per language;
``makemessages`` finds ``_("…")`` in them), ``url``, ``static`` and ``querystring``.
"""

import sys
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.template.backends.jinja2 import Jinja2, Template
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import ChainableUndefined, Environment

from newsroom.addresses import reverse, static
from public import pages
from public.templatetags import site_dates, site_pages


@lru_cache(maxsize=2048)
def _translated(language, message):
    return gettext(message)


def translated(message):
    """``gettext(message)``, remembered per language: a page shows some twenty
    interface strings, each looked up in the catalogs again on every request."""
    return _translated(get_language(), message)


@receiver(setting_changed)
def _forget_translations(*, setting, **kwargs):
    if setting in {"LANGUAGE_CODE", "LANGUAGES", "LOCALE_PATHS", "INSTALLED_APPS"}:
        _translated.cache_clear()


def url(name, *args, **kwargs):
    """The path of the URL named ``name``, as ``{% url %}`` gives it."""
    return reverse(name, args=args, kwargs=kwargs)


def absolute_url(request, url):
    """``url`` with the scheme and host of ``request`` (when there is one)."""
    return request.build_absolute_uri(url) if request else url


def querystring(request, **changes):
    """The query string of ``request`` with ``changes`` applied, as Django's
    ``{% querystring %}`` writes it ("?q=…&page=2"); a change to None removes the
    key."""
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    return f"?{query.urlencode()}"


def date(value, format=None):
    """Django's ``date`` filter, in the site's time zone as Django's templates give
    it (they convert the value before the filter sees it)."""
    return defaultfilters.date(template_localtime(value), format)


def articles_found(count):
    """'22 مقالًا' (the archive's and the search's count, with Arabic plurals)."""
    return ngettext(
        "%(counter)s article found", "%(counter)s articles found", count
    ) % {"counter": count}


def environment(**options):
    # As in Django's templates, a missing value, or an attribute of one, renders as
    # nothing.
    options["undefined"] = ChainableUndefined
    env = Environment(**options)  # noqa: S701  # nosec B701 # autoescape: Django's backend sets it
    env.globals.update(
        _=translated,
        url=url,
        static=static,
        absolute_url=absolute_url,
        querystring=querystring,
        articles_found=articles_found,
        site_name=settings.NEWSROOM_SITE_NAME,
        # Without a request (a template rendered to a string), the helpers get
        # None, as the Django tags' context.get("request") gave them.
        article_jsonld=lambda request, article: site_pages.article_jsonld(
            {"request": request or None}, article
        ),
        website_jsonld=lambda request: site_pages.website_jsonld(
            {"request": request or None}
        ),
        list_page_jsonld=lambda request, owner=None: site_pages.list_page_jsonld(
            {"request": request or None}, owner
        ),
        site_logo_url=lambda request: pages.logo_url(request or None),
    )
    env.filters.update(
        summary=pages.summary,
        lead_caption=site_pages.lead_caption,
        modified_at=pages.modified_at,
        was_updated=pages.was_updated,
        body_items=pages.body_items,
        breadcrumbs=pages.breadcrumbs,
        media_url=site_pages.media_url,
        iso_datetime=site_dates.iso_datetime,
        arabic_date=site_dates.arabic_date,
        arabic_datetime=site_dates.arabic_datetime,
        hijri_date=site_dates.hijri_date,
        date=date,
        truncatechars=defaultfilters.truncatechars,
        urlencode=defaultfilters.urlencode,
    )
    return env


class SignallingTemplate(Template):
    """A Jinja2 template that announces its rendering as Django's own templates do
    under test (``template_rendered``), so the test client records the templates
    and context of a response. Without receivers, the signal costs one check."""

    @property
    def name(self):
        return self.template.name

    def render(self, context=None, request=None):
        # Only tests listen, and they import django.test: a server never loads it
        # (2.6 MB a worker).
        signals = sys.modules.get("django.test.signals")
        if signals is not None and signals.template_rendered.receivers:
            signals.template_rendered.send(
                sender=self, template=self, context=dict(context or {})
            )
        return super().render(context, request)


class PublicJinja2(Jinja2):
    """Django's Jinja2 backend, with templates that announce their rendering."""

    def from_string(self, template_code):
        return SignallingTemplate(self.env.from_string(template_code), self)

    def get_template(self, template_name):
        template = super().get_template(template_name)
        return SignallingTemplate(template.template, self)
