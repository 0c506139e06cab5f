"""The search index: on PostgreSQL a weighted tsvector column kept by triggers, its GIN
index, pg_trgm and a word list for suggestions; on SQLite an FTS5 table kept by
triggers (see search/sql.py for what each part does).

The SQL is frozen here as it was when this migration was written, so a database built
from the migrations gets the same structures whatever search/sql.py says today. Rows
written before it get their search keys with ``manage.py rebuild_search_index``.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

PG_INSTALL = [
    'ALTER TABLE articles_article ADD COLUMN search_vector tsvector',
    'ALTER TABLE articles_article SET (toast_tuple_target = 128)',
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
    'CREATE INDEX article_search_vector_idx ON articles_article USING gin (search_vector)',
    'CREATE TABLE articles_search_word (word text NOT NULL)',
    'CREATE INDEX article_search_word_idx ON articles_search_word (word)',
    'CREATE INDEX article_search_word_trgm_idx ON articles_search_word USING gin (word gin_trgm_ops)',
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
    'DROP TRIGGER IF EXISTS articles_search_word_update ON articles_article',
    'DROP TRIGGER IF EXISTS articles_search_word_insert ON articles_article',
    'DROP FUNCTION IF EXISTS articles_search_word_add()',
    'DROP TABLE IF EXISTS articles_search_word',
    'DROP TRIGGER IF EXISTS articles_caption_search_delete ON articles_caption',
    'DROP TRIGGER IF EXISTS articles_caption_search_update ON articles_caption',
    'DROP TRIGGER IF EXISTS articles_caption_search_insert ON articles_caption',
    'DROP FUNCTION IF EXISTS articles_caption_search_rows()',
    'DROP TRIGGER IF EXISTS articles_article_search ON articles_article',
    'DROP FUNCTION IF EXISTS articles_article_search_row()',
    'DROP FUNCTION IF EXISTS articles_article_search_vector(bigint, text, text, text)',
    'ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector',
    'ALTER TABLE articles_article RESET (toast_tuple_target)',
]

SQLITE_INSTALL = [
    "CREATE VIRTUAL TABLE articles_article_fts USING fts5(headline, extras, captions, body, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE articles_article_fts_words USING fts5vocab(articles_article_fts, 'row')",
    """
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_insert 
            AFTER INSERT ON articles_article BEGIN
              INSERT INTO articles_article_fts (rowid, headline, extras, captions, body)
              VALUES (NEW.id, NEW.search_headline, NEW.search_extras, '', NEW.search_body);
            END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_update 
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
    """
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_delete 
            AFTER DELETE ON articles_article BEGIN
              DELETE FROM articles_article_fts WHERE rowid = OLD.id;
            END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_caption_fts_insert 
            AFTER INSERT ON articles_caption WHEN NEW.search_key <> ''
            BEGIN 
        UPDATE articles_article_fts SET captions = coalesce((
            SELECT group_concat(c.search_key, ' ') FROM articles_caption c
            WHERE c.article_id = NEW.article_id), '')
        WHERE rowid = NEW.article_id;
     END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_caption_fts_update 
            AFTER UPDATE ON articles_caption
            WHEN OLD.search_key IS NOT NEW.search_key
              OR OLD.article_id IS NOT NEW.article_id
            BEGIN

        UPDATE articles_article_fts SET captions = coalesce((
            SELECT group_concat(c.search_key, ' ') FROM articles_caption c
            WHERE c.article_id = OLD.article_id), '')
        WHERE rowid = OLD.article_id;


        UPDATE articles_article_fts SET captions = coalesce((
            SELECT group_concat(c.search_key, ' ') FROM articles_caption c
            WHERE c.article_id = NEW.article_id), '')
        WHERE rowid = NEW.article_id;

            END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_caption_fts_delete 
            AFTER DELETE ON articles_caption WHEN OLD.search_key <> ''
            BEGIN 
        UPDATE articles_article_fts SET captions = coalesce((
            SELECT group_concat(c.search_key, ' ') FROM articles_caption c
            WHERE c.article_id = OLD.article_id), '')
        WHERE rowid = OLD.article_id;
     END
    """,
    'DELETE FROM articles_article_fts',
    """
    INSERT INTO articles_article_fts (rowid, headline, extras, captions, body)
    SELECT a.id, a.search_headline, a.search_extras, coalesce((
               SELECT group_concat(c.search_key, ' ') FROM articles_caption c
               WHERE c.article_id = a.id), ''),
           a.search_body
    FROM articles_article a
    """,
]

SQLITE_UNINSTALL = [
    'DROP TRIGGER IF EXISTS articles_article_fts_insert',
    'DROP TRIGGER IF EXISTS articles_article_fts_update',
    'DROP TRIGGER IF EXISTS articles_article_fts_delete',
    'DROP TRIGGER IF EXISTS articles_caption_fts_insert',
    'DROP TRIGGER IF EXISTS articles_caption_fts_update',
    'DROP TRIGGER IF EXISTS articles_caption_fts_delete',
    'DROP TABLE IF EXISTS articles_article_fts_words',
    'DROP TABLE IF EXISTS articles_article_fts',
]

STATEMENTS = {
    "postgresql": (PG_INSTALL, PG_UNINSTALL),
    "sqlite": (SQLITE_INSTALL, SQLITE_UNINSTALL),
}


def install(apps, schema_editor):
    install, _ = STATEMENTS.get(schema_editor.connection.vendor, ((), ()))
    for statement in install:
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    _, uninstall = STATEMENTS.get(schema_editor.connection.vendor, ((), ()))
    for statement in uninstall:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_search_fields"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(install, uninstall),
    ]
