"""The archive's filters: source, date range and words in the headline."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Article, Source


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class ArchiveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words in the headline"),
        method="filter_headline",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "dir": "auto"}),
    )
    source = django_filters.ModelChoiceFilter(
        label=_("Source"),
        field_name="sources",
        to_field_name="slug",
        queryset=Source.objects.with_published_articles(),
        empty_label=_("All sources"),
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="published_at",
        lookup_expr="date__gte",
        widget=DateInput(),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="published_at",
        lookup_expr="date__lte",
        widget=DateInput(),
    )

    class Meta:
        model = Article
        fields = ["q", "source", "date_from", "date_to"]

    def filter_headline(self, queryset, name, value):
        # Kept to one call so full-text search can replace it in one place.
        return queryset.headline_has_words(value)

    @property
    def is_filtered(self):
        """True when the reader narrowed the archive with at least one filter."""
        return self.is_bound and any(
            self.form.cleaned_data.get(name) for name in self.filters
        )
