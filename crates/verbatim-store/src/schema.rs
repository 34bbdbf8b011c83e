//! The versioned schema. `PRAGMA user_version` holds how many migrations have run; each
//! migration runs in its own transaction, so a crash leaves the store at a known version.

/// Migration `i` takes the store from version `i` to `i + 1`. Append only: never edit a
/// migration that has shipped.
pub(crate) const MIGRATIONS: &[&str] = &[
    // v1: documents, their derived rows, actors, and FTS5 indexes.
    r#"
-- The large columns come last: SQLite reads a row's columns in order, so metadata reads
-- never walk the text's overflow pages.
CREATE TABLE docs (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    url         TEXT,
    outlet      TEXT,
    title       TEXT,
    published   TEXT,
    language    TEXT,
    format      TEXT,
    bytes       INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    meta_json   TEXT NOT NULL,
    text        TEXT NOT NULL,
    layers_json TEXT NOT NULL
) STRICT;
CREATE INDEX docs_published ON docs(published);

CREATE TABLE articles (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    title     TEXT,
    outlet    TEXT,
    published TEXT,
    day       TEXT,
    language  TEXT,
    parent    INTEGER,
    body      TEXT NOT NULL,
    UNIQUE (doc_id, idx)
) STRICT;
CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE, published);

CREATE TABLE statements (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    article_idx  INTEGER,
    spans        TEXT NOT NULL,
    content      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    cue          TEXT,
    source_text  TEXT,
    speaker      TEXT,
    speaker_fold TEXT,
    speaker_id   TEXT,
    relay        TEXT,
    audience     TEXT,
    confidence   REAL NOT NULL,
    outlet       TEXT,
    published    TEXT,
    day          TEXT,
    UNIQUE (doc_id, idx)
) STRICT;
-- (speaker_id, speaker_fold) serves both "the actor" and "unresolved, by a known spelling".
CREATE INDEX statements_speaker ON statements(speaker_id, speaker_fold, published);
CREATE INDEX statements_outlet ON statements(outlet COLLATE NOCASE, published);
CREATE INDEX statements_speaker_fold ON statements(speaker_fold);
CREATE INDEX statements_published ON statements(published);

CREATE TABLE mentions (
    id       INTEGER PRIMARY KEY,
    doc_id   TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    actor_id TEXT,
    actor    TEXT
) STRICT;
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE INDEX mentions_doc ON mentions(doc_id);

CREATE TABLE actors (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    canonical       INTEGER NOT NULL,
    kind            TEXT,
    mention_count   INTEGER NOT NULL,
    statement_count INTEGER NOT NULL
) STRICT;

-- Every spelling seen for an actor, folded (lowercase, accents stripped), so a speaker
-- filter in any spelling finds the resolved actor.
CREATE TABLE actor_names (
    actor_id  TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    PRIMARY KEY (name_fold, actor_id)
) STRICT, WITHOUT ROWID;

-- External-content FTS5 tables: the text lives once, in the base table; rows are added in
-- the same transaction as their base rows, so index and data cannot drift apart.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE statements_fts USING fts5(
    content, speaker, content='statements', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
"#,
    // v2: an article whose body is its document's whole text (a text without article
    // structure) stores NULL instead of a second copy; FTS5 reads bodies through a view.
    // FTS5 buffers 8 MiB of terms (not 1 MiB) before writing a segment: fewer segments to
    // merge per batch. Layers are stored deflated in `layers_z` (a tenth of the JSON);
    // `layers_json` is then empty. Older rows keep their JSON and are read as before.
    r#"
ALTER TABLE docs ADD COLUMN layers_z BLOB;
DROP TABLE articles_fts;
CREATE TABLE articles_v2 (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    title     TEXT,
    outlet    TEXT,
    published TEXT,
    day       TEXT,
    language  TEXT,
    parent    INTEGER,
    -- NULL: the document's text (docs.text).
    body      TEXT,
    UNIQUE (doc_id, idx)
) STRICT;
INSERT INTO articles_v2
SELECT a.id, a.doc_id, a.idx, a.start, a.end, a.title, a.outlet, a.published, a.day,
       a.language, a.parent, CASE WHEN a.body = d.text THEN NULL ELSE a.body END
FROM articles a JOIN docs d ON d.id = a.doc_id;
DROP TABLE articles;
ALTER TABLE articles_v2 RENAME TO articles;
CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE, published);
CREATE VIEW articles_content AS
SELECT a.id AS id, a.title AS title, coalesce(a.body, d.text) AS body
FROM articles a JOIN docs d ON d.id = a.doc_id;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles_content', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO statements_fts(statements_fts, rank) VALUES ('hashsize', 8388608);
"#,
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;
