"""Article search: one API over PostgreSQL full-text search and SQLite FTS5.

Callers never know which database answered:

- ``Article.objects.<any filters>.search(q)`` returns a QuerySet of the matching
  articles, best first, annotated with ``search_rank``;
- ``SearchResults(queryset, q)`` is what a page paginates: the same search, with a
  fallback to similar words (pg_trgm on PostgreSQL, the same trigram measure on SQLite)
  when nothing matches, and each result's headline and snippet highlighted in the
  original, unnormalised text (the desk's article search filters by
  ``search_queryset`` too, drafts included).

Reader syntax, parsed here for both databases: words must all appear (in any of the
spellings the normaliser folds together); "quoted words" must appear together, in that
order (also «…» and “…”); -word or -"a phrase" must not appear; OR (or أو) between two
items accepts either, binding closer than the implicit AND, as on web search engines
(``مستشفى غزة OR رفح`` is مستشفى and (غزة or رفح)). Nothing a reader types can break
the query: operators are recognised by this parser, words reach the database only as
normalised keys.
"""

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace

from django.db import connections, transaction
from django.db.models import BooleanField, Expression, F, FloatField
from django.db.models.functions import Coalesce
from django.utils.html import format_html, format_html_join

from articles.body import parse_body
from articles.text import keyed_words, query_words, search_fold

#: At most this many characters of a query are read.
MAX_QUERY_LENGTH = 200
#: Results of a very common word are ranked among its most recent matches only:
#: ranking reads each candidate's whole vector, so this bounds the cost of a query.
MAX_CANDIDATES = 300
#: PostgreSQL's ranking: cover density, so words found close together (as typed) rank
#: higher than the same words far apart.
PG_RANK = "ts_rank_cd"
#: PostgreSQL ``ts_rank`` weights for D, C (body), B (standfirst, sub-headings,
#: captions) and A (headline).
PG_WEIGHTS = [0.1, 0.2, 0.5, 1.0]
#: SQLite ``bm25`` weights for the FTS columns headline, extras, captions, body.
SQLITE_WEIGHTS = (10.0, 5.0, 5.0, 2.0)
#: SQLite: what an article holding the query's words together, as typed, gains.
PHRASE_BONUS = 1000
SNIPPET_WORDS = 32
#: Words a snippet shows before its first match, when there are some.
SNIPPET_LEAD = 8
MAX_SUGGESTIONS = 3


# --- Parsing ------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One word of a query: the keys it matches (its own first)."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """Words that must follow each other."""

    words: tuple[Word, ...]


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (a group is items joined by OR), no
    excluded item may."""

    text: str
    groups: tuple[tuple[Word | Phrase, ...], ...] = ()
    excluded: tuple[Word | Phrase, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the query has no word to look for (empty, or only stop words)."""
        return not self.groups

    @property
    def keys(self) -> frozenset[str]:
        """Every key the query looks for: what highlighting marks."""
        return frozenset(key for word in self.words() for key in word.keys)

    def words(self):
        """Yield the query's positive words."""
        for group in self.groups:
            for item in group:
                yield from item.words if isinstance(item, Phrase) else (item,)

    def as_phrase(self) -> Phrase | None:
        """The query's words as one phrase, when it is two or more plain words (no
        OR, no quotes), else None."""
        if len(self.groups) < 2 or any(
            len(group) > 1 or isinstance(group[0], Phrase) for group in self.groups
        ):
            return None
        return Phrase(tuple(group[0] for group in self.groups))

    def with_alternatives(self, extra: dict[str, tuple[str, ...]]) -> "Query":
        """Return the query with ``extra[key]`` added to each word whose own key is
        ``key`` (used for suggestions)."""

        def widen(item):
            if isinstance(item, Phrase):
                return Phrase(tuple(widen(word) for word in item.words))
            more = extra.get(item.keys[0], ())
            return Word(tuple(dict.fromkeys(item.keys + more)))

        groups = tuple(tuple(widen(item) for item in group) for group in self.groups)
        return replace(self, groups=groups)


_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "”"}
_TOKEN_RE = re.compile(
    r"""(?P<neg>-?)(?:(?P<open>["«“„])(?P<phrase>[^"»”]*)["»”]?|(?P<word>[^\s"«“„]+))"""
)
_OR_WORDS = {"or", "أو", "او"}


def _item(text: str) -> Word | Phrase | None:
    words = tuple(Word(keys) for keys in query_words(text))
    if not words:
        return None
    return words[0] if len(words) == 1 else Phrase(words)


def parse_query(text: str) -> Query:
    """Return the parsed form of a reader's query (never raises)."""
    text = (text or "")[:MAX_QUERY_LENGTH]
    groups: list[list[Word | Phrase]] = []
    excluded: list[Word | Phrase] = []
    join_next = False
    for match in _TOKEN_RE.finditer(text):
        raw = match["word"]
        if raw is not None and raw.casefold() in _OR_WORDS and not match["neg"]:
            join_next = bool(groups)
            continue
        item = _item(match["phrase"] if raw is None else raw)
        if item is None:
            continue
        if match["neg"]:
            excluded.append(item)
        elif join_next:
            groups[-1].append(item)
        else:
            groups.append([item])
        join_next = False
    return Query(
        text=text,
        groups=tuple(tuple(dict.fromkeys(group)) for group in groups),
        excluded=tuple(dict.fromkeys(excluded)),
    )


# --- Compiling for each database ----------------------------------------------------


def _pg_lexeme(key: str, weights: str = "") -> str:
    lexeme = "'" + key.replace("\\", "\\\\").replace("'", "''") + "'"
    return f"{lexeme}:{weights}" if weights else lexeme


def _pg_item(item: Word | Phrase, weights: str = "") -> str:
    if isinstance(item, Phrase):
        return "(" + " <-> ".join(_pg_item(word, weights) for word in item.words) + ")"
    return "(" + " | ".join(_pg_lexeme(key, weights) for key in item.keys) + ")"


def pg_tsquery(query: Query, *, weights: str = "") -> str:
    """Return the query as PostgreSQL ``tsquery`` text over our keys; with
    ``weights`` (e.g. "A", the headline), matching only words of those weights."""
    parts = [
        "(" + " | ".join(_pg_item(i, weights) for i in group) + ")"
        for group in query.groups
    ]
    parts += ["!" + _pg_item(item, weights) for item in query.excluded]
    return " & ".join(parts)


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


_MAX_PHRASE_SPELLINGS = 100


def _fts_item(item: Word | Phrase) -> str:
    if isinstance(item, Word):
        return "(" + " OR ".join(_fts_string(key) for key in item.keys) + ")"
    # FTS5 phrases cannot hold alternatives: spell each combination out (the first
    # word's alternatives only, if there would be too many).
    spellings = [[]]
    for position, word in enumerate(item.words):
        keys = word.keys
        if len(spellings) * len(keys) > _MAX_PHRASE_SPELLINGS and position:
            keys = keys[:1]
        spellings = [[*done, key] for done in spellings for key in keys]
    return "(" + " OR ".join(_fts_string(" ".join(s)) for s in spellings) + ")"


def fts5_match(query: Query) -> str:
    """Return the query as an SQLite FTS5 MATCH expression over our keys."""
    positive = " AND ".join(
        "(" + " OR ".join(_fts_item(item) for item in group) + ")"
        for group in query.groups
    )
    if not query.excluded:
        return positive
    excluded = " OR ".join(_fts_item(item) for item in query.excluded)
    return f"({positive}) NOT ({excluded})"


class _TableSQL(Expression):
    """SQL naming the query's own article table as ``{table}`` (whatever alias it has
    in a subquery), with parameters."""

    def __init__(self, template, params, output_field):
        super().__init__(output_field=output_field)
        self.template, self.params = template, list(params)

    @property
    def conditional(self):
        return isinstance(self.output_field, BooleanField)

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(compiler.query.base_table)
        return self.template.format(table=table), self.params

    def __repr__(self):
        return f"{self.__class__.__name__}({self.template!r})"


def _postgres(query: Query):
    tsquery = pg_tsquery(query)
    match = _TableSQL("{table}.search_vector @@ %s::tsquery", [tsquery], BooleanField())
    rank = _TableSQL(
        PG_RANK + "(%s::float4[], {table}.search_vector, %s::tsquery)",
        [PG_WEIGHTS, tsquery],
        FloatField(),
    )
    return match, rank


def _sqlite(query: Query):
    expression = fts5_match(query)
    match = _TableSQL(
        "{table}.id IN (SELECT rowid FROM articles_article_fts "
        "WHERE articles_article_fts MATCH %s)",
        [expression],
        BooleanField(),
    )
    rank_sql = (
        "(SELECT -bm25(articles_article_fts, %s, %s, %s, %s) "
        "FROM articles_article_fts "
        "WHERE articles_article_fts MATCH %s AND rowid = {table}.id)"
    )
    params = [*SQLITE_WEIGHTS, expression]
    phrase = query.as_phrase()
    if phrase is not None:
        # bm25 ignores proximity: articles holding the words as typed, together and
        # in order, come first (PostgreSQL's cover density does this by itself).
        rank_sql += (
            " + %s * EXISTS (SELECT 1 FROM articles_article_fts "
            "WHERE articles_article_fts MATCH %s AND rowid = {table}.id)"
        )
        params += [PHRASE_BONUS, fts5_match(Query(query.text, ((phrase,),)))]
    return match, _TableSQL(rank_sql, params, FloatField())


_BACKENDS = {"postgresql": _postgres, "sqlite": _sqlite}


def headline_match(queryset, text: str):
    """Return a condition for ``queryset.filter()`` matching the articles whose
    headline holds ``text`` (reader syntax, words read as search reads them), through
    an index (PostgreSQL: a GIN index of the headline's keys; SQLite: the headline
    column of the FTS table); None when ``text`` has no searchable word."""
    query = parse_query(text)
    if query.is_empty:
        return None
    if connections[queryset.db].vendor == "postgresql":
        # Exactly the expression of the index made by migration 0009.
        return _TableSQL(
            "to_tsvector('simple'::regconfig, COALESCE({table}.search_headline, '')) "
            "@@ %s::tsquery",
            [pg_tsquery(query)],
            BooleanField(),
        )
    return _TableSQL(
        "{table}.id IN (SELECT rowid FROM articles_article_fts "
        "WHERE articles_article_fts MATCH %s)",
        ["{headline} : (" + fts5_match(query) + ")"],
        BooleanField(),
    )


def headline_has_words(queryset, text: str):
    """Return the articles of ``queryset`` whose headline has every word of ``text``,
    as search reads words (harakat, tatweel, hamza, clitics and light suffixes do not
    matter), found through an index, newest first; ``queryset`` unchanged for a text
    with no searchable word."""
    condition = headline_match(queryset, text)
    if condition is None:
        return queryset
    # Newest first, sorted once matched: ordering on an expression the date index
    # cannot give keeps PostgreSQL from walking every article by date to find a rare
    # word (the planner misjudges how rare it is). Published articles always have a
    # publication time, so the order is the usual one.
    return queryset.filter(condition).order_by(
        Coalesce("published_at", "created_at").desc(), "-pk"
    )


def _match_and_rank(queryset, query: Query):
    vendor = connections[queryset.db].vendor
    if vendor not in _BACKENDS:
        raise NotImplementedError(f"Article search does not support {vendor}.")
    return _BACKENDS[vendor](query)


def _candidates(queryset, match):
    """The matching articles a query ranks: all of them, or the ``MAX_CANDIDATES``
    most recent. Plain DESC (nulls first on PostgreSQL) matches the article table's
    (status, -published_at) index."""
    return queryset.filter(match).order_by("-published_at")[:MAX_CANDIDATES]


def search_queryset(queryset, query: "str | Query"):
    """Return ``queryset`` narrowed to the articles matching ``query``, best first,
    annotated with ``search_rank`` (reader syntax: words, "quoted
    phrases", -word, OR; or a parsed ``Query``), on PostgreSQL and SQLite alike and on
    any queryset (public pages pass ``published()``; the desk searches all)."""
    if not isinstance(query, Query):
        query = parse_query(query)
    if query.is_empty:
        return queryset.none()
    match, rank = _match_and_rank(queryset, query)
    return (
        queryset.filter(pk__in=_candidates(queryset, match).values("pk"))
        .annotate(search_rank=rank)
        .order_by("-search_rank", F("published_at").desc(nulls_last=True), "-pk")
    )


def ranked_ids(queryset, query: Query) -> list[tuple[int, float]]:
    """Return ``(pk, rank)`` of the articles ``search_queryset(queryset, query)`` finds, in the
    same order, in one query that reads each candidate once (the QuerySet joins the
    candidates back to their rows to rank them)."""
    if query.is_empty or queryset.query.is_empty():
        return []
    match, rank = _match_and_rank(queryset, query)
    candidates = _candidates(queryset, match)
    connection = connections[queryset.db]
    if connection.vendor == "postgresql":
        # Rank the candidate rows as they come, their vectors passed through.
        vector = _TableSQL("{table}.search_vector", [], FloatField())
        inner = candidates.annotate(search_vector=vector).values_list(
            "pk", "published_at", "search_vector"
        )
        sql, params = inner.query.sql_with_params()
        with connection.cursor() as cursor:
            # The inner SQL is Django's own, its values passed as parameters.
            cursor.execute(
                f"SELECT c.id, c.published_at, {PG_RANK}(%s::float4[], c.vector, "  # noqa: S608  # nosec B608 # a constant and Django's SQL; values are parameters
                f"%s::tsquery) FROM ({sql}) AS c(id, published_at, vector)",
                [PG_WEIGHTS, pg_tsquery(query), *params],
            )
            rows = cursor.fetchall()
    else:
        rows = list(
            candidates.annotate(search_rank=rank).values_list(
                "pk", "published_at", "search_rank"
            )
        )
    rows.sort(key=_best_first)
    return [(pk, score) for pk, _published, score in rows]


def _best_first(row):
    """Sort key of a ``(pk, published_at, rank)`` row: ``search_queryset``'s order."""
    pk, published, score = row
    return (-score, published is None, -published.timestamp() if published else 0, -pk)


# --- Suggestions for misspelt words -------------------------------------------------


def trigrams(word: str) -> set[str]:
    """Return the trigrams of ``word`` as pg_trgm counts them (two spaces before,
    one after)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(one: str, other: str) -> float:
    """pg_trgm's ``similarity``: shared trigrams over all trigrams of both words."""
    a, b = trigrams(one), trigrams(other)
    return len(a & b) / len(a | b) if a and b else 0.0


SIMILARITY_THRESHOLD = 0.3  # pg_trgm's default
#: Suggestions less alike than the best one by more than this are left out.
SIMILARITY_MARGIN = 0.05


def similar_words(keys: list[str], *, using: str = "default") -> dict[str, tuple]:
    """Return, for each key, the words of the index that look most like it (at most
    three, as alike as the best one within a small margin), in one query."""
    keys = [key for key in dict.fromkeys(keys) if len(key) >= 3]
    if not keys:
        return {}
    connection = connections[using]
    scored: dict[str, list[tuple[float, str]]] = {key: [] for key in keys}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT q.key, s.word, s.alike FROM unnest(%s::text[]) AS q(key) "
                "CROSS JOIN LATERAL (SELECT DISTINCT word, similarity(word, q.key) "
                "AS alike FROM articles_search_word WHERE word %% q.key "
                "AND word <> q.key ORDER BY alike DESC, word LIMIT %s) AS s",
                [keys, MAX_SUGGESTIONS],
            )
            for key, word, alike in cursor.fetchall():
                scored[key].append((alike, word))
        else:
            cursor.execute("SELECT term FROM articles_article_fts_words")
            vocabulary = [row[0] for row in cursor.fetchall()]
            for key in keys:
                scored[key] = sorted(
                    (
                        (alike, word)
                        for word in vocabulary
                        if word != key
                        and abs(len(word) - len(key)) <= 2
                        and (alike := similarity(word, key)) >= SIMILARITY_THRESHOLD
                    ),
                    key=lambda pair: (-pair[0], pair[1]),
                )[:MAX_SUGGESTIONS]
    return {
        key: tuple(
            word for alike, word in pairs if alike >= pairs[0][0] - SIMILARITY_MARGIN
        )
        for key, pairs in scored.items()
        if pairs
    }


# --- Highlighting -------------------------------------------------------------------


def highlight(text: str, keys: frozenset[str]):
    """Return ``text`` escaped, with each original word whose search key is one of
    ``keys`` wrapped in ``<mark>``."""
    pieces, last = [], 0
    for start, end, word_keys in keyed_words(text):
        if keys.intersection(word_keys):
            pieces.append(text[last:start])
            pieces.append(format_html("<mark>{}</mark>", text[start:end]))
            last = end
    pieces.append(text[last:])
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def snippet(
    blocks: list[str],
    query: Query,
    *,
    size: int = SNIPPET_WORDS,
    lead: int = SNIPPET_LEAD,
):
    """Return a passage of about ``size`` words of ``blocks`` (the article's texts in
    reading order) with the query's words highlighted and "…" where it was cut: the
    first passage holding all the query's words, else the one holding the most (then
    the most matches, then the earliest); the opening of the first block if none
    matches."""
    word_of = {}
    for number, word in enumerate(query.words()):
        for key in word.keys:
            word_of.setdefault(key, number)
    wanted = len(set(word_of.values()))
    best = None  # (score, block, its words, first word, last word)
    for number, block in enumerate(blocks):
        if best is not None and not _may_match(block, word_of):
            continue
        words = list(keyed_words(block))
        if not words:
            continue
        hits = [
            (at, {word_of[key] for key in word_keys if key in word_of})
            for at, (_start, _end, word_keys) in enumerate(words)
            if not word_of.keys().isdisjoint(word_keys)
        ]
        if best is None:  # the fallback: the first block's opening words
            best = ((0, 0, 0, 0), block, words, 0, min(size, len(words)) - 1)
        for n, (at, _found) in enumerate(hits):
            window = [found for where, found in hits[n:] if where < at + size - lead]
            score = (len(set().union(*window)), len(window), -number, -at)
            if score > best[0]:
                # A few words before the first match, and a full window if the
                # block has the words for it.
                first = max(0, min(at - lead, len(words) - size))
                last = min(first + size, len(words)) - 1
                best = (score, block, words, first, last)
        if best[0][0] == wanted:
            break
    if best is None:
        return ""
    _score, block, words, first, last = best
    start = 0 if first == 0 else words[first][0]
    end = len(block) if last == len(words) - 1 else words[last][1]
    return format_html(
        "{}{}{}",
        "… " if start else "",
        highlight(block[start:end], query.keys),
        " …" if end < len(block) else "",
    )


def _may_match(text: str, keys) -> bool:
    """False when no word of ``text`` can have one of ``keys`` (each key of a word is
    part of its folded form), without splitting ``text`` into words."""
    folded = search_fold(text)
    return any(key in folded for key in keys)


def article_text_blocks(article) -> list[str]:
    """An article's searchable texts in reading order: standfirst, body blocks,
    captions (the captions of a prefetched ``captions`` relation)."""
    blocks = [article.standfirst] if article.standfirst else []
    blocks += [block.plain for block in parse_body(article.body) if block.plain]
    blocks += [caption.text for caption in article.captions.all() if caption.text]
    return blocks


# --- Pages --------------------------------------------------------------------------


# The statistics PostgreSQL keeps on the index's words (ANALYZE, autovacuum): the
# share of articles holding each of the most common ones, and the number of articles.
# Read with the first setting of a search's transaction, every few minutes.
_WORD_SHARES_SQL = """
SELECT set_config('enable_seqscan', 'off', true),
  (SELECT reltuples FROM pg_class WHERE oid = 'articles_article'::regclass),
  (SELECT json_object_agg(e.lexeme, e.share) FROM pg_stats AS p,
     unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs)
       AS e(lexeme, share)
   WHERE p.schemaname = current_schema() AND p.tablename = 'articles_article'
     AND p.attname = 'search_vector' AND e.lexeme IS NOT NULL)
"""
WORD_SHARES_MAX_AGE = 300  # seconds
_word_shares: dict[str, tuple[float, float, dict]] = {}


def _read_word_shares(cursor, using: str):
    """Return ``(articles, {lexeme: share})``, read again when older than
    ``WORD_SHARES_MAX_AGE``; either way one statement, which also turns sequential
    scans off for the transaction."""
    known = _word_shares.get(using)
    if known and time.monotonic() - known[0] < WORD_SHARES_MAX_AGE:
        cursor.execute("SET LOCAL enable_seqscan = off")
        return known[1], known[2]
    cursor.execute(_WORD_SHARES_SQL)
    _off, articles, shares = cursor.fetchone()
    _word_shares[using] = (time.monotonic(), articles or 0, shares or {})
    return articles or 0, shares or {}


#: How much more reading one article's vector costs than reading its row: measured
#: by benchmarks/search_speed.py (about 3 µs against 0.5 µs).
VECTOR_READ_COST = 6


def estimated_share(query: Query, shares: dict[str, float]) -> float:
    """The share of articles ``query`` is expected to match, from the shares of its
    words (words missing from ``shares`` are rare): the product of its groups' shares
    (as if independent, as PostgreSQL's planner assumes), a group the sum of its
    items', a phrase its least common word's."""

    def word(item):
        return min(1.0, sum(shares.get(key, 0.0) for key in item.keys))

    def item(thing):
        if isinstance(thing, Phrase):
            return min(word(w) for w in thing.words)
        return word(thing)

    share = 1.0 if query.groups else 0.0
    for group in query.groups:
        share *= min(1.0, sum(item(thing) for thing in group))
    return share


@contextmanager
def planned_for_search(using: str, query: Query | None = None):
    """On PostgreSQL, run the enclosed queries in a transaction whose planner reads
    the candidates the cheapest way for ``query``. Left to itself, it prices ``@@`` as
    nearly free and picks badly (measured by benchmarks/search_speed.py):

    - a word most articles hold is read newest first along the date index, testing
      each article until ``MAX_CANDIDATES`` match: about ``MAX_CANDIDATES / share``
      vectors read, however large the archive;
    - any other query reads its matches through the GIN index (a row each) and
      keeps the newest: ``share × articles`` rows read.

    The first is chosen when ``VECTOR_READ_COST × MAX_CANDIDATES / share`` is below
    ``share × articles``, from the statistics PostgreSQL keeps on the index's words."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        articles, shares = _read_word_shares(cursor, using)
        share = estimated_share(query, shares) if query is not None else 0.0
        common = share and VECTOR_READ_COST * MAX_CANDIDATES / share < share * articles
        if common:
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        else:
            cursor.execute("SET LOCAL enable_indexscan = off")
        yield


class SearchResults:
    """The results of a reader's query, for a Paginator: ``count()`` (at most
    ``MAX_CANDIDATES``), and slices of articles (from ``queryset``, with its
    prefetches) carrying ``search_rank``, ``search_headline_html`` and
    ``search_snippet``. When nothing matches, similar words of the index are tried
    instead (``suggestions`` then maps each misspelt key to the words used)."""

    def __init__(self, queryset, text: str, *, fuzzy: bool = True):
        self.base = queryset
        self.query = parse_query(text)
        self.fuzzy = fuzzy
        self.suggestions: dict[str, tuple[str, ...]] = {}
        self._ranked = None

    def _rank(self, query):
        with planned_for_search(self.base.db, query):
            return ranked_ids(self.base, query)

    def count(self) -> int:
        if self._ranked is None:
            self._ranked = self._rank(self.query)
            if not self._ranked and self.fuzzy and not self.query.is_empty:
                self._try_similar_words()
        return len(self._ranked)

    def _try_similar_words(self):
        keys = [word.keys[0] for word in self.query.words()]
        suggestions = similar_words(keys, using=self.base.db)
        if not suggestions:
            return
        query = self.query.with_alternatives(suggestions)
        ranked = self._rank(query)
        if ranked:
            self.query, self._ranked, self.suggestions = query, ranked, suggestions

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        self.count()
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        page = dict(self._ranked[index])
        found = self.base.filter(pk__in=page).in_bulk()
        articles = [found[pk] for pk in page if pk in found]
        keys = self.query.keys
        for article in articles:
            article.search_rank = page[article.pk]
            article.search_headline_html = highlight(article.headline, keys)
            article.search_snippet = snippet(article_text_blocks(article), self.query)
        return articles
