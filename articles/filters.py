"""django-filter sets for public lists of articles."""

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Article, Source
from .search import MAX_QUERY_LENGTH


def sources_with_published_articles(request=None):
    """Sources credited on at least one published article, by name."""
    published = Article.objects.published().filter(sources=OuterRef("pk"))
    return Source.objects.filter(Exists(published)).order_by("name")


def _start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words to look for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
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
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(
                _("The first date must come before the last."), code="date_order"
            )
        return data


_DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ArticleSearchFilter(django_filters.FilterSet):
    """Source and date filters for search results (the words themselves are read by
    the view from the same form's ``q``)."""

    source = django_filters.ModelChoiceFilter(
        label=_("Source"),
        field_name="sources",
        to_field_name="slug",
        queryset=sources_with_published_articles,
        empty_label=_("All sources"),
    )
    since = django_filters.DateFilter(
        label=_("Published from"), method="filter_since", widget=_DATE_WIDGET
    )
    until = django_filters.DateFilter(
        label=_("Published until"), method="filter_until", widget=_DATE_WIDGET
    )

    class Meta:
        model = Article
        fields = ["source", "since", "until"]
        form = SearchForm

    def filter_since(self, queryset, name, value):
        return queryset.filter(published_at__gte=_start_of_day(value))

    def filter_until(self, queryset, name, value):
        return queryset.filter(published_at__lt=_start_of_day(value + timedelta(1)))

    def filter_queryset(self, queryset):
        """Apply the filters (not ``q``, which is the view's); none when the dates
        are in the wrong order."""
        if self.form.errors.get("__all__"):
            return queryset.none()
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset
