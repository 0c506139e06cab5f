"""Template tags of the editorial desk (the admin)."""

from django import template

from articles.models import Article, Correction
from articles.services.corrections import may_publish_correction

register = template.Library()

DASHBOARD_SIZE = 8


@register.simple_tag(takes_context=True)
def desk_dashboard(context):
    """Return the admin index's four lists for the current user: their drafts, what
    awaits review, what is scheduled and what was published recently (four queries).
    Each list says whether there is ``more`` than it shows. For editors, also the
    number of ``corrections_waiting`` for them (one more query)."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return None
    base = Article.objects.select_related("updated_by").in_desk_scope(user)
    lists = {
        "drafts": base.drafts_of(user).order_by("-updated_at"),
        "review": base.in_review().order_by("updated_at"),
        "scheduled": base.scheduled().order_by("published_at"),
        "published": base.published().order_by("-published_at"),
    }
    dashboard = {}
    for name, queryset in lists.items():
        items = list(queryset[: DASHBOARD_SIZE + 1])
        dashboard[name] = {
            "items": items[:DASHBOARD_SIZE],
            "more": len(items) > DASHBOARD_SIZE,
        }
    if may_publish_correction(user):
        dashboard["corrections_waiting"] = Correction.objects.waiting().count()
    return dashboard
