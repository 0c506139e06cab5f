"""The photo library and the figures of the change form: uploads, refusals, thumbnails."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Caption, Image
from articles.services import image_create
from articles.tests.factories import (
    editor,
    make_article,
    make_caption,
    make_source,
    photo_bytes,
    stored_files,
    upload,
)
from articles.tests.html import elements
from desk.tests.desk_forms import article_form_data, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_truncated_jpeg_in_the_photo_library_is_a_form_error(client, media_root):
    client.force_login(editor())
    data = photo_bytes("JPEG", (640, 480))
    response = client.post(
        "/admin/articles/image/add/",
        {
            "photo": SimpleUploadedFile("cut.jpg", data[: len(data) * 2 // 3]),
            "alt_text": "صورة",
            "credit": "",
        },
    )
    assert response.status_code == 200
    assert (
        response.context["adminform"].form.errors["photo"][0].startswith("الصورة تالفة")
    )
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_attach_a_photo_to_an_imported_figure(client, media_root):
    user = editor()
    client.force_login(user)
    article = make_article(sources=[make_source()])
    caption = make_caption(article, position=1, text="تعليق من الاستيراد")
    placeholder = caption.image
    assert not placeholder.file
    data = article_form_data(article)
    data["captions-0-photo"] = upload("arrived.jpg", size=(800, 600))
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    placeholder.refresh_from_db()
    assert placeholder.file and (placeholder.width, placeholder.height) == (800, 600)
    assert Caption.objects.get(pk=caption.pk).image_id == placeholder.pk
    page = client.get(change_url(article)).content.decode()
    assert elements(page, "img", src=placeholder.thumbnail.url)


def test_new_figure_with_an_uploaded_photo(client, media_root):
    user = editor()
    client.force_login(user)
    reuters = make_source(name="رويترز")
    article = make_article(sources=[make_source()])
    data = article_form_data(article)
    data.update(
        {
            "captions-TOTAL_FORMS": 1,
            "captions-0-article": article.pk,
            "captions-0-photo": upload("new.png", "PNG", size=(500, 500)),
            "captions-0-alt_text": "مبنى البرلمان",
            "captions-0-text": "البرلمان الليبي في طبرق",
            "captions-0-credit": reuters.pk,
            "captions-0-position": 1,
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    caption = article.captions.get()
    assert caption.image.alt_text == "مبنى البرلمان"
    assert caption.image.credit == reuters
    assert caption.image.file.name.endswith(".png")


def test_figure_without_photo_or_library_image_is_refused(client):
    client.force_login(editor())
    article = make_article()
    data = article_form_data(article)
    data.update(
        {
            "captions-TOTAL_FORMS": 1,
            "captions-0-article": article.pk,
            "captions-0-text": "بلا صورة",
            "captions-0-position": 1,
        }
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert (
        "Upload a photo or choose one from the library." in response.content.decode()
        or ("ارفع صورة" in response.content.decode())
    )
    assert not article.captions.exists()


def test_renamed_upload_in_the_figure_form_is_refused(client, media_root):
    client.force_login(editor())
    article = make_article()
    make_caption(article, position=1)
    data = article_form_data(article)
    data["captions-0-photo"] = SimpleUploadedFile("renamed.jpg", photo_bytes("PNG"))
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert stored_files(media_root) == []


def test_image_admin_upload_and_duplicate(client, media_root):
    client.force_login(editor())
    response = client.post(
        "/admin/articles/image/add/",
        {"photo": upload("one.jpg"), "alt_text": "صورة", "credit": ""},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.width == 640
    response = client.post(
        "/admin/articles/image/add/",
        {"photo": upload("two.jpg"), "alt_text": "نسخة", "credit": ""},
    )
    assert response.status_code == 200
    assert Image.objects.count() == 1
    assert len(stored_files(media_root)) == 2


def test_image_list_shows_thumbnails_without_per_row_queries(
    client, media_root, django_assert_num_queries
):
    client.force_login(editor())
    user = editor("uploader")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/articles/image/")
        assert response.status_code == 200
        return len(queries), response.content.decode()

    first = image_create(file=upload("a.jpg", color=(1, 2, 3)), by=user)
    few, html = list_queries()
    assert elements(html, "img", class_="desk-thumb", src=first.thumbnail.url)
    for number in range(12):
        image_create(
            file=upload(f"{number}.jpg", color=(20 * number + 10, 90, 9)), by=user
        )
    Image.objects.create(alt_text="تنتظر صورتها")
    many, html = list_queries()
    assert many == few
    assert "desk-no-photo" in html
