"""What the search index holds for an article, computed from its own text.

Three weighted parts, each the normalised search keys of ``articles.text``:
A the headline; B the standfirst, the sub-headings and the figure captions; C the
paragraphs. Articles and captions keep their keys in their own rows (filled in
``save()``, and by ``bulk_create`` through their querysets); database triggers then
put the weighted index row together in the same transaction as every write (see the
``search_index`` migration).
"""

from .body import parse_body
from .text import search_key

#: Article fields whose text feeds the keys, and the key fields they fill.
ARTICLE_TEXT_FIELDS = frozenset({"headline", "standfirst", "body"})
ARTICLE_KEY_FIELDS = ("search_headline", "search_extras", "search_body")


def article_search_keys(headline: str, standfirst: str, body: str) -> dict[str, str]:
    """Return the article's key fields: ``search_headline`` (weight A),
    ``search_extras`` (standfirst and sub-headings, weight B; captions join them in the
    index) and ``search_body`` (paragraphs, quotations and lists, weight C): the
    words only, not the notation's marks or the links' addresses. Figure markers and
    embeds carry no words."""
    extras, paragraphs = [standfirst], []
    for block in parse_body(body):
        if block.kind == "subheading":
            extras.append(block.text)
        elif block.plain:
            paragraphs.append(block.plain)
    return {
        "search_headline": search_key(headline),
        "search_extras": search_key("\n".join(extras)),
        "search_body": search_key("\n".join(paragraphs)),
    }


def fill_article_keys(article) -> None:
    """Set an Article's key fields from its headline, standfirst and body (not again
    when this instance's text has not changed since they were set)."""
    text = (article.headline, article.standfirst, article.body)
    if getattr(article, "_search_keys_text", None) == text:
        return
    for name, value in article_search_keys(*text).items():
        setattr(article, name, value)
    article._search_keys_text = text


def fill_caption_key(caption) -> None:
    """Set a Caption's key field from its text."""
    caption.search_key = search_key(caption.text)


def with_key_fields(update_fields, text_fields, key_fields):
    """Return ``update_fields`` widened with ``key_fields`` when it names one of the
    ``text_fields`` (so ``save(update_fields=["body"])`` keeps the keys in step)."""
    if update_fields is None or not text_fields.intersection(update_fields):
        return update_fields
    return [*update_fields, *(f for f in key_fields if f not in update_fields)]
