"""The admin's import screen: upload .txt or .zip files, preview each parsed piece,
then confirm to create the drafts. Nothing is saved before the confirmation.

Uploaded bytes wait on disk between the preview and the confirmation (see
``import_staging``), so the confirmation imports exactly what was previewed.
"""

import dataclasses
import re
import secrets
from collections import Counter

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Source
from ingest.batches import batch_create, batch_resume, is_stalled
from ingest.exporter import article_text, articles_zip, export_filename
from ingest.files import ImportFile, files_from_zip, too_large
from ingest.importer import (
    Figure,
    KnownCredits,
    Paragraph,
    ParseError,
    Subheading,
    parse,
)
from ingest.importer.readings import COULD_BE, block_text, read_as, unsure_blocks
from ingest.importer.serial import (
    error_to_data,
    piece_from_data,
    piece_to_data,
)
from ingest.models import ImportBatch
from ingest.services import (
    ImportStatus,
    SourceIndex,
    import_outcome,
    import_staged,
    known_credits,
    piece_source_names,
)
from ingest.signals import files_imported
from ingest.staging import stage, staged, unstage

SESSION_KEY = "newsroom-import"
# One preview holds at most this much, however small the uploaded zips.
MAX_BATCH_BYTES = 20 * 1024 * 1024
MAX_BATCH_FILES = 500


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once. Empty files are let through: the importer explains, per
    file, why one cannot be imported."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".txt,.xml,.json,.zip"})
        )
        super().__init__(*args, allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            return [super().clean(None, initial)]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Files"),
        help_text=gettext_lazy(
            "One or more .txt files (the agency text format or TREC archive files), "
            "agency items (NewsML-G2 or NITF .xml, ninjs .json), or a .zip holding them."
        ),
    )
    default_source = forms.ModelChoiceField(
        queryset=Source.objects.all(),
        required=False,
        label=gettext_lazy("Source when a piece names none"),
        help_text=gettext_lazy("Used for pieces that have no “المصدر” line."),
    )
    publish = forms.BooleanField(
        required=False,
        label=gettext_lazy("Publish at once"),
        help_text=gettext_lazy(
            "Leave unticked to create drafts for the desk to check."
        ),
    )

    def __init__(self, *args, can_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["publish"]

    def clean_files(self):
        files = self.cleaned_data["files"]
        if sum(f.size for f in files) > MAX_BATCH_BYTES:
            raise forms.ValidationError(
                _("These files add up to more than %(limit)s MB; import them in parts.")
                % {"limit": MAX_BATCH_BYTES // (1024 * 1024)},
                code="batch_too_large",
            )
        return files


def uploaded_files(uploads, *, max_bytes):
    """Yield an ImportFile for each uploaded file and each piece inside uploaded zips,
    stopping with an error once the batch holds more than MAX_BATCH_FILES files or
    MAX_BATCH_BYTES bytes (a small zip can unpack to far more)."""
    count = total = 0
    for file in _uploaded(uploads, max_bytes=max_bytes):
        if file.data is not None:
            count += 1
            total += len(file.data)
            if count > MAX_BATCH_FILES or total > MAX_BATCH_BYTES:
                yield ImportFile(
                    file.name,
                    None,
                    _(
                        "%(file)s and the files after it were not read: one import "
                        "takes at most %(count)s files or %(size)s MB. Import the rest "
                        "in another batch."
                    )
                    % {
                        "file": file.name,
                        "count": MAX_BATCH_FILES,
                        "size": MAX_BATCH_BYTES // (1024 * 1024),
                    },
                )
                return
        yield file


def _uploaded(uploads, *, max_bytes):
    for upload in uploads:
        name = upload.name
        if name.lower().endswith(".zip"):
            yield from files_from_zip(name, upload, max_bytes=max_bytes)
        elif not name.lower().endswith((".txt", ".xml", ".json")):
            yield ImportFile(
                name,
                None,
                _("%(file)s: only .txt, .xml, .json and .zip files can be imported.")
                % {"file": name},
            )
        elif upload.size > max_bytes:
            yield too_large(name, upload.size, max_bytes)
        else:
            yield ImportFile(name, upload.read())


def preview(file: ImportFile, max_bytes: int, known: KnownCredits) -> dict:
    """Return what the preview shows for one file: the parsed piece and what importing
    it would do, or the reason it cannot be imported."""
    if file.data is None:
        return {"name": file.name, "error": file.error}
    try:
        piece = parse(
            file.data, filename=file.name, max_bytes=max_bytes, known_credits=known
        )
    except ParseError as error:
        return {
            "name": file.name,
            "error": str(error),
            "staged": {"error": error_to_data(error)},
        }
    status, article, _digest = import_outcome(piece, filename=file.name)
    index = SourceIndex(piece_source_names(piece))
    figures = []
    for block in piece.blocks:
        if isinstance(block, Figure):
            parts = block.credit_parts
            name = parts.service if parts else None
            figures.append(
                {
                    "figure": block,
                    "credit": name,
                    "note": parts.note if parts else None,
                    "photographer": parts.photographer if parts else None,
                    "known": bool(name and index.find(name)),
                }
            )
    return {
        "name": file.name,
        "piece": piece,
        "staged": {"piece": piece_to_data(piece)},
        "photos": file.photos,
        "unsure": [
            {
                "line": line,
                "reading": reading,
                "readings": (reading, *COULD_BE[reading]),
                "text": block_text(next(b for b in piece.blocks if b.line == line)),
            }
            for line, reading in unsure_blocks(piece).items()
        ],
        "status": status,
        "article": article,
        "figures": figures,
        "subheadings": [b.text for b in piece.blocks if isinstance(b, Subheading)],
        "paragraphs": sum(1 for b in piece.blocks if isinstance(b, Paragraph)),
        "sources": [{"name": n, "known": bool(index.find(n))} for n in piece.sources],
    }


READING_FIELD = re.compile(r"^reading-(?P<item>[0-9]+)-(?P<line>[0-9]+)$")


def with_readings(files, data):
    """``files`` (as staged) with the readings the editor chose in the preview
    (``reading-<file>-<line>`` = figure or paragraph) applied to their pieces;
    ValueError for a choice about a line the importer was not unsure of."""
    chosen: dict[int, dict[int, str]] = {}
    for name, value in data.items():
        if found := READING_FIELD.match(name):
            chosen.setdefault(int(found["item"]), {})[int(found["line"])] = value
    if set(chosen) - set(range(len(files))):
        raise ValueError("a reading for a file that is not in the batch")
    result = []
    known = known_credits() if chosen else None
    for number, (name, staged_data, photos) in enumerate(files):
        if number in chosen:
            if "piece" not in staged_data:
                raise ValueError("a reading for a file that could not be read")
            piece = piece_from_data(staged_data["piece"])
            for line, reading in sorted(chosen[number].items()):
                piece = read_as(piece, line, reading, known)
            staged_data = {"piece": piece_to_data(piece)}
        result.append((name, staged_data, photos))
    return result


class ArticleImportMixin:
    """Adds the import screen to the Article admin (``<changelist>/import/``)."""

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="articles_article_import",
            ),
            path(
                "import/batches/<int:batch_id>/",
                self.admin_site.admin_view(self.import_batch_view),
                name="articles_article_import_batch",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        can_publish = request.user.has_perm("articles.publish_article")
        max_bytes = settings.NEWSROOM_IMPORT_MAX_BYTES
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import articles"),
            "max_bytes": max_bytes,
        }
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, context, can_publish, max_bytes)
        form = ImportForm(
            request.POST or None, request.FILES or None, can_publish=can_publish
        )
        if request.method == "POST" and form.is_valid():
            files = list(
                uploaded_files(form.cleaned_data["files"], max_bytes=max_bytes)
            )
            known = known_credits()
            items = [preview(f, max_bytes, known) for f in files]
            staged_items = [i for i in items if "staged" in i]
            for number, item in enumerate(staged_items):
                item["stage_index"] = number
            token = stage(
                (i["name"], i["staged"], i.get("photos", ())) for i in staged_items
            )
            source = form.cleaned_data.get("default_source")
            request.session[SESSION_KEY] = {
                "token": token,
                "source": source.pk if source else None,
                "publish": bool(form.cleaned_data.get("publish")),
            }
            context.update(
                {
                    "title": _("Check before importing"),
                    "items": items,
                    "token": token,
                    "importable": sum(
                        1
                        for i in items
                        if i.get("status")
                        in {ImportStatus.CREATED, ImportStatus.UPDATED}
                    ),
                    "publish": request.session[SESSION_KEY]["publish"],
                    "default_source": source,
                }
            )
            return TemplateResponse(
                request, "admin/articles/article/import_preview.html", context
            )
        context["form"] = form
        return TemplateResponse(
            request, "admin/articles/article/import_form.html", context
        )

    def _confirm(self, request, context, can_publish, max_bytes):
        options = request.session.get(SESSION_KEY)
        files = None
        if options and secrets.compare_digest(
            options["token"], request.POST.get("token", "")
        ):
            files = staged(options["token"])
        if files is None:
            messages.error(
                request,
                _(
                    "This import has expired or was already done; upload the files again."
                ),
            )
            return redirect(reverse("admin:articles_article_import"))
        try:
            files = with_readings(files, request.POST)
        except ValueError:
            messages.error(
                request,
                _(
                    "A line cannot be read the way that was asked; nothing was "
                    "imported. Upload the files again."
                ),
            )
            return redirect(reverse("admin:articles_article_import"))
        del request.session[SESSION_KEY]
        source = (
            Source.objects.filter(pk=options["source"]).first()
            if options["source"]
            else None
        )
        publish = options["publish"] and can_publish
        if len(files) > settings.NEWSROOM_IMPORT_INLINE_FILES:
            token = options["token"]
            if any(READING_FIELD.match(name) for name in request.POST):
                # The worker imports what is staged: stage the pieces as read.
                unstage(token)
                token = stage(files)
            batch = batch_create(
                token=token,
                total=len(files),
                user=request.user,
                publish=publish,
                default_source=source,
            )
            return redirect(
                reverse("admin:articles_article_import_batch", args=[batch.pk])
            )
        results = [
            import_staged(
                name,
                data,
                photos=photos,
                user=request.user,
                publish=publish,
                default_source=source,
            )
            for name, data, photos in files
        ]
        unstage(options["token"])
        files_imported.send(
            sender=ImportBatch,
            user=request.user,
            counts=Counter(str(result.status) for result in results),
            where=_("upload in the desk"),
        )
        context.update(
            {
                "title": _("Import finished"),
                "results": self._visible_results(
                    request, results, lambda r: r.article and r.article.pk
                ),
            }
        )
        return TemplateResponse(
            request, "admin/articles/article/import_done.html", context
        )

    def _visible_results(self, request, results, article_pk):
        """``results`` as ``request.user`` may see them: an article outside the
        desk they see (``get_queryset``: a scoped user's sections) is not named."""
        pks = {pk for result in results if (pk := article_pk(result))}
        visible = set(
            self.get_queryset(request).filter(pk__in=pks).values_list("pk", flat=True)
        )
        hidden = _("Imported outside the sections you work in.")
        return [
            result
            if article_pk(result) in visible | {None}
            else _hide_article(result, hidden)
            for result in results
        ]

    def import_batch_view(self, request, batch_id):
        """How far a background import has got, with the report of each file done;
        the page reloads itself until it is done. Its uploader and anyone who may
        edit every article see it; a stalled batch can be resumed (POST)."""
        batch = get_object_or_404(ImportBatch, pk=batch_id)
        if not (
            batch.created_by_id == request.user.pk
            or request.user.has_perm("articles.edit_any_article")
        ):
            raise PermissionDenied
        stalled = is_stalled(batch)
        if request.method == "POST" and "resume" in request.POST and stalled:
            batch_resume(batch)
            messages.success(request, _("The import goes on where it stopped."))
            return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import in the background"),
            "batch": batch,
            "results": self._visible_results(
                request, batch.report, lambda r: r["article"] and r["article"]["pk"]
            ),
            "stalled": stalled,
        }
        return TemplateResponse(
            request, "admin/articles/article/import_batch.html", context
        )


def _hide_article(result, message):
    """The result of one file without its article (a report entry or an
    ``ImportResult``)."""
    if isinstance(result, dict):
        return {**result, "article": None, "new_sources": [], "message": message}
    return dataclasses.replace(result, article=None, new_sources=[], message=message)


def _download(queryset, export_format: str, content_type: str):
    """The selected articles in ``export_format``: one file, or a .zip of them."""
    articles = list(queryset.for_page())
    if len(articles) == 1:
        response = HttpResponse(
            article_text(articles[0], export_format), content_type=content_type
        )
        filename = export_filename(articles[0], export_format)
    else:
        response = HttpResponse(
            articles_zip(articles, export_format), content_type="application/zip"
        )
        filename = "articles.zip"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@admin.action(
    description=gettext_lazy("Download as text"),
    permissions=["view"],
)
def download_as_text(modeladmin, request, queryset):
    """Send the selected articles in the seed text format."""
    return _download(queryset, "seed", "text/plain; charset=utf-8")


@admin.action(
    description=gettext_lazy("Download as a Newsroom export (everything kept)"),
    permissions=["view"],
)
def download_as_export(modeladmin, request, queryset):
    """Send the selected articles as Newsroom's JSON export, which an import reads
    back whole."""
    return _download(queryset, "json", "application/json")


@admin.action(
    description=gettext_lazy("Download as NewsML-G2 (for agencies)"),
    permissions=["view"],
)
def download_as_newsml(modeladmin, request, queryset):
    """Send the selected articles as NewsML-G2 items with NITF bodies."""
    return _download(queryset, "newsml-g2", "application/vnd.iptc.g2.newsitem+xml")


@admin.action(
    description=gettext_lazy("Download as NITF"),
    permissions=["view"],
)
def download_as_nitf(modeladmin, request, queryset):
    """Send the selected articles as NITF 3.6 documents."""
    return _download(queryset, "nitf", "application/nitf+xml")


@admin.action(
    description=gettext_lazy("Download as ninjs (news in JSON)"),
    permissions=["view"],
)
def download_as_ninjs(modeladmin, request, queryset):
    """Send the selected articles as ninjs 3.1 items."""
    return _download(queryset, "ninjs", "application/json")
