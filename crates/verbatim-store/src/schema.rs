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
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;
