"""The fronts editors arrange, the home page's and each section's: each change is a
new arrangement (who, when, what), live at once or at a set time; an old one is put
back by arranging it again."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Article, FrontPage, FrontPageSlot, Section
from ..scopes import is_scoped, sections_in_scope

#: A lead story and at most this many top stories.
MAX_TOP_STORIES = 12


#: ``can_arrange_front_page``'s default: whether the user may arrange any front.
ANY_FRONT = object()


def can_arrange_front_page(user, section=ANY_FRONT) -> bool:
    """Editors and the chief arrange fronts; reporters do not. Someone limited to
    some sections (``articles.scopes``) arranges only those sections' fronts, not
    the home page's. With ``section`` left out: whether they may arrange any."""
    if not (user.is_active and user.has_perm("articles.add_frontpage")):
        return False
    if section is ANY_FRONT:
        return True
    return (
        not is_scoped(user) if section is None else sections_in_scope(user, [section])
    )


@transaction.atomic
def front_page_arrange(
    articles: list[Article],
    *,
    by,
    section: Section | None = None,
    goes_live_at: datetime | None = None,
    note: str = "",
) -> FrontPage:
    """Store a new arrangement of the home page (or of ``section``'s page):
    ``articles[0]`` the lead, the rest the top stories in order, live from
    ``goes_live_at`` (now when None), and return it. Only articles that are
    published (live or scheduled), and in the section for a section's front, may be
    chosen; an unfilled slot falls back to the newest stories on the page."""
    if not can_arrange_front_page(by, section):
        raise PermissionDenied(_("You are not allowed to arrange the front page."))
    articles = list(dict.fromkeys(articles))
    if not articles:
        raise ValidationError(
            _("Choose at least a lead story."), code="front_page_empty"
        )
    if len(articles) > MAX_TOP_STORIES + 1:
        raise ValidationError(
            _("A lead story and at most %(count)d top stories.")
            % {"count": MAX_TOP_STORIES},
            code="front_page_too_long",
        )
    unpublished = [a for a in articles if a.status != Article.Status.PUBLISHED]
    if unpublished:
        raise ValidationError(
            _("Only published articles go on the front page: %(names)s.")
            % {"names": "، ".join(a.headline for a in unpublished)},
            code="front_page_unpublished",
        )
    check_in_section(articles, section)
    front_page = FrontPage.objects.create(
        section=section,
        goes_live_at=goes_live_at or timezone.now(),
        created_by=by,
        note=note,
    )
    FrontPageSlot.objects.bulk_create(
        FrontPageSlot(front_page=front_page, article=article, position=position)
        for position, article in enumerate(articles)
    )
    # Saved again now that its slots are stored, so that what listens to saves (the
    # public pages' freshness) sees the whole arrangement.
    front_page.save(update_fields=["note"])
    return front_page


def front_page_restore(front_page: FrontPage, *, by) -> FrontPage:
    """Put an earlier arrangement back on its page now, as a new one (the history
    keeps both), and return it. Its stories no longer published, or no longer in
    the section of a section's front, are left out."""
    articles = [
        slot.article
        for slot in front_page.slots.select_related("article").order_by("position")
        if slot.article.status == Article.Status.PUBLISHED
    ]
    if front_page.section is not None:
        outside = articles_outside_section(articles, front_page.section)
        articles = [a for a in articles if a not in outside]
    return front_page_arrange(
        articles,
        by=by,
        section=front_page.section,
        note=_("Put back: %(front_page)s") % {"front_page": front_page},
    )


def check_in_section(articles: list[Article], section: Section | None) -> None:
    """Raise a ValidationError naming those of ``articles`` that may not go on the
    front of ``section`` (the home page, when None, takes any)."""
    if section is not None and (outside := articles_outside_section(articles, section)):
        raise ValidationError(
            _("Only articles in %(section)s go on its front: %(names)s.")
            % {
                "section": section.name,
                "names": "، ".join(a.headline for a in outside),
            },
            code="front_page_other_section",
        )


def articles_outside_section(
    articles: list[Article], section: Section
) -> list[Article]:
    """Those of ``articles`` that are not in ``section`` (nor its subsections)."""
    inside = set(
        Article.objects.in_section(section)
        .filter(pk__in=[a.pk for a in articles])
        .values_list("pk", flat=True)
    )
    return [a for a in articles if a.pk not in inside]
