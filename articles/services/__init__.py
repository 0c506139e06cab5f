"""Writes with side effects: every change the desk makes goes through these."""

from .articles import (
    EditConflict,
    PublicationChangeRefused,
    RestoreError,
    article_mark_open,
    article_restore_revision,
    article_save,
    article_update,
)
from .checks import CheckReport, editorial_checks
from .corrections import correction_add, correction_publish
from .figures import FigureInput, article_save_figures, renumber_markers
from .images import DuplicateImage, image_attach_file, image_create, image_update
from .revisions import article_record_revision
from .roles import DESK_ROLES, roles_sync
from .sources import source_confirm, source_merge
from .taxonomy import article_set_authors, split_tag_names, tag_merge, tags_for_names
from .workflow import (
    ALLOWED_TRANSITIONS,
    EditorialChecksFailed,
    TransitionForbidden,
    TransitionNotAllowed,
    article_archive,
    article_publish,
    article_reinstate,
    article_restore,
    article_return_to_draft,
    article_schedule,
    article_submit,
    article_transition,
    article_unpublish,
    article_withdraw,
)

__all__ = [
    "ALLOWED_TRANSITIONS",
    "DESK_ROLES",
    "CheckReport",
    "DuplicateImage",
    "EditConflict",
    "EditorialChecksFailed",
    "FigureInput",
    "PublicationChangeRefused",
    "RestoreError",
    "TransitionForbidden",
    "TransitionNotAllowed",
    "article_archive",
    "article_mark_open",
    "article_publish",
    "article_record_revision",
    "article_reinstate",
    "article_restore",
    "article_restore_revision",
    "article_return_to_draft",
    "article_save",
    "article_save_figures",
    "article_schedule",
    "article_set_authors",
    "article_submit",
    "article_transition",
    "article_unpublish",
    "article_update",
    "article_withdraw",
    "correction_add",
    "correction_publish",
    "editorial_checks",
    "image_attach_file",
    "image_create",
    "image_update",
    "renumber_markers",
    "roles_sync",
    "source_confirm",
    "source_merge",
    "split_tag_names",
    "tag_merge",
    "tags_for_names",
]
