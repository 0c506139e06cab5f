"""The archive's filters (source, date range, words in the headline) and the search
page's (source and date range beside the reader's words)."""

import django_filters
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Source
from search.engine import MAX_QUERY_LENGTH, headline_has_words


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class _ReadOnceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.objects():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.objects()) + (self.field.empty_label is not None)


class ReadOnceChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that reads its choices once per form, for both the list
    it shows and the check of the chosen one (one query instead of two)."""

    iterator = _ReadOnceIterator

    def objects(self):
        if getattr(self, "_objects", None) is None:
            self._objects = list(self.queryset)
        return self._objects

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self._objects = None

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        for obj in self.objects():
            if str(getattr(obj, key)) == str(value):
                return obj
        raise forms.ValidationError(
            self.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )


class SourceFilter(django_filters.ModelChoiceFilter):
    field_class = ReadOnceChoiceField


class PublishedFilter(django_filters.FilterSet):
    """Source and publication-date filters, shared by the archive and search pages."""

    source = SourceFilter(
        label=_("Source"),
        field_name="sources",
        to_field_name="slug",
        queryset=Source.objects.with_published_articles(),
        empty_label=_("All sources"),
    )
    date_from = django_filters.DateFilter(
        label=_("Published from"),
        field_name="published_at",
        lookup_expr="date__gte",
        widget=DateInput(),
    )
    date_to = django_filters.DateFilter(
        label=_("Published until"),
        field_name="published_at",
        lookup_expr="date__lte",
        widget=DateInput(),
    )

    class Meta:
        model = Article
        fields = ["source", "date_from", "date_to"]


class ArchiveFilter(PublishedFilter):
    q = django_filters.CharFilter(
        label=_("Words in the headline"),
        method="filter_headline",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "dir": "auto"}),
    )

    class Meta(PublishedFilter.Meta):
        fields = ["q", "source", "date_from", "date_to"]

    def filter_headline(self, queryset, name, value):
        return headline_has_words(queryset, value)

    @property
    def is_filtered(self):
        """True when the reader narrowed the archive with at least one filter."""
        return self.is_bound and any(
            self.form.cleaned_data.get(name) for name in self.filters
        )


class SearchForm(forms.Form):
    """The search page's form: the reader's words, and the filters' fields (added by
    ``ArticleSearchFilter``)."""

    q = forms.CharField(
        label=_("Words to look for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "dir": "auto", "autocomplete": "off"}
        ),
        help_text=_(
            "Spelling variants count as the same word. Put words in quotes to find "
            "them together, a minus sign before a word to leave it out, and OR "
            "between words to accept either."
        ),
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("date_from"), data.get("date_to")
        if since and until and since > until:
            raise forms.ValidationError(
                _("The first date must come before the last."), code="date_order"
            )
        return data


class ArticleSearchFilter(PublishedFilter):
    """Source and date filters for search results (the words themselves, ``q``, are
    searched by the view: ``search.engine.SearchResults``)."""

    class Meta(PublishedFilter.Meta):
        form = SearchForm

    def filter_queryset(self, queryset):
        """Apply the filters (not ``q``); none when one of them is wrong (a date that
        is no date, an unknown source, dates in the wrong order): the page shows why."""
        if self.form.errors:
            return queryset.none()
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset
