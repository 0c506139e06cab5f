"""An article's small to-many relations fetched in the article's own row.

A public page shows, for each article, a few rows of other tables: its sources, its
tags, its authors, its published corrections. Prefetching them costs a query each
(and Django compiles each query's SQL on every request). Here each relation is a
correlated subquery that returns the rows as one JSON array of arrays (SQLite's
``json_group_array``, PostgreSQL's ``json_agg``; the same index lookups a prefetch
makes), and :class:`EmbeddingIterable` turns the arrays back into model instances in
Django's prefetch cache, so ``article.sources.all()`` and ``article.author_list()``
work as after ``prefetch_related()``, with no query. The SQL is written out (table
and column names from the models' metadata, never a value): built from ORM
expressions it cost more to compile than to run, as ``with_lead_photo`` found.

An article page also shows the cards of its related stories. Once their ids are
known, :func:`embed_cards` fetches those cards in the article's row the same way (a
subquery returning them as one JSON array): the page is then one query, not two,
and building a few cards from JSON costs less than reading them as rows (half of
what that second query cost on PostgreSQL was running a statement and converting
its columns).
"""

import functools
from dataclasses import dataclass
from datetime import UTC

from django.apps import apps
from django.db import connections, models
from django.db.models.base import DEFERRED
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable
from django.utils.dateparse import parse_datetime

_MISSING = object()
PREFIX = "_embedded_"


@dataclass(frozen=True)
class Relation:
    """How one relation is embedded: ``name`` is the attribute it fills (a related
    manager's prefetch cache, or a plain list for ``to_attr``), ``model`` the
    instances built, with ``columns`` (field names of ``model``). ``joins`` are the
    foreign keys filled as ``select_related`` would, each ``(path, model, columns)``
    with ``path`` like ``image`` or ``image__credit`` (its parent listed before it)."""

    name: str
    model: str
    columns: tuple
    joins: tuple = ()
    to_attr: bool = False

    @property
    def annotation(self):
        return PREFIX + self.name

    def sql(self, connection, article=None, as_text=True):
        """The correlated subquery returning the rows of the article whose id is the
        SQL ``article`` (by default the articles table's id column) as a JSON array
        of arrays (each row's values: those of ``columns``, then those of each
        join's columns): text, or
        (``as_text`` False) JSON to nest in other JSON."""
        Article = _model("Article")
        quote = connection.ops.quote_name
        sqlite = connection.vendor == "sqlite"
        json_row, json_rows = _json_functions(connection)
        article = article or f"{quote(Article._meta.db_table)}.{quote('id')}"
        model = _model(self.model)
        values = [
            f"r.{quote(model._meta.get_field(name).column)}" for name in self.columns
        ]
        joins = ""
        models_by_path = {"": model}
        for path, label, columns in self.joins:
            parent_path, _, key = path.rpartition("__")
            parent = models_by_path[parent_path]
            joined = models_by_path[path] = _model(label)
            alias = _alias(path)
            # LEFT JOIN: a null foreign key gives nulls, read back as None.
            joins += (
                f" LEFT JOIN {quote(joined._meta.db_table)} {alias}"
                f" ON {alias}.{quote('id')} ="
                f" {_alias(parent_path)}.{quote(parent._meta.get_field(key).column)}"
            )
            values += [
                f"{alias}.{quote(joined._meta.get_field(name).column)}"
                for name in columns
            ]
        source, condition = self._from(quote, model)
        rows = f"{json_rows}({json_row}({', '.join(values)}))"
        # psycopg would decode PostgreSQL's json itself: the field decodes text.
        rows = rows if sqlite or not as_text else f"CAST({rows} AS text)"
        # Table and column names from the models' metadata only: nothing to inject.
        where = condition.format(article=article)
        return f"SELECT {rows} FROM {source}{joins} WHERE {where}"  # noqa: S608  # nosec B608

    def _from(self, quote, model):
        """The table the rows come from (aliased ``r``) and how they belong to the
        article (``{article}`` stands for its id column)."""
        Article = _model("Article")
        table = quote(model._meta.db_table)
        if self.name in ("sources", "tags"):
            through = Article._meta.get_field(self.name).remote_field.through
            own = through._meta.get_field("article").column
            other = through._meta.get_field(model._meta.model_name).column
            return (
                f"{table} r JOIN {quote(through._meta.db_table)} t"
                f" ON t.{quote(other)} = r.{quote('id')}",
                f"t.{quote(own)} = {{article}}",
            )
        condition = f"r.{quote('article_id')} = {{article}}"
        if self.name == "public_corrections":
            condition += f" AND r.{quote('published_at')} IS NOT NULL"
        return f"{table} r", condition

    def instances(self, db, rows):
        """Model instances from the JSON rows, in the order a prefetch gives. A row
        holds the values of ``columns``, then those of each join's columns."""
        model = _model(self.model)
        width = len(self.columns)
        built = []
        for values in rows:
            instance = _instance(model, db, self.columns, values)
            by_path = {"": instance}
            offset = width
            for path, label, columns in self.joins:
                parent_path, _, key = path.rpartition("__")
                parent = by_path[parent_path]
                part = values[offset : offset + len(columns)]
                offset += len(columns)
                joined = None
                # A null foreign key: the joined columns are null, its id too.
                if parent is not None and part[columns.index("id")] is not None:
                    joined = _instance(_model(label), db, columns, part)
                by_path[path] = joined
                if parent is not None:
                    parent._state.fields_cache[key] = joined
            built.append(instance)
        return sorted(built, key=ORDER[self.name])

    def attach(self, article, rows):
        instances = self.instances(article._state.db, rows or [])
        if self.to_attr:
            setattr(article, self.name, instances)
            return
        # Where prefetch_related_objects() leaves a prefetched relation (its cache
        # name is the relation's name for these managers).
        if not hasattr(article, "_prefetched_objects_cache"):
            article._prefetched_objects_cache = {}
        article._prefetched_objects_cache[self.name] = FetchedRows(
            article, self.name, instances
        )


class FetchedRows:
    """A relation's rows embedded in the article's row, where Django's prefetch cache
    keeps a queryset. Reading the rows (iterating, ``len``, truth, indexing,
    ``_result_cache``) is all a page does, and needs nothing more. Anything else
    (``filter()``, ``count()``, ``exists()``, ``delete()``…) is asked of the
    queryset the relation's manager gives, made once on first need, holding the
    same rows: as after ``prefetch_related()``, and from then on the rows are that
    queryset's (read again after its ``delete()`` or ``update()``). Making that
    queryset for every relation of every article read cost more than reading the
    rows (8% of an uncached article page, for its own four relations and its cards'
    sources)."""

    _prefetch_done = True
    _OWN = frozenset({"_article", "_name", "_rows", "_queryset"})

    def __init__(self, article, name, rows):
        self._article = article
        self._name = name
        self._rows = rows

    @property
    def _result_cache(self):
        queryset = self.__dict__.get("_queryset")
        return self._rows if queryset is None else queryset._result_cache

    def _all(self):
        rows = self._result_cache
        # None: the queryset was changed through (delete(), update()): read again.
        return list(self._queryset) if rows is None else rows

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        return len(self._all())

    def __bool__(self):
        return bool(self._all())

    def __getitem__(self, index):
        return self._all()[index]

    def __repr__(self):
        return f"<FetchedRows {self._name} {self._result_cache!r}>"

    def __getattr__(self, attribute):
        if attribute.startswith("__") or attribute in self._OWN:
            raise AttributeError(attribute)
        return getattr(self._queryset, attribute)

    @functools.cached_property
    def _queryset(self):
        # The manager returns what the cache holds: asked without this in it, which
        # goes back only if it was still there (a change drops it, as Django does).
        cache = self._article._prefetched_objects_cache
        held = cache.pop(self._name, None)
        try:
            queryset = getattr(self._article, self._name).get_queryset()
        finally:
            if held is self:
                cache[self._name] = self
        queryset._result_cache = self._rows
        queryset._prefetch_done = True
        return queryset


def _json_functions(connection):
    """The database's functions building a JSON array (a row) and aggregating rows
    into a JSON array."""
    if connection.vendor == "sqlite":
        return "json_array", "json_group_array"
    return "json_build_array", "json_agg"


def _alias(path):
    """The SQL alias of a joined path: ``r`` for the relation's own rows."""
    return "j_" + path if path else "r"


@functools.cache
def _model(label):
    return apps.get_model("articles", label)


@functools.cache
def _layout(model, columns):
    """How a row of ``columns`` (attnames, in that order) becomes the whole row
    ``Model.from_db()`` takes, its other fields deferred: the names given, and for
    each of the model's fields the position of its value in the row (None:
    deferred) and whether it is a date and time (JSON carries those as text)."""
    fields = model._meta.concrete_fields
    return (
        tuple(f.attname for f in fields if f.attname in columns),
        tuple(
            (
                columns.index(f.attname) if f.attname in columns else None,
                isinstance(f, models.DateTimeField),
            )
            for f in fields
        ),
    )


def _instance(model, db, columns, row):
    """``model``'s instance from ``row``, the values of ``columns`` in their order
    (values after them are ignored)."""
    names, layout = _layout(model, columns)
    values = []
    for position, is_datetime in layout:
        if position is None:
            values.append(DEFERRED)
            continue
        value = row[position]
        if is_datetime and isinstance(value, str):
            value = parse_datetime(value)
            if value is not None and value.tzinfo is None:
                value = value.replace(tzinfo=UTC)
        values.append(value)
    # Whole: from_db() takes it as it is (a partial row it would first spread out).
    return model.from_db(db, names, values)


RELATIONS = {
    relation.name: relation
    for relation in (
        Relation("sources", "Source", ("id", "name", "slug", "url")),
        Relation("tags", "Tag", ("id", "name", "slug")),
        Relation(
            "article_authors",
            "ArticleAuthor",
            ("id", "article_id", "author_id", "position"),
            joins=(("author", "Author", ("id", "name", "slug", "role")),),
        ),
        Relation(
            "captions",
            "Caption",
            (
                *("id", "article_id", "position", "image_id", "text"),
                *("credit_id", "credit_note", "photographer"),
            ),
            joins=(
                (
                    "image",
                    "Image",
                    ("id", "file", "width", "height", "alt_text", "credit_id"),
                ),
                ("image__credit", "Source", ("id", "name", "slug")),
                ("credit", "Source", ("id", "name", "slug")),
            ),
        ),
        Relation(
            "public_corrections",
            "Correction",
            ("id", "article_id", "kind", "text", "published_at"),
            to_attr=True,
        ),
    )
}

#: The order each relation's prefetch gives (the models' or the prefetch's ordering).
ORDER = {
    "sources": lambda source: source.name,
    "tags": lambda tag: tag.name,
    "article_authors": lambda credit: (credit.position, credit.pk),
    "captions": lambda caption: caption.position,
    "public_corrections": lambda note: (-note.published_at.timestamp(), -note.pk),
}


#: Each relation's SQL by database vendor, written once per process.
_SQL = {}


def embed(queryset, *names):
    """Annotate ``queryset`` (of articles) with the relations ``names`` as JSON."""
    connection = connections[queryset.db]
    annotations = {}
    for name in names:
        key = (name, connection.vendor)
        if key not in _SQL:
            _SQL[key] = RELATIONS[name].sql(connection)
        # Table and column names only, no value: nothing to inject.
        annotations[RELATIONS[name].annotation] = RawSQL(  # noqa: S611  # nosec B611
            _SQL[key], (), output_field=models.JSONField()
        )
    return queryset.annotate(**annotations)


#: What a card shows of an article (``ArticleQuerySet.for_listing()``, besides its
#: lead photo and its sources).
LISTING_FIELDS = (
    "pk",
    "headline",
    "slug",
    "byline",
    "summary",
    "status",
    "published_at",
    "updated_at",
    "revised_at",
    "lead_position",
)
#: A card's lead photo: each annotation and the column of the photo it reads.
LEAD_PHOTO = (
    ("lead_photo", "file"),
    ("lead_width", "width"),
    ("lead_height", "height"),
)
CARDS = PREFIX + "cards"


def lead_image_sql(connection, article):
    """SQL for the id of the lead figure's photo of the row of ``article`` (the
    articles table's name or alias), the figure ``Article.lead_caption()`` finds:
    the one the body places first (``lead_position``), else the lowest-numbered.
    Two index lookups."""
    caption = connection.ops.quote_name(_model("Caption")._meta.db_table)
    # Table and column names only, no value: nothing to inject.
    return (
        f"COALESCE((SELECT image_id FROM {caption} WHERE article_id = {article}.id"  # noqa: S608  # nosec B608
        f" AND position = {article}.lead_position),"
        f" (SELECT image_id FROM {caption} WHERE article_id = {article}.id"
        " ORDER BY position LIMIT 1))"
    )


def _card_columns():
    return tuple("id" if name == "pk" else name for name in LISTING_FIELDS)


def cards_sql(connection, count):
    """A subquery returning, as one JSON array (text), the cards of the published
    articles among ``count`` ids, each an array of its ``LISTING_FIELDS``, its lead
    photo (an array of the ``LEAD_PHOTO`` columns, or null) and its sources. Its
    parameters: the ids, the published status, the time now as the database takes
    it."""
    Article, Image = _model("Article"), _model("Image")
    quote = connection.ops.quote_name
    sqlite = connection.vendor == "sqlite"
    json_row, json_rows = _json_functions(connection)
    values = [
        f"c.{quote(Article._meta.get_field(name).column)}" for name in _card_columns()
    ]
    photo = ", ".join(f"i.{quote(column)}" for _name, column in LEAD_PHOTO)
    # Table and column names only: nothing to inject.
    lead = (
        f"SELECT {json_row}({photo}) FROM {quote(Image._meta.db_table)} i"  # noqa: S608  # nosec B608
        f" WHERE i.{quote('id')} = {lead_image_sql(connection, 'c')}"
    )
    sources = RELATIONS["sources"].sql(connection, f"c.{quote('id')}", as_text=False)
    # Each an index lookup per card. SQLite hands a subquery's JSON on as text
    # unless it is read as JSON again.
    values += [f"json(({sql}))" if sqlite else f"({sql})" for sql in (lead, sources)]
    rows = f"{json_rows}({json_row}({', '.join(values)}))"
    rows = rows if sqlite else f"CAST({rows} AS text)"
    ids = ", ".join(["%s"] * count)
    # Table and column names only; the values are parameters: nothing to inject.
    return (
        f"SELECT {rows} FROM {quote(Article._meta.db_table)} c"  # noqa: S608  # nosec B608
        f" WHERE c.{quote('id')} IN ({ids}) AND c.{quote('status')} = %s"
        f" AND c.{quote('published_at')} <= %s"
    )


def embed_cards(queryset, ids, now):
    """Annotate ``queryset`` (of articles) with the cards of the published articles
    (by ``now``) among ``ids``: read back as each article's ``embedded_cards``."""
    connection = connections[queryset.db]
    key = (CARDS, len(ids), connection.vendor)
    if key not in _SQL:
        _SQL[key] = cards_sql(connection, len(ids))
    params = (*ids, "published", connection.ops.adapt_datetimefield_value(now))
    # The SQL holds names only; the values are its parameters.
    return queryset.annotate(
        **{CARDS: RawSQL(_SQL[key], params, output_field=models.JSONField())}  # noqa: S611  # nosec B611
    )


def cards(db, rows):
    """Articles as ``for_listing()`` gives them, from the JSON rows of
    :func:`cards_sql`: only their ``LISTING_FIELDS``, their lead photo annotated,
    their sources prefetched."""
    Article = _model("Article")
    columns = _card_columns()
    width = len(columns)
    built = []
    for values in rows or ():
        card = _instance(Article, db, columns, values)
        photo, sources = values[width:]
        for position, (name, _column) in enumerate(LEAD_PHOTO):
            setattr(card, name, None if photo is None else photo[position])
        RELATIONS["sources"].attach(card, sources)
        built.append(card)
    return built


class EmbeddingIterable(ModelIterable):
    """Model instances whose embedded relations (see :func:`embed`) are moved from
    their JSON annotation into the prefetch cache as they are read."""

    def __iter__(self):
        for instance in super().__iter__():
            attributes = instance.__dict__
            for relation in RELATIONS.values():
                rows = attributes.pop(relation.annotation, _MISSING)
                if rows is not _MISSING:
                    relation.attach(instance, rows)
            rows = attributes.pop(CARDS, _MISSING)
            if rows is not _MISSING:
                instance.embedded_cards = cards(instance._state.db, rows)
            yield instance
