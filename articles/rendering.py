"""What readers see of an article's own text, rendered once when the article is saved
(``Article.save()`` and ``bulk_create`` fill it; ``manage.py render_articles`` fills
rows written before, or otherwise), so a page never parses the body notation on a request:

``body_html``
    the body's blocks as HTML (text escaped; only the notation's own ``strong``, ``em``
    and ``a href`` inline, any markup checked again by nh3; embeds as cards that load
    the third party only when the reader asks, see ``embed_card``), each figure the
    body places left as a marker ``<!--figure N-->`` on a line of its own: figures
    are drawn at request time from the captions, which change without the article
    being saved;
``summary``
    the standfirst, else the first paragraph, cut to :data:`SUMMARY_LENGTH` characters;
``lead_position``
    the number of the figure the body places first (None when it places none): the
    lead figure is that one, else the figure numbered lowest (``Article.lead_caption``).
"""

import re
import unicodedata

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import (
    Truncator,
    add_truncation_text,
    calculate_truncate_chars_length,
)
from django.utils.translation import gettext

from .block_html import text_block_html
from .body import parse_body

#: The longest summary a page shows (the home page's lead story); shorter ones are
#: cut from it.
SUMMARY_LENGTH = 320
#: Article fields the rendering is made from, and the fields it fills.
RENDERED_FROM = frozenset({"standfirst", "body"})
RENDERED_FIELDS = ("body_html", "summary", "lead_position")

_FIGURE_MARK = "<!--figure {}-->"
_FIGURE_MARK_RE = re.compile(r"^<!--figure (\d+)-->$", re.MULTILINE)


def render_body_html(blocks) -> str:
    """Return the HTML of the body's ``blocks`` with a marker for each figure. The
    site's language words the embeds' cards (the page is rendered once, at save)."""
    with translation.override(settings.LANGUAGE_CODE):
        return "\n".join(_block_html(block) for block in blocks)


def _block_html(block) -> str:
    if block.kind == "figure":
        return _FIGURE_MARK.format(block.figure)
    if block.kind == "embed":
        return embed_card(block.embed)
    return text_block_html(block)


_SHOW = {
    "video": lambda: gettext("Play the video"),
    "audio": lambda: gettext("Play the recording"),
    "post": lambda: gettext("Show the post"),
}


def embed_card(embed) -> str:
    """Return the card standing for an embed: the provider and the address as a plain
    link (all a reader without JavaScript gets), and a hidden button that
    ``public/static/public/js/embeds.js`` shows, and that loads the provider's frame
    (``data-frame``) only when pressed: nothing reaches the third party before."""
    provider = embed.provider
    return format_html(
        '<figure class="embed embed--{key}" data-frame="{frame}" data-title="{title}">\n'
        '<figcaption class="embed-provider"><bdi>{name}</bdi></figcaption>\n'
        '<p class="embed-link"><a href="{url}" dir="ltr" rel="noopener noreferrer">'
        "{url}</a></p>\n"
        '<p class="embed-privacy" hidden>{privacy}</p>\n'
        '<button type="button" class="embed-show" hidden>{show}</button>\n'
        "</figure>",
        key=provider.key,
        frame=embed.frame,
        title=gettext("Embedded content from %(provider)s")
        % {"provider": provider.name},
        name=provider.name,
        url=embed.url,
        privacy=gettext(
            "Nothing is loaded from %(provider)s until you ask for it; then it "
            "receives your address and may set cookies."
        )
        % {"provider": provider.name},
        show=_SHOW[provider.kind](),
    )


def split_body_html(body_html: str):
    """Yield the stored body in reading order: ``("html", markup)`` for runs of text
    blocks and ``("figure", number)`` for each placed figure."""
    position = 0
    for mark in _FIGURE_MARK_RE.finditer(body_html):
        text = body_html[position : mark.start()].strip()
        if text:
            yield "html", text
        yield "figure", int(mark[1])
        position = mark.end()
    text = body_html[position:].strip()
    if text:
        yield "html", text


def truncate_chars(text: str, length: int) -> str:
    """``Truncator(text).chars(length)``: at most ``length`` characters, combining
    marks (harakat) not counted, ending with the (translated) ellipsis when cut.

    Django's walks the text a character at a time in Python: a twentieth of an
    uncached article page's time went to its six summaries. A text no longer than
    ``length`` is whole; where no combining mark falls within the first ``length``
    + 1 characters, as in most news text, the cut is a slice; otherwise Django's own
    does it."""
    length = int(length)
    if length <= 0:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    if len(text) <= length:
        return text
    if any(map(unicodedata.combining, text[: length + 1])):
        return Truncator(text).chars(length)
    return add_truncation_text(text[: calculate_truncate_chars_length(length, None)])


def summary_text(standfirst: str, blocks, length=SUMMARY_LENGTH) -> str:
    """Return the standfirst, else the first paragraph, cut to ``length`` characters."""
    text = standfirst.strip() or next(
        (block.plain for block in blocks if block.kind == "paragraph"), ""
    )
    return truncate_chars(text, length)


def fill_rendered(article) -> None:
    """Set an Article's rendered fields from its standfirst and body (not
    again when this instance's text has not changed since they were set)."""
    text = (article.standfirst, article.body)
    if getattr(article, "_rendered_text", None) == text:
        return
    blocks = parse_body(article.body)
    article.body_html = render_body_html(blocks)
    article.summary = summary_text(article.standfirst, blocks)
    article.lead_position = next(
        (block.figure for block in blocks if block.kind == "figure"), None
    )
    article._rendered_text = text


def render_stored(articles, batch_size=500) -> int:
    """Re-render ``body_html`` and ``summary`` of the ``articles`` queryset in batches,
    writing only the rows whose rendering changed; return how many changed. Used by
    ``manage.py render_articles``, after the migration that added the fields and
    whenever the body notation or its HTML changes."""
    changed = 0
    rows = articles.only("pk", "standfirst", "body", *RENDERED_FIELDS).order_by("pk")
    batch = []
    for article in rows.iterator(chunk_size=batch_size):
        before = [getattr(article, name) for name in RENDERED_FIELDS]
        fill_rendered(article)
        if [getattr(article, name) for name in RENDERED_FIELDS] != before:
            batch.append(article)
        if len(batch) >= batch_size:
            changed += len(batch)
            articles.model._default_manager.bulk_update(batch, RENDERED_FIELDS)
            batch = []
    if batch:
        changed += len(batch)
        articles.model._default_manager.bulk_update(batch, RENDERED_FIELDS)
    return changed
