import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Caption, Image, SourceAlias

from .factories import make_article, make_caption, make_source

pytestmark = pytest.mark.django_db


def test_article_str_is_its_headline():
    assert str(make_article(headline="عنوان الخبر")) == "عنوان الخبر"


def test_article_slug_is_made_from_headline_without_marks():
    article = make_article(headline="الـــرئيسُ يزور مصر ٢٠٢٦")
    assert article.slug == "الرئيس-يزور-مصر-2026"


def test_article_slug_chosen_by_editor_is_kept():
    assert make_article(slug="اسم-مختار").slug == "اسم-مختار"


def test_article_url_carries_id_and_arabic_slug():
    article = make_article(headline="يزور مصر")
    assert (
        article.get_absolute_url()
        == f"/articles/{article.pk}/%D9%8A%D8%B2%D9%88%D8%B1-%D9%85%D8%B5%D8%B1/"
    )


def test_published_article_needs_a_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(headline="خبر", status=Article.Status.PUBLISHED)


def test_status_outside_the_choices_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(headline="خبر", status="deleted")


def test_same_import_hash_cannot_be_stored_twice():
    make_article(import_hash="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(import_hash="a" * 64)


def test_articles_without_import_hash_do_not_clash():
    make_article()
    make_article()
    assert Article.objects.count() == 2


def test_published_excludes_drafts_scheduled_and_archived():
    now = timezone.now()
    live = make_article(
        status="published", published_at=now - timezone.timedelta(minutes=1)
    )
    make_article(status="draft")
    make_article(status="review")
    make_article(status="archived", published_at=now - timezone.timedelta(days=1))
    scheduled = make_article(
        status="published", published_at=now + timezone.timedelta(hours=1)
    )
    assert list(Article.objects.published()) == [live]
    assert list(Article.objects.scheduled()) == [scheduled]
    assert scheduled.is_scheduled and not live.is_scheduled


def test_source_key_and_slug_are_derived_from_its_name():
    source = make_source(name=" أسوشيتد برس ")
    assert (source.name, source.key, source.slug) == (
        "أسوشيتد برس",
        "اسوشيتد برس",
        "أسوشيتد-برس",
    )
    assert str(source) == "أسوشيتد برس"


def test_two_sources_with_the_same_matching_key_are_refused():
    make_source(name="الجزيرة")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_source(name="الجزيره")


def test_an_alternative_spelling_belongs_to_one_source_only():
    reuters = make_source(name="رويترز")
    other = make_source(name="وكالة أخرى")
    alias = SourceAlias.objects.create(source=reuters, name="Reuters")
    assert (str(alias), alias.key) == ("Reuters", "reuters")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceAlias.objects.create(source=other, name="REUTERS")


def test_same_image_file_checksum_cannot_be_stored_twice():
    Image.objects.create(checksum="f" * 64)
    Image.objects.create()  # photos still to come have no checksum
    Image.objects.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        Image.objects.create(checksum="f" * 64)


def test_image_str_prefers_alt_text():
    assert (
        str(Image.objects.create(alt_text="قطعة من جناح الطائرة"))
        == "قطعة من جناح الطائرة"
    )
    image = Image.objects.create()
    assert str(image) == f"صورة {image.pk}"


def test_two_figures_of_one_article_cannot_share_a_number():
    article = make_article()
    make_caption(article, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_caption(article, position=1)


def test_same_image_can_carry_different_captions_in_different_articles():
    image = Image.objects.create(alt_text="مشهد عام")
    first = make_caption(make_article(), image=image, text="تعليق أول")
    second = make_caption(make_article(), image=image, text="تعليق ثان")
    assert {c.text for c in image.captions.all()} == {"تعليق أول", "تعليق ثان"}
    assert str(first) == "تعليق أول" and str(second) == "تعليق ثان"


def test_caption_credit_defaults_to_the_image_credit():
    reuters, getty = make_source(name="رويترز"), make_source(name="غيتي")
    image = Image.objects.create(credit=reuters)
    article = make_article()
    assert make_caption(article, position=1, image=image).display_credit == reuters
    assert (
        make_caption(article, position=2, image=image, credit=getty).display_credit
        == getty
    )


def test_deleting_an_article_removes_its_captions_but_keeps_images():
    article = make_article()
    caption = make_caption(article)
    article.delete()
    assert not Caption.objects.filter(pk=caption.pk).exists()
    assert Image.objects.filter(pk=caption.image_id).exists()


def test_a_source_in_use_cannot_be_deleted():
    from django.db.models import ProtectedError

    source = make_source()
    Image.objects.create(credit=source)
    with pytest.raises(ProtectedError):
        source.delete()


def test_layout_places_figures_where_the_body_says_and_keeps_unplaced_ones():
    article = make_article(body="أولى.\n\n[[صورة 2]]\n\n## عنوان\nثانية.\n\n[[صورة 9]]")
    one = make_caption(article, position=1, text="صورة غير موضوعة")
    two = make_caption(article, position=2, text="صورة موضوعة")
    layout = [
        (item.kind, item.text, getattr(item, "caption", None))
        for item in article.layout()
    ]
    assert layout == [
        ("paragraph", "أولى.", None),
        ("figure", "", two),
        ("subheading", "عنوان", None),
        ("paragraph", "ثانية.", None),
        ("figure", "", None),
        ("figure", "", one),
    ]


def test_source_url_uses_its_arabic_slug():
    assert make_source(name="الجزيرة نت").get_absolute_url() == (
        "/sources/%D8%A7%D9%84%D8%AC%D8%B2%D9%8A%D8%B1%D8%A9-%D9%86%D8%AA/"
    )
