"""The database side of the search index, for PostgreSQL and for SQLite.

Python fills the normalised keys of each row (``articles.search_keys``); the triggers
below assemble each article's weighted index entry from its keys and its captions'
keys in the same transaction as the write, whatever made it (a save, an import, the
admin's inline figures, a bulk insert, a caption moved to another article).

PostgreSQL: a ``search_vector tsvector`` column on the article table (A headline,
B standfirst + sub-headings + captions, C body; the ``simple`` configuration, since the
keys are already normalised and stemmed), a GIN index on it, and a table of the words
in the index with a trigram index, for suggestions when a word is misspelt.

SQLite: an FTS5 table with the weighted parts as columns (rowid = article id),
tokenised by ``unicode61`` (the keys are already folded), and an ``fts5vocab`` table of
its words. SQLite drops a table's triggers when a migration rebuilds the table, so
``ensure_triggers`` (run after every ``migrate``) puts back any that are missing.
"""

from django.db import connections

PG_INSTALL = [
    "ALTER TABLE articles_article ADD COLUMN search_vector tsvector",
    # Keep the article rows narrow (long texts and the vector out of line), so that
    # reading the thousands of rows a common word matches reads little.
    "ALTER TABLE articles_article SET (toast_tuple_target = 128)",
    # The weighted vector of one article, its captions included.
    """
    CREATE FUNCTION articles_article_search_vector(
        article_id bigint, headline text, extras text, body text
    ) RETURNS tsvector LANGUAGE sql STABLE AS $$
      SELECT setweight(to_tsvector('simple'::regconfig, coalesce(headline, '')), 'A')
          || setweight(to_tsvector('simple'::regconfig, concat_ws(' ', extras, (
                 SELECT string_agg(c.search_key, ' ' ORDER BY c.position)
                 FROM articles_caption c WHERE c.article_id = $1))), 'B')
          || setweight(to_tsvector('simple'::regconfig, coalesce(body, '')), 'C')
    $$
    """,
    """
    CREATE FUNCTION articles_article_search_row() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' OR NEW.search_vector IS NULL
         OR NEW.search_headline IS DISTINCT FROM OLD.search_headline
         OR NEW.search_extras IS DISTINCT FROM OLD.search_extras
         OR NEW.search_body IS DISTINCT FROM OLD.search_body THEN
        NEW.search_vector := articles_article_search_vector(
          NEW.id, NEW.search_headline, NEW.search_extras, NEW.search_body);
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER articles_article_search BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_row()
    """,
    # Captions: one statement-level trigger per event, so a bulk insert of an
    # article's figures recomputes that article once.
    """
    CREATE FUNCTION articles_caption_search_rows() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE articles_article a SET search_vector = articles_article_search_vector(
            a.id, a.search_headline, a.search_extras, a.search_body)
        WHERE a.id IN (SELECT article_id FROM new_rows WHERE search_key <> '');
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE articles_article a SET search_vector = articles_article_search_vector(
            a.id, a.search_headline, a.search_extras, a.search_body)
        WHERE a.id IN (SELECT article_id FROM old_rows WHERE search_key <> '');
      ELSE
        UPDATE articles_article a SET search_vector = articles_article_search_vector(
            a.id, a.search_headline, a.search_extras, a.search_body)
        WHERE a.id IN (
          SELECT unnest(ARRAY[o.article_id, n.article_id])
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE n.search_key IS DISTINCT FROM o.search_key
             OR n.article_id IS DISTINCT FROM o.article_id);
      END IF;
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER articles_caption_search_insert AFTER INSERT ON articles_caption
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_caption_search_rows()
    """,
    """
    CREATE TRIGGER articles_caption_search_update AFTER UPDATE ON articles_caption
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_caption_search_rows()
    """,
    """
    CREATE TRIGGER articles_caption_search_delete AFTER DELETE ON articles_caption
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_caption_search_rows()
    """,
    "CREATE INDEX article_search_vector_idx ON articles_article USING gin "
    "(search_vector)",
    # The words of the index, for "did you mean" suggestions through pg_trgm. No
    # unique constraint, so concurrent writers never wait on each other; a rare
    # duplicate is harmless and rebuild_search_index removes it.
    "CREATE TABLE articles_search_word (word text NOT NULL)",
    "CREATE INDEX article_search_word_idx ON articles_search_word (word)",
    "CREATE INDEX article_search_word_trgm_idx ON articles_search_word "
    "USING gin (word gin_trgm_ops)",
    """
    CREATE FUNCTION articles_search_word_add() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      -- Only the words this change brings (a caption's, an edit's).
      INSERT INTO articles_search_word (word)
      SELECT w FROM (
        SELECT unnest(tsvector_to_array(NEW.search_vector))
        EXCEPT
        SELECT unnest(tsvector_to_array(OLD.search_vector))
      ) AS added(w)
      WHERE NOT EXISTS (SELECT 1 FROM articles_search_word s WHERE s.word = w);
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER articles_search_word_insert AFTER INSERT ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_search_word_add()
    """,
    """
    CREATE TRIGGER articles_search_word_update AFTER UPDATE ON articles_article
    FOR EACH ROW WHEN (NEW.search_vector IS DISTINCT FROM OLD.search_vector)
    EXECUTE FUNCTION articles_search_word_add()
    """,
]

PG_UNINSTALL = [
    "DROP TRIGGER IF EXISTS articles_search_word_update ON articles_article",
    "DROP TRIGGER IF EXISTS articles_search_word_insert ON articles_article",
    "DROP FUNCTION IF EXISTS articles_search_word_add()",
    "DROP TABLE IF EXISTS articles_search_word",
    "DROP TRIGGER IF EXISTS articles_caption_search_delete ON articles_caption",
    "DROP TRIGGER IF EXISTS articles_caption_search_update ON articles_caption",
    "DROP TRIGGER IF EXISTS articles_caption_search_insert ON articles_caption",
    "DROP FUNCTION IF EXISTS articles_caption_search_rows()",
    "DROP TRIGGER IF EXISTS articles_article_search ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_search_row()",
    "DROP FUNCTION IF EXISTS articles_article_search_vector(bigint, text, text, text)",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE articles_article RESET (toast_tuple_target)",
]

# SQLite refuses to rename a table while a trigger elsewhere names a table that is
# missing, which is what a table rebuild does for a moment. So each trigger reads only
# its own table and writes only the FTS table: articles fill their three columns,
# captions the fourth.
_SQLITE_CAPTIONS = """
    UPDATE articles_article_fts SET captions = coalesce((
        SELECT group_concat(c.search_key, ' ') FROM articles_caption c
        WHERE c.article_id = {id}), '')
    WHERE rowid = {id};
"""

SQLITE_TABLES = [
    "CREATE VIRTUAL TABLE articles_article_fts USING fts5("
    "headline, extras, captions, body, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE articles_article_fts_words USING fts5vocab("
    "articles_article_fts, 'row')",
]
SQLITE_TRIGGERS = {
    "articles_article_fts_insert": """
        AFTER INSERT ON articles_article BEGIN
          INSERT INTO articles_article_fts (rowid, headline, extras, captions, body)
          VALUES (NEW.id, NEW.search_headline, NEW.search_extras, '', NEW.search_body);
        END
    """,
    "articles_article_fts_update": """
        AFTER UPDATE ON articles_article
        WHEN OLD.search_headline IS NOT NEW.search_headline
          OR OLD.search_extras IS NOT NEW.search_extras
          OR OLD.search_body IS NOT NEW.search_body
        BEGIN
          UPDATE articles_article_fts SET headline = NEW.search_headline,
            extras = NEW.search_extras, body = NEW.search_body
          WHERE rowid = NEW.id;
        END
    """,
    "articles_article_fts_delete": """
        AFTER DELETE ON articles_article BEGIN
          DELETE FROM articles_article_fts WHERE rowid = OLD.id;
        END
    """,
    "articles_caption_fts_insert": f"""
        AFTER INSERT ON articles_caption WHEN NEW.search_key <> ''
        BEGIN {_SQLITE_CAPTIONS.format(id="NEW.article_id")} END
    """,
    "articles_caption_fts_update": f"""
        AFTER UPDATE ON articles_caption
        WHEN OLD.search_key IS NOT NEW.search_key
          OR OLD.article_id IS NOT NEW.article_id
        BEGIN
          {_SQLITE_CAPTIONS.format(id="OLD.article_id")}
          {_SQLITE_CAPTIONS.format(id="NEW.article_id")}
        END
    """,
    "articles_caption_fts_delete": f"""
        AFTER DELETE ON articles_caption WHEN OLD.search_key <> ''
        BEGIN {_SQLITE_CAPTIONS.format(id="OLD.article_id")} END
    """,
}
SQLITE_UNINSTALL = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    "DROP TABLE IF EXISTS articles_article_fts_words",
    "DROP TABLE IF EXISTS articles_article_fts",
]
# Fills the FTS table from the keys already stored (after install, and by rebuild).
SQLITE_FILL = [
    "DELETE FROM articles_article_fts",
    """
    INSERT INTO articles_article_fts (rowid, headline, extras, captions, body)
    SELECT a.id, a.search_headline, a.search_extras, coalesce((
               SELECT group_concat(c.search_key, ' ') FROM articles_caption c
               WHERE c.article_id = a.id), ''),
           a.search_body
    FROM articles_article a
    """,
]


def install(schema_editor) -> None:
    """Create the index structures of the connection's database (nothing elsewhere)."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = PG_INSTALL
    elif vendor == "sqlite":
        statements = SQLITE_TABLES + _sqlite_trigger_statements() + SQLITE_FILL
    else:
        return
    for statement in statements:
        schema_editor.execute(statement, params=None)


def uninstall(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": PG_UNINSTALL, "sqlite": SQLITE_UNINSTALL}
    for statement in statements.get(vendor, ()):
        schema_editor.execute(statement, params=None)


def _sqlite_trigger_statements(names=None) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {name} {body}"
        for name, body in SQLITE_TRIGGERS.items()
        if names is None or name in names
    ]


def ensure_triggers(connection) -> list[str]:
    """On SQLite, recreate the index triggers a table rebuild dropped and refill the
    index; return the names recreated (none elsewhere, or when all are there)."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = %s",
            ["articles_article_fts"],
        )
        if cursor.fetchone() is None:  # before the search_index migration
            return []
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in SQLITE_TRIGGERS if name not in present]
        for statement in _sqlite_trigger_statements(missing):
            cursor.execute(statement)
        if missing:
            for statement in SQLITE_FILL:
                cursor.execute(statement)
    return missing


def ensure_triggers_after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver: see ``ensure_triggers``."""
    ensure_triggers(connections[using])


PG_REFRESH = [
    """
    UPDATE articles_article SET search_vector = articles_article_search_vector(
        id, search_headline, search_extras, search_body)
    """,
    "TRUNCATE articles_search_word",
    """
    INSERT INTO articles_search_word (word)
    SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM articles_article
    """,
]


def refresh_all(connection) -> None:
    """Rebuild every index entry from the stored keys (and, on PostgreSQL, the word
    list; on SQLite, any missing trigger)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in PG_REFRESH:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            if not ensure_triggers(connection):
                for statement in SQLITE_FILL:
                    cursor.execute(statement)
            cursor.execute(
                "INSERT INTO articles_article_fts (articles_article_fts) "
                "VALUES ('optimize')"
            )
