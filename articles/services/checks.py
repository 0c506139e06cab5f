"""Editorial checks run before an article is published: what blocks it and what is only
worth a warning, each with a message naming what to fix."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..body import parse_body
from ..models import Article


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


@dataclass
class CheckReport:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def editorial_checks(article: Article, *, sources=None, captions=None) -> CheckReport:
    """Return what must be fixed (errors) and what deserves a look (warnings) before
    ``article`` is published, as it is stored (two queries), or with the ``sources``
    and ``captions`` (their images set) given for an article about to be stored."""
    report = CheckReport()
    if not article.headline.strip():
        report.errors.append(Problem("no_headline", _("Write a headline.")))
    if not article.body.strip():
        report.errors.append(Problem("no_body", _("Write the body of the article.")))
    if article.wire_status:
        report.warnings.append(
            Problem(
                "wire_held",
                _(
                    "The agency marked this piece “%(status)s”: check with it before "
                    "publishing."
                )
                % {"status": article.get_wire_status_display()},
            )
        )
    has_sources = article.sources.exists() if sources is None else bool(sources)
    if not has_sources:
        report.errors.append(
            Problem(
                "no_source",
                _("Add at least one source (the piece's “المصدر” line)."),
            )
        )
    if captions is None:
        captions = article.captions.select_related("image")
    captions = sorted(captions, key=lambda caption: caption.position)

    for caption in captions:
        number = caption.position
        if not caption.image.file:
            report.warnings.append(
                Problem(
                    "figure_no_photo",
                    _(
                        "Figure %(number)s has no photo yet: readers will see its "
                        "caption only."
                    )
                    % {"number": number},
                )
            )
            continue
        if caption.credit_id is None and caption.image.credit_id is None:
            report.errors.append(
                Problem(
                    "figure_no_credit",
                    _("Figure %(number)s has a photo but no credit.")
                    % {"number": number},
                )
            )
        if not caption.image.alt_text.strip():
            report.errors.append(
                Problem(
                    "figure_no_alt",
                    _("Figure %(number)s has a photo but no alt text.")
                    % {"number": number},
                )
            )
    positions = {caption.position for caption in captions}
    for block in parse_body(article.body):
        if block.kind == "figure" and block.figure not in positions:
            report.warnings.append(
                Problem(
                    "marker_without_figure",
                    _(
                        "The body places figure %(number)s (line %(line)s), but there "
                        "is no figure with that number."
                    )
                    % {"number": block.figure, "line": block.line},
                )
            )
    return report
