"""Test data with realistic Arabic defaults: articles, figures, sources, users in the
desk's three roles, and small real photos made with Pillow in memory."""

import io
import itertools
import os
import struct
import zlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Author, Caption, Image, Section, Source, Tag
from articles.services.revisions import article_record_revision
from articles.services.roles import CHIEF, EDITOR, REPORTER, roles_sync
from articles.services.taxonomy import article_set_authors

_counter = itertools.count(1)


def make_source(name=None, **fields):
    name = name or f"وكالة اختبار {next(_counter)}"
    return Source.objects.create(name=name, **fields)


def make_section(name=None, **fields):
    name = name or f"قسم {next(_counter)}"
    return Section.objects.create(name=name, **fields)


def make_tag(name=None, **fields):
    name = name or f"وسم {next(_counter)}"
    return Tag.objects.create(name=name, **fields)


def make_author(name=None, **fields):
    name = name or f"كاتب {next(_counter)}"
    return Author.objects.create(name=name, **fields)


def make_article(headline="رئيس الأركان الليبي المعين يزور مصر مجددا", **fields):
    sources = fields.pop("sources", ())
    tags = fields.pop("tags", ())
    sections = fields.pop("sections", ())
    authors = fields.pop("authors", ())
    fields.setdefault(
        "body",
        "في زيارة هي الثانية خلال أسبوع، وصل القاهرة الأربعاء رئيس أركان الجيش الليبي.\n\n"
        "## توتر سياسي وعسكري\n\n"
        "وتؤكد القاهرة أنها تدعم الشرعية المتمثلة في البرلمان الليبي الجديد.",
    )
    if fields.get("status") == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    article = Article.objects.create(headline=headline, **fields)
    article.sources.set(sources)
    article.tags.set(tags)
    article.sections.set(sections)
    article_set_authors(article, authors)
    # As the desk and the importer do: every stored article has a first revision.
    article_record_revision(article, by=fields.get("created_by"))
    return article


def make_caption(article, position=1, text="قطعة من جناح الطائرة سوخوي", **fields):
    image = fields.pop("image", None) or Image.objects.create(
        alt_text=fields.pop("alt_text", text), credit=fields.get("credit")
    )
    return Caption.objects.create(
        article=article, image=image, position=position, text=text, **fields
    )


def make_user(username="editor", *, superuser=False, **fields):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username=username, password="pw", **fields)
    return User.objects.create_user(username=username, password="pw", **fields)


# Staff in the desk's three roles (the groups made by migration) ----------------------


def make_staff(username, role):
    """Return an active staff user in the group ``role`` (None: staff, no group).
    Transactional tests (browser tests) empty the database when they end, groups
    made by migrations included: the group is then made again."""
    user = make_user(username, is_staff=True)
    if role:
        group = Group.objects.filter(name=role).first() or roles_sync()[role]
        user.groups.add(group)
    return user


def reporter(username="reporter"):
    return make_staff(username, REPORTER)


def editor(username="editor"):
    return make_staff(username, EDITOR)


def chief(username="chief"):
    return make_staff(username, CHIEF)


# Photos ----------------------------------------------------------------------------


def photo_bytes(fmt="JPEG", size=(640, 480), color=(200, 30, 30)):
    buffer = io.BytesIO()
    mode = "P" if fmt == "GIF" else "RGB"
    PILImage.new(mode if mode == "RGB" else "RGB", size, color).convert(mode).save(
        buffer, fmt
    )
    return buffer.getvalue()


def upload(name="photo.jpg", fmt="JPEG", size=(640, 480), color=(200, 30, 30)):
    return SimpleUploadedFile(name, photo_bytes(fmt, size, color))


def png_declaring(width, height):
    """A tiny PNG whose header claims ``width``×``height`` pixels (a decompression
    bomb's signature)."""
    data = photo_bytes("PNG", (1, 1))
    ihdr_start = 8 + 8  # signature, then length and type of the IHDR chunk
    header = bytearray(data[ihdr_start : ihdr_start + 13])
    header[0:8] = struct.pack(">II", width, height)
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + bytes(header)) & 0xFFFFFFFF)
    return data[:ihdr_start] + bytes(header) + crc + data[ihdr_start + 17 :]


def stored_files(root):
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, names in os.walk(root)
        for name in names
    )
