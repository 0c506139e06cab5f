"""Forms of the editorial desk (the admin): articles with their figures, photos, the
screens that confirm a merge or a restore, and the small posts of the article form (a
workflow button, an autosave, a style fix)."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from articles.images import ACCEPT, inspect_image
from articles.models import (
    Article,
    ArticleTransition,
    Caption,
    Correction,
    Image,
    Source,
    Tag,
)
from articles.services.figures import ALT_TEXT_LOCKED, FigureInput
from articles.services.images import DuplicateImage, find_duplicate
from articles.services.permissions import can_change_image, changeable_images
from articles.services.taxonomy import split_tag_names
from articles.services.workflow import ALLOWED_TRANSITIONS
from desk.autosave import FIELDS as AUTOSAVE_FIELDS

TEXT_WIDGETS = (forms.TextInput, forms.Textarea, forms.URLInput, forms.EmailInput)


def with_dir_auto(widget: forms.Widget) -> forms.Widget:
    """Let the browser pick each text field's direction from what is typed, so Latin
    names and numbers inside Arabic (and the reverse) display correctly."""
    if isinstance(widget, TEXT_WIDGETS):
        widget.attrs.setdefault("dir", "auto")
    return widget


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """The admin's autocomplete, labelling its selected option with an object the
    form already holds (see :meth:`preload`) instead of querying for it: a form per
    figure must not cost a query per figure."""

    preloaded: dict = {}

    def preload(self, *objects) -> None:
        self.preloaded = {str(obj.pk): obj for obj in objects if obj is not None}

    def optgroups(self, name, value, attr=None):
        empty = self.choices.field.empty_values
        selected = [str(v) for v in value if str(v) not in empty]
        if not set(selected) <= self.preloaded.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance
        for key in dict.fromkeys(selected):
            obj = self.preloaded[key]
            options.append(
                self.create_option(name, obj.pk, label(obj), True, len(options))
            )
        return [(None, options, 0)]


def preload_choice(field: forms.Field, obj) -> None:
    """Let ``field``'s autocomplete (wrapped by the admin or not) label ``obj``
    without a query."""
    widget = getattr(field.widget, "widget", field.widget)
    if isinstance(widget, PreloadedAutocompleteSelect):
        widget.preload(obj)


class PhotoField(forms.FileField):
    """An uploaded photo, checked for its real format, size and pixels."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial and hasattr(upload, "read"):
            upload.image_info = inspect_image(upload)
        return upload


def form_problems(form: forms.Form) -> str:
    """Return the messages of ``form``'s errors, one sentence after another."""
    return " ".join(
        str(message) for errors in form.errors.values() for message in errors
    )


class NumberField(forms.IntegerField):
    """A positive whole number the database can hold: an id or a version (a larger
    one would fail the query instead of finding nothing)."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class PostNamesForm(forms.Form):
    """A form whose fields are posted under other names (``post_names``): names the
    templates and scripts already use, which are not Python identifiers or read
    badly as field names (``_transition``, ``from``)."""

    post_names: dict[str, str] = {}

    def add_prefix(self, field_name):
        return super().add_prefix(self.post_names.get(field_name, field_name))


def unix_newlines(text: str) -> str:
    """Browsers send text areas with CRLF line ends; store LF, so that saving an
    unchanged text never changes it."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class ArticleAdminForm(forms.ModelForm):
    """The article form. It remembers the version it was loaded at: saving it over a
    newer version is refused (see articles.services.articles.article_save)."""

    loaded_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1
    )
    # Shown for a live article only (see ArticleAdmin.get_fieldsets).
    update_kind = forms.ChoiceField(
        label=_("This change is"),
        choices=[
            (
                "update",
                _("an update readers should see: “Last updated” moves"),
            ),
            ("silent", _("a silent fix (a typo): nothing moves for readers")),
        ],
        initial="update",
        required=False,
        widget=forms.RadioSelect,
    )
    update_note = forms.CharField(
        label=_("Note for readers"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Optional, for an update: shown under the headline with the time of the "
            "update, e.g. أضيفت تصريحات وزير الخارجية."
        ),
    )
    new_tags = forms.CharField(
        label=_("New tags"),
        required=False,
        max_length=500,
        help_text=_(
            "Type topics separated by commas (ليبيا، كأس العالم). A name that matches "
            "an existing tag, whatever its harakat, tatweel, hamza or taa marbuta, "
            "is that tag; the others are created when the article is saved."
        ),
    )

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "body",
            "byline",
            "section",
            "sections",
            "tags",
            "sources",
            "published_at",
            "original_url",
        ]
        widgets = {
            "headline": forms.TextInput(
                attrs={"class": "vLargeTextField desk-headline"}
            ),
            "standfirst": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(
                attrs={"rows": 24, "class": "desk-body", "data-desk-word-count": ""}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        #: The stored publication time: saving the form never changes it for a
        #: published article (see :meth:`requested_publication_time`).
        self.stored_published_at = self.instance.published_at
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = self.instance.version
        if "published_at" in self.fields:
            self.fields["published_at"].help_text = (
                _(
                    "The article is scheduled for this time. Change it and save to "
                    "move the schedule (the move is recorded in the article's "
                    "history); “Publish now” publishes it at once, “Unpublish” "
                    "cancels the schedule."
                )
                if self.is_published
                else _(
                    "A plan until the article is published: “Publish now” uses it, "
                    "and a time in the future schedules the article."
                )
            )
        for field in self.fields.values():
            with_dir_auto(field.widget)

    def clean_new_tags(self):
        """The typed tag names, split and without repeats."""
        return split_tag_names(self.cleaned_data.get("new_tags") or "")

    @property
    def is_published(self) -> bool:
        """Whether the stored article is published (live or scheduled)."""
        return bool(self.instance.pk) and self.instance.status == (
            Article.Status.PUBLISHED
        )

    def requested_publication_time(self):
        """Return the publication time the editor set for a published article, when
        it differs from the stored one (to the second the form shows), else None.
        Only the workflow moves a published article: the admin passes this time to
        ``article_transition``."""
        if not self.is_published or "published_at" not in self.changed_data:
            return None
        requested = self.cleaned_data.get("published_at")
        stored = self.stored_published_at
        if requested is None or (
            stored is not None and requested == stored.replace(microsecond=0)
        ):
            return None
        return requested

    def clean_published_at(self):
        published_at = self.cleaned_data.get("published_at")
        if published_at is None and self.is_published:
            raise ValidationError(
                _(
                    "A published article needs a publication time. To take it off "
                    "the site, press “Unpublish” under Workflow."
                ),
                code="published_needs_time",
            )
        return published_at

    def clean_body(self):
        return unix_newlines(self.cleaned_data["body"])

    def clean_standfirst(self):
        return unix_newlines(self.cleaned_data["standfirst"])

    @property
    def is_silent(self) -> bool:
        """Whether the editor saves a live article as a silent fix."""
        return self.cleaned_data.get("update_kind") == "silent"

    def clean(self):
        cleaned = super().clean()
        if self.is_silent and cleaned.get("update_note", "").strip():
            self.add_error(
                "update_note",
                ValidationError(
                    _("A silent fix takes no note: choose an update to add one."),
                    code="silent_with_note",
                ),
            )
        if not self.instance.pk:
            return cleaned
        loaded = cleaned.get("loaded_version")
        if loaded != self.instance.version:
            # Show the form again at the current version: once the editor has seen
            # what changed, saving again is a deliberate choice.
            self.conflict = (loaded, self.instance.version)
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = self.instance.version
            raise ValidationError(
                _(
                    "Not saved: someone else saved this article after you opened it. "
                    "What you typed is still in the form below; their changes are "
                    "listed above it. Bring in what you need and save again."
                ),
                code="conflict",
            )
        return cleaned


class CaptionInlineForm(forms.ModelForm):
    """A figure: its caption, credit and number, the photo's alt text, and an upload to
    give an imported figure its photo (or to replace it)."""

    photo = PhotoField(
        label=_("upload a photo"),
        required=False,
        help_text=_(
            "JPEG, PNG, WebP or GIF, up to 20 MB. Gives this figure its photo, or "
            "replaces it."
        ),
    )
    alt_text = forms.CharField(
        label=_("alt text"),
        required=False,
        max_length=500,
        help_text=_("What the photo shows, for readers who cannot see it."),
        widget=forms.TextInput(attrs={"class": "desk-wide"}),
    )

    class Meta:
        model = Caption
        fields = [
            "image",
            "photo",
            "alt_text",
            "text",
            "credit",
            "credit_note",
            "position",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "class": "desk-wide"})}

    def __init__(self, *args, user=None, changeable_images=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        #: Who edits (None: no photo permission is checked here, only in services).
        self.user = user
        self.fields["image"].required = False
        self.fields["image"].label = _("or a photo from the library")
        self.fields["image"].help_text = _(
            "Choose a photo already in the library instead of uploading one."
        )
        self.fields["position"].widget.attrs.update(
            {"class": "desk-position", "min": "1"}
        )
        if self.instance.pk:
            # The inline's query brought the photo and the credit along.
            preload_choice(self.fields["image"], self.instance.image)
            if self.instance.credit_id:
                preload_choice(self.fields["credit"], self.instance.credit)
        if self.instance.pk and self.instance.image_id:
            self.initial.setdefault("alt_text", self.instance.image.alt_text)
            if user is not None and self.instance.image_id not in changeable_images:
                # Shared with articles this user cannot edit: shown, not editable.
                self.fields["alt_text"].disabled = True
                self.fields["alt_text"].help_text = ALT_TEXT_LOCKED
        for field in self.fields.values():
            with_dir_auto(field.widget)

    def clean_text(self):
        return unix_newlines(self.cleaned_data["text"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        if not cleaned.get("image") and not cleaned.get("photo"):
            raise ValidationError(
                _("Upload a photo or choose one from the library."),
                code="no_image",
            )
        if self._alt_text_refused():
            self.add_error(
                "alt_text", ValidationError(ALT_TEXT_LOCKED, code="image_locked")
            )
        return cleaned

    def alt_text_change(self) -> str | None:
        """Return the alt text the editor typed for the figure's photo, or None when
        they left it as it was."""
        typed = self.cleaned_data.get("alt_text")
        if "alt_text" in self.changed_data or (not self.instance.pk and typed):
            return typed
        return None

    def _alt_text_refused(self) -> bool:
        """Whether the typed alt text would change a stored photo the user may not
        change: the chosen one, or the library's copy of an uploaded one (an upload
        that goes into a new image may have any alt text)."""
        alt_text = self.alt_text_change()
        if self.user is None or alt_text is None:
            return False
        image = self.cleaned_data.get("image")
        photo = self.cleaned_data.get("photo")
        if photo:
            if image is None or image.file or not can_change_image(self.user, image):
                # The services store the upload as a new image, or as the same
                # photo already in the library.
                image = find_duplicate(photo.image_info.checksum)
            else:
                return False  # attached to the photo-less image the user may change
        return (
            image is not None
            and alt_text != image.alt_text
            and not can_change_image(self.user, image)
        )

    # Figure numbers are checked across the whole formset (so that two figures can
    # swap numbers in one save); the database constraint stays the last word.
    def validate_unique(self):
        try:
            self.instance.validate_unique(exclude=self._exclusions())
        except ValidationError as error:
            self._update_errors(error)

    def validate_constraints(self):
        try:
            self.instance.validate_constraints(exclude=self._exclusions())
        except ValidationError as error:
            self._update_errors(error)

    def _exclusions(self):
        return self._get_validation_exclusions() | {"position"}


class CaptionInlineFormSet(BaseInlineFormSet):
    """The figures of an article. With ``user``, alt texts of photos shared with
    articles that user cannot edit are shown but not editable."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    @cached_property
    def changeable_image_ids(self) -> set[int]:
        """Ids of the figures' photos ``user`` may change (one query at most)."""
        captions = self.get_queryset()
        return changeable_images(self.user, [c.image for c in captions if c.image_id])

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.user is not None:
            kwargs.update(user=self.user, changeable_images=self.changeable_image_ids)
        return kwargs

    def figure_changes(self) -> tuple[list[FigureInput], list[Caption]]:
        """Return the changed and new figures and the deleted ones, for
        ``article_update``; set what the admin's change message reads."""
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        figures = []
        for form in self.initial_forms + self.extra_forms:
            if form in self.deleted_forms or not form.has_changed():
                continue
            caption = form.instance
            figures.append(
                FigureInput(
                    caption=caption,
                    photo=form.cleaned_data.get("photo") or None,
                    alt_text=form.alt_text_change(),
                )
            )
            if caption.pk:
                self.changed_objects.append((caption, form.changed_data))
            else:
                self.new_objects.append(caption)
        deleted = [
            form.instance for form in self.deleted_forms if form.instance.pk is not None
        ]
        self.deleted_objects = deleted
        return figures, deleted


class ImageAdminForm(forms.ModelForm):
    """A photo in the library. The file is checked and stored by the images service."""

    photo = PhotoField(label=_("photo file"), required=False)

    class Meta:
        model = Image
        fields = ["alt_text", "credit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].help_text = _(
            "JPEG, PNG, WebP or GIF, up to 20 MB and 50 megapixels. The same photo is "
            "recognised if it is already in the library."
        )
        self.fields["photo"].required = self.instance.pk is None
        for field in self.fields.values():
            with_dir_auto(field.widget)

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload:
            existing = find_duplicate(
                upload.image_info.checksum, exclude=self.instance.pk
            )
            if existing is not None:
                raise DuplicateImage(existing)
        return upload


class MergeForm(forms.Form):
    """The screen confirming a merge: which of the selected ``rows`` stays (the
    others are merged into it). It posts its hidden ``confirm=yes`` with the list's
    action that opened it. Use :meth:`for_post`; subclasses give ``into``."""

    confirm = forms.ChoiceField(choices=[("yes", _("yes"))], widget=forms.HiddenInput)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = rows

    @classmethod
    def for_post(cls, data, **kwargs):
        """Bound to ``data`` when it comes from the confirmation screen; unbound
        (the screen to show) when it is the list's action."""
        if cls.base_fields["confirm"].widget.value_omitted_from_data(
            data, {}, "confirm"
        ):
            return cls(**kwargs)
        return cls(data, **kwargs)


class SourceMergeForm(MergeForm):
    into = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        widget=forms.RadioSelect,
        label=_("Keep this source"),
        empty_label=None,
    )


class CorrectionForm(forms.ModelForm):
    """A correction, clarification or update note on a live article."""

    class Meta:
        model = Correction
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "dir": "auto"})}


class TagMergeForm(MergeForm):
    into = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        label=_("Keep this tag"),
        empty_label=None,
    )


class TransitionForm(PostNamesForm):
    """The workflow button the editor pressed on the article form (empty: none) and
    the note that goes with it. Whether this user may make that move, from the
    article's state, is checked by ``article_transition``."""

    post_names = {"transition": "_transition", "note": "_transition_note"}

    transition = forms.ChoiceField(
        choices=[(action, t.label) for action, t in ALLOWED_TRANSITIONS.items()],
        required=False,
        error_messages={"invalid_choice": _("Unknown action “%(value)s”.")},
    )
    note = forms.CharField(
        required=False,
        max_length=ArticleTransition._meta.get_field("note").max_length,
        error_messages={
            "max_length": _(
                "The note is too long: at most %(limit_value)d characters (it has "
                "%(show_value)d)."
            )
        },
    )

    @property
    def pressed(self) -> bool:
        """Whether a workflow button was pressed (whatever its value)."""
        return bool(self["transition"].data)


class RevisionCompareForm(PostNamesForm):
    """The two revisions the history screen compares (``?from=&to=``); either may be
    missing, and then the screen compares the latest two."""

    post_names = {"old": "from", "new": "to"}

    old = NumberField(required=False)
    new = NumberField(required=False)


class RestoreForm(forms.Form):
    """The version of the article the restore screen showed: the restore is refused
    when someone saved since."""

    loaded_version = NumberField()


class AutosaveForm(forms.Form):
    """What the article form's script posts as the editor types: the article (empty:
    a new one), the version the form was loaded at, the browser tab, the kept text
    fields, and ``discard`` or ``force``."""

    article = NumberField(required=False)
    version = NumberField(required=False)
    tab = forms.CharField(required=False, strip=False)
    discard = forms.BooleanField(required=False)
    force = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Kept as typed; desk.autosave cuts each to its longest length.
        for name in AUTOSAVE_FIELDS:
            self.fields[name] = forms.CharField(required=False, strip=False)

    def kept_fields(self) -> dict[str, str]:
        """The text fields the post carried (those it left out stay out)."""
        return {
            name: self.cleaned_data[name]
            for name in AUTOSAVE_FIELDS
            if not self[name].field.widget.value_omitted_from_data(
                self.data, self.files, self.add_prefix(name)
            )
        }


class StyleFixForm(forms.Form):
    """The house-style finding to fix (its key) and the version of the article the
    form showed."""

    fix = forms.CharField(max_length=200)
    version = NumberField()
