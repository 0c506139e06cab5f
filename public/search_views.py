"""The public search page: /search/?q=…"""

from django.views.generic import ListView

from articles.models import Article
from public.filters import ArticleSearchFilter
from search.engine import MAX_CANDIDATES, SearchResults


class SearchView(ListView):
    """Published articles matching the reader's words, best first, with source and
    date filters; ten a page, each with its headline and a passage highlighted."""

    template_name = "public/search.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        self.filterset = ArticleSearchFilter(
            self.request.GET or None,
            queryset=Article.objects.published(),
            request=self.request,
        )
        form = self.filterset.form
        form.is_valid()  # q is read even when a date is wrong
        self.q = form.cleaned_data.get("q", "") if form.is_bound else ""
        if not self.q:
            self.results = None
            return []
        self.results = SearchResults(self.filterset.qs.for_search_results(), self.q)
        return self.results

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            q=self.q,
            form=self.filterset.form,
            results=self.results,
            capped=self.results is not None and self.results.count() >= MAX_CANDIDATES,
            **kwargs,
        )
