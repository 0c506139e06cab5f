"""Versions, withdrawals and embargoes from the wire: a new version of an agency's
item replaces its article only while nobody on the desk changed it, whatever its
file; a withheld or canceled item is flagged for the desk and never published by the
import; an embargo holds the article back until its time."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services.articles import article_save
from articles.services.checks import editorial_checks
from articles.services.workflow import TransitionNotAllowed, article_publish
from articles.tests import factories
from ingest.files import ImportFile
from ingest.jobs import import_many
from ingest.services import ImportStatus, article_import

GUID = "urn:newsml:qna.org.qa:20260110:oil"


def item(
    version=1,
    *,
    headline="أسعار النفط ترتفع",
    paragraph="ارتفعت أسعار النفط صباح اليوم.",
    status="usable",
    embargo=None,
    first_created="2026-01-10T08:30:00+03:00",
):
    """A NewsML-G2 text item of the agency QNA, in Arabic."""
    embargoed = f"<embargoed>{embargo.isoformat()}</embargoed>" if embargo else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{GUID}"
  version="{version}" standard="NewsML-G2" standardversion="2.35" xml:lang="ar">
 <itemMeta>
  <itemClass qcode="ninat:text"/>
  <provider qcode="nprov:QNA"><name>قنا</name></provider>
  <versionCreated>2026-01-10T09:00:00+03:00</versionCreated>
  <firstCreated>{first_created}</firstCreated>
  {embargoed}
  <pubStatus qcode="stat:{status}"/>
 </itemMeta>
 <contentMeta><headline>{headline}</headline></contentMeta>
 <contentSet><inlineXML contenttype="application/nitf+xml">
  <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>
   <p>{paragraph}</p>
  </body.content></body></nitf>
 </inlineXML></contentSet>
</newsItem>""".encode()


def test_a_new_version_from_another_file_replaces_the_untouched_draft(db):
    first = article_import(item(1), filename="oil-v1.xml").article
    result = article_import(
        item(2, headline="أسعار النفط تقفز", paragraph="قفزت الأسعار."),
        filename="oil-v2.xml",
    )

    assert result.status == ImportStatus.UPDATED
    article = Article.objects.get()
    assert article.pk == first.pk
    assert (article.headline, article.external_id, article.external_version) == (
        "أسعار النفط تقفز",
        GUID,
        2,
    )
    assert "قفزت الأسعار." in article.body


def test_a_new_version_never_overwrites_what_the_desk_changed(db):
    article = article_import(item(1), filename="oil-v1.xml").article
    article.headline = "عنوان المحرر"
    article_save(article, by=factories.editor())

    result = article_import(item(2, headline="أسعار النفط تقفز"), filename="v2.xml")

    assert result.status == ImportStatus.KEPT
    assert Article.objects.get().headline == "عنوان المحرر"


def test_an_older_version_arriving_late_changes_nothing(db):
    article_import(item(3, headline="الصيغة الثالثة"), filename="v3.xml")

    result = article_import(item(2, headline="الصيغة الثانية"), filename="v2.xml")

    assert result.status == ImportStatus.UNCHANGED
    assert Article.objects.get().headline == "الصيغة الثالثة"
    assert Article.objects.get().external_version == 3


@pytest.mark.parametrize("status", ["withheld", "canceled"])
def test_a_withheld_or_canceled_item_is_flagged_and_never_published(db, status):
    result = article_import(
        item(status=status), filename="oil.xml", publish=True, user=factories.chief()
    )

    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.wire_status == status
    assert result.message.startswith("not published") or "لم" in result.message
    assert "wire_held" in [p.code for p in editorial_checks(article).warnings]


def test_a_canceled_version_flags_the_published_article_without_touching_it(db):
    chief = factories.chief()
    article_import(item(1), filename="v1.xml", publish=True, user=chief)
    published = Article.objects.get()
    assert published.status == Article.Status.PUBLISHED

    result = article_import(
        item(2, status="canceled", paragraph="سحبت الوكالة الخبر."),
        filename="v2.xml",
        publish=True,
        user=chief,
    )

    assert result.status == ImportStatus.KEPT
    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert article.wire_status == Article.WireStatus.CANCELED
    assert article.version == published.version


def test_a_usable_new_version_clears_the_flag_of_an_untouched_draft(db):
    article_import(item(1, status="withheld"), filename="v1.xml")

    article_import(item(2, paragraph="نص مصحح."), filename="v2.xml")

    assert Article.objects.get().wire_status == ""


def test_an_embargoed_item_is_scheduled_for_the_end_of_its_embargo(db):
    embargo = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)

    result = article_import(
        item(embargo=embargo), filename="oil.xml", publish=True, user=factories.chief()
    )

    article = Article.objects.get()
    assert result.message == ""
    assert article.embargoed_until == embargo
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == embargo
    assert not Article.objects.published().exists()


def test_an_embargo_already_over_publishes_at_the_item_time(db):
    result = article_import(
        item(embargo=datetime(2026, 1, 10, 6, tzinfo=UTC)),
        filename="oil.xml",
        publish=True,
        user=factories.chief(),
    )

    assert result.article.published_at == datetime(2026, 1, 10, 6, tzinfo=UTC)
    assert Article.objects.published().count() == 1


def test_the_desk_cannot_publish_before_the_embargo(db):
    embargo = timezone.now() + timedelta(days=1)
    article = article_import(item(embargo=embargo), filename="oil.xml").article
    chief = factories.chief()

    with pytest.raises(TransitionNotAllowed) as refused:
        article_publish(article, by=chief)

    assert refused.value.code == "embargoed"
    assert Article.objects.get().status == Article.Status.DRAFT
    scheduled = article_publish(article, by=chief, at=embargo)
    assert scheduled.published_at == embargo


def test_a_batch_import_follows_the_same_version_and_status_rules(db):
    chief = factories.chief()
    article_import(item(1), filename="v1.xml")
    files = [
        ImportFile("v2.xml", item(2, headline="أسعار النفط تقفز")),
        ImportFile("other.xml", item(1, status="canceled").replace(b":oil", b":gas")),
    ]

    reports = list(
        import_many(
            files, user_id=chief.pk, publish=True, source_id=None, max_bytes=10**6
        )
    )

    assert [r.status for r in reports] == ["updated", "created"]
    assert Article.objects.get(external_id=GUID).headline == "أسعار النفط تقفز"
    canceled = Article.objects.get(external_id=GUID.replace(":oil", ":gas"))
    assert (canceled.status, canceled.wire_status) == ("draft", "canceled")
