"""The house-style check of a stored article and the one-click fix of a finding."""

from django.utils.translation import gettext as _

from articles.models import Article
from articles.services import FigureInput, article_update
from style.checker import find, fixed
from style.rules import Finding, Text


class StyleFixRefused(Exception):
    """The fix asked for no longer applies (the text changed, or it needs a person)."""


def article_texts(article: Article, captions=None) -> list[Text]:
    """The texts the rules read: headline, standfirst, body and each caption (with
    whether the caption or its photo names a credit). One query for the captions,
    none when they are given (with their images)."""
    texts = [
        Text("headline", article.headline),
        Text("standfirst", article.standfirst),
        Text("body", article.body),
    ]
    if captions is None:
        captions = article.captions.select_related("image")
    for caption in sorted(captions, key=lambda caption: caption.position):
        texts.append(
            Text(
                f"caption:{caption.position}",
                caption.text,
                has_credit=bool(caption.credit_id or caption.image.credit_id),
            )
        )
    return texts


def article_style_findings(article: Article, captions=None) -> list[Finding]:
    """What the enabled rules find in ``article`` (see :func:`article_texts`)."""
    return find(article_texts(article, captions))


def article_apply_style_fix(
    article: Article, key: str, *, by, expected_version: int
) -> Finding:
    """Apply the fix of the finding named ``key`` (:attr:`Finding.key`) to
    ``article`` as ``by``, as a save of theirs (a revision; refused with
    ``EditConflict`` when someone saved since ``expected_version``). Raises
    :class:`StyleFixRefused` when the rules no longer find it or it has no fix."""
    finding = next((f for f in article_style_findings(article) if f.key == key), None)
    if finding is None or finding.replacement is None:
        raise StyleFixRefused(
            _("This finding no longer applies or has no automatic fix; check again.")
        )
    if finding.field.startswith("caption:"):
        position = int(finding.field.partition(":")[2])
        caption = article.captions.get(position=position)
        caption.text = fixed(caption.text, finding)
        article_update(
            article,
            by=by,
            expected_version=expected_version,
            figures=[FigureInput(caption)],
        )
    else:
        setattr(article, finding.field, fixed(getattr(article, finding.field), finding))
        article_update(article, by=by, expected_version=expected_version)
    return finding
