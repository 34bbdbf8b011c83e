use chrono::{NaiveDate, TimeZone, Utc};
use verbatim_core::{
    Article, Block, BlockKind, Doc, Format, Layers, Mention, MentionKind, Meta, Span, Statement,
    StatementKind,
};

use super::*;

fn span_of(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(start, start + needle.len())
}

/// A fictional report: one article, two statements by two speakers.
fn doc(outlet: &str, day: u32, extra: &str) -> Doc {
    let text = format!(
        "Talks stall in Kessel\n\n\
         “We will not yield an inch,” said Ilya Vóronov, Valdoria's foreign minister, \
         told reporters in Kessel.\n\n\
         Oksana Hrytsenko said the ceasefire was holding, according to the Baltic Wire. {extra}"
    );
    let mut d = Doc::new(
        text.clone(),
        Meta {
            source: format!("fixture-{outlet}-{day}.txt"),
            url: Some(format!("https://example.test/{day}")),
            outlet: Some(outlet.into()),
            title: Some("Talks stall in Kessel".into()),
            published: Some(Utc.with_ymd_and_hms(2031, 3, day, 9, 30, 0).unwrap()),
            authors: vec!["A. Writer".into()],
            language: Some("eng".into()),
            format: Some(Format::Text),
            warnings: vec![],
        },
    );
    let head = span_of(&text, "Talks stall in Kessel");
    let p1 = span_of(&text, "“We will not yield");
    let p1 = Span::new(p1.start as usize, text.find("Kessel.\n").unwrap() + 7);
    let p2 = Span::new(text.find("Oksana").unwrap(), text.len());
    d.layers.blocks = vec![
        Block {
            span: head,
            kind: BlockKind::Headline,
            article: Some(0),
        },
        Block {
            span: p1,
            kind: BlockKind::Body,
            article: Some(0),
        },
        Block {
            span: p2,
            kind: BlockKind::Body,
            article: Some(0),
        },
    ];
    d.layers.articles = vec![Article {
        span: Span::new(0, text.len()),
        title: Some("Talks stall in Kessel".into()),
        outlet: Some(outlet.into()),
        published: d.meta.published,
        ..Article::default()
    }];
    d.layers.mentions = vec![
        Mention {
            span: span_of(&text, "Ilya Vóronov"),
            kind: MentionKind::Person,
            actor_id: Some("ilya-voronov".into()),
            actor: Some("Ilya Voronov".into()),
        },
        Mention {
            span: span_of(&text, "Valdoria's foreign minister"),
            kind: MentionKind::Role,
            actor_id: Some("ilya-voronov".into()),
            actor: Some("Ilya Voronov".into()),
        },
        Mention {
            span: span_of(&text, "Oksana Hrytsenko"),
            kind: MentionKind::Person,
            actor_id: Some("oksana-hrytsenko".into()),
            actor: Some("Oksana Hrytsenko".into()),
        },
        Mention {
            span: span_of(&text, "Baltic Wire"),
            kind: MentionKind::Outlet,
            actor_id: None,
            actor: None,
        },
    ];
    d.layers.statements = vec![
        Statement {
            content: vec![span_of(&text, "We will not yield an inch,")],
            kind: StatementKind::Direct,
            cue: vec![span_of(&text, "said")],
            source: vec![span_of(&text, "Ilya Vóronov")],
            speaker: Some("Ilya Vóronov".into()),
            speaker_id: Some("ilya-voronov".into()),
            relay: None,
            audience: Some(span_of(&text, "told reporters in Kessel")),
            confidence: 0.93,
        },
        Statement {
            content: vec![span_of(&text, "the ceasefire was holding")],
            kind: StatementKind::Indirect,
            cue: vec![Span::new(
                text.find("said the").unwrap(),
                text.find("said the").unwrap() + 4,
            )],
            source: vec![span_of(&text, "Oksana Hrytsenko")],
            speaker: Some("Oksana Hrytsenko".into()),
            speaker_id: Some("oksana-hrytsenko".into()),
            relay: Some(span_of(&text, "the Baltic Wire")),
            audience: None,
            confidence: 0.7,
        },
    ];
    d
}

fn corpus() -> Vec<Doc> {
    vec![
        doc("Kessel Times", 1, ""),
        doc("Marn Herald", 2, "Shelling resumed near Ostrava."),
        doc("Valdoria News Agency", 3, "<script>alert(1)</script>"),
    ]
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nested/dir/store.db")).unwrap();
    (dir, store)
}

#[test]
fn fts5_is_compiled_in() {
    let (_d, store) = temp_store();
    let opts: Vec<String> = store
        .conn
        .prepare("PRAGMA compile_options")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(opts.iter().any(|o| o == "ENABLE_FTS5"), "{opts:?}");
}

#[test]
fn open_creates_wal_store_at_current_version() {
    let (_d, store) = temp_store();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let page: i64 = store
        .conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page, NEW_PAGE_SIZE);
    let path = store.path().to_path_buf();
    drop(store);
    // Reopening runs no migration again and keeps the version.
    let again = Store::open(&path).unwrap();
    assert_eq!(again.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn migrates_an_empty_v0_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE unrelated (x INTEGER)")
        .unwrap();
    assert!(matches!(
        Store::open_read_only(&path),
        Err(StoreError::NeedsMigration { found: 0, .. })
    ));
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.stats().unwrap().docs, 0);
}

#[test]
fn a_failing_migration_leaves_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = Store::open(&path).unwrap();
    store.insert_docs(&corpus()).unwrap();
    let known = SCHEMA_VERSION;
    // A next migration whose second statement fails: its first must not stick.
    let mut bad = schema::MIGRATIONS.to_vec();
    bad.push("CREATE TABLE extra (x INTEGER); CREATE TABLE broken (;");
    assert!(migrate_with(&mut store.conn, &path, &bad).is_err());
    assert_eq!(store.schema_version().unwrap(), known);
    let extra: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'extra'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(extra, 0, "the failed migration rolled back whole");
    let mut good = schema::MIGRATIONS.to_vec();
    good.push("CREATE TABLE extra (x INTEGER);");
    migrate_with(&mut store.conn, &path, &good).unwrap();
    assert_eq!(store.schema_version().unwrap(), known + 1);
    assert_eq!(store.stats().unwrap().docs, 3, "data survives migrating");
    // This build does not know that migration: the migrated store is now too new for it.
    drop(store);
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::TooNew { found, .. }) if found == known + 1
    ));
}

#[test]
fn refuses_a_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)
        .unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("newer than this build"), "{err}");
    assert!(matches!(
        Store::open_read_only(&path),
        Err(StoreError::TooNew { .. })
    ));
}

#[test]
fn read_only_refuses_missing_file_and_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    assert!(matches!(
        Store::open_read_only(&path),
        Err(StoreError::NotFound(_))
    ));
    let mut rw = Store::open(&path).unwrap();
    rw.insert_docs(&corpus()).unwrap();
    drop(rw);
    let mut ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.stats().unwrap().docs, 3);
    assert!(ro.insert_docs(&[doc("X", 9, "new")]).is_err());
}

#[test]
fn insert_dedups_by_content_hash_and_reinsert_changes_nothing() {
    let (_d, mut store) = temp_store();
    let docs = corpus();
    let first = store.insert_docs(&docs).unwrap();
    assert_eq!(first, InsertReport { new: 3, present: 0 });
    let before = store.stats().unwrap();
    let again = store.insert_docs(&docs).unwrap();
    assert_eq!(again, InsertReport { new: 0, present: 3 });
    assert_eq!(store.stats().unwrap(), before);
    // Duplicates inside one batch count once.
    let dup = doc("Kessel Times", 4, "fresh");
    let r = store.insert_docs(&[dup.clone(), dup]).unwrap();
    assert_eq!(r, InsertReport { new: 1, present: 1 });
    let s = store.stats().unwrap();
    assert_eq!(
        (s.docs, s.articles, s.statements, s.mentions),
        (4, 4, 8, 16)
    );
    assert_eq!(s.actors, 2);
    assert!(s.integrity_ok);
    assert_eq!(
        s.bytes,
        corpus().iter().map(|d| d.text.len() as u64).sum::<u64>() + {
            doc("Kessel Times", 4, "fresh").text.len() as u64
        }
    );
    let actors = store.actors(&ActorQuery::default()).unwrap();
    let voronov = actors
        .items
        .iter()
        .find(|a| a.id == "ilya-voronov")
        .unwrap();
    assert_eq!(voronov.name, "Ilya Voronov");
    assert_eq!((voronov.mention_count, voronov.statement_count), (8, 4));
    assert_eq!(voronov.kind.as_deref(), Some("person"));
}

#[test]
fn doc_round_trips_with_layers() {
    let (_d, mut store) = temp_store();
    let docs = corpus();
    store.insert_docs(&docs).unwrap();
    for d in &docs {
        assert_eq!(store.doc(&d.id).unwrap().as_ref(), Some(d));
    }
    assert_eq!(store.doc("nope").unwrap(), None);
    let list = store.docs(10, 0).unwrap();
    assert_eq!(list.len(), 3);
    // Newest first.
    assert_eq!(list[0].outlet.as_deref(), Some("Valdoria News Agency"));
    assert_eq!((list[0].articles, list[0].statements), (1, 2));
    assert_eq!(store.docs(10, 2).unwrap().len(), 1);
}

#[test]
fn tokens_are_left_out_and_every_other_layer_kept() {
    let (_d, mut store) = temp_store();
    let docs = corpus();
    // Tokens are derived from the text and left out; every other layer comes back whole.
    let mut with_tokens = docs[0].clone();
    with_tokens.layers.tokens.push(verbatim_core::Token {
        span: Span::new(0, 3),
        kind: verbatim_core::TokenKind::Word,
    });
    with_tokens.text.push_str(" (tokenised copy)");
    with_tokens.id = verbatim_core::content_hash(&with_tokens.text);
    store
        .insert_docs(std::slice::from_ref(&with_tokens))
        .unwrap();
    let back = store.doc(&with_tokens.id).unwrap().unwrap();
    assert!(back.layers.tokens.is_empty());
    with_tokens.layers.tokens.clear();
    assert_eq!(back, with_tokens);
}

#[test]
fn rejects_out_of_range_spans_without_partial_writes() {
    let (_d, mut store) = temp_store();
    let mut bad = doc("Kessel Times", 5, "bad");
    bad.layers.statements[0].content = vec![Span::new(0, bad.text.len() + 10)];
    let err = store
        .insert_docs(&[doc("Marn Herald", 6, "good"), bad])
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidDoc { .. }), "{err}");
    assert_eq!(
        store.stats().unwrap().docs,
        0,
        "the batch is one transaction"
    );
}

#[test]
fn statement_filters() {
    let (_d, mut store) = temp_store();
    store.insert_docs(&corpus()).unwrap();
    let q = |f: StatementQuery| store.statements(&f).unwrap();

    let all = q(StatementQuery::default());
    assert_eq!(all.total, 6);
    assert_eq!(
        all.items[0].day.as_deref(),
        Some("2031-03-03"),
        "newest first"
    );

    // Speaker in any spelling resolves through the actor.
    for name in ["Ilya Voronov", "VORONOV", "ilya vóronov", "ilya-voronov"] {
        let p = q(StatementQuery {
            speaker: Some(name.into()),
            ..Default::default()
        });
        assert_eq!(p.total, 3, "{name}");
        assert!(p
            .items
            .iter()
            .all(|s| s.speaker_id.as_deref() == Some("ilya-voronov")));
    }
    // An unresolved name falls back to a substring of the speaker.
    let p = q(StatementQuery {
        speaker: Some("hrytsen".into()),
        ..Default::default()
    });
    assert_eq!(p.total, 3);
    let p = q(StatementQuery {
        speaker: Some("nobody".into()),
        ..Default::default()
    });
    assert_eq!(p.total, 0);

    let p = q(StatementQuery {
        actor_id: Some("oksana-hrytsenko".into()),
        ..Default::default()
    });
    assert_eq!(p.total, 3);
    let s = &p.items[0];
    assert_eq!(s.kind, "indirect");
    assert_eq!(s.content, "the ceasefire was holding");
    assert_eq!(s.relay.as_deref(), Some("the Baltic Wire"));
    assert_eq!(s.cue.as_deref(), Some("said"));
    assert_eq!(s.article, Some(0));
    assert_eq!(s.title.as_deref(), Some("Talks stall in Kessel"));
    assert_eq!(
        s.confidence, 0.7,
        "f32 confidence stored as its decimal value"
    );

    let p = q(StatementQuery {
        outlet: Some("marn herald".into()),
        ..Default::default()
    });
    assert_eq!(p.total, 2);
    let d2 = NaiveDate::from_ymd_opt(2031, 3, 2).unwrap();
    let p = q(StatementQuery {
        since: Some(d2),
        ..Default::default()
    });
    assert_eq!(p.total, 4);
    let p = q(StatementQuery {
        since: Some(d2),
        until: Some(d2),
        ..Default::default()
    });
    assert_eq!(p.total, 2);
    let p = q(StatementQuery {
        kind: Some(StatementKind::Direct),
        ..Default::default()
    });
    assert_eq!(p.total, 3);
    assert!(p.items.iter().all(|s| s.kind == "direct"));

    // Paging: total counts every match, items only the page.
    let p = q(StatementQuery {
        limit: 2,
        offset: 1,
        ..Default::default()
    });
    assert_eq!((p.items.len(), p.total, p.limit, p.offset), (2, 6, 2, 1));
    let p = q(StatementQuery {
        limit: 100_000,
        ..Default::default()
    });
    assert_eq!(p.limit, MAX_LIMIT);

    // Combined filters.
    let p = q(StatementQuery {
        speaker: Some("Voronov".into()),
        outlet: Some("Kessel Times".into()),
        kind: Some(StatementKind::Direct),
        ..Default::default()
    });
    assert_eq!(p.total, 1);
    assert_eq!(
        store.statement(p.items[0].id).unwrap().as_ref(),
        Some(&p.items[0])
    );
    assert_eq!(store.statement(-1).unwrap(), None);

    let mut exported = Vec::new();
    let n = store
        .for_each_statement(
            &StatementQuery {
                speaker: Some("voronov".into()),
                limit: 1,
                ..Default::default()
            },
            10,
            |r| {
                exported.push(r.id);
                Ok(())
            },
        )
        .unwrap();
    assert_eq!((n, exported.len()), (3, 3), "exports ignore the page limit");
    let n = store
        .for_each_statement(&StatementQuery::default(), 4, |_| Ok(()))
        .unwrap();
    assert_eq!(n, 4, "bounded by max");
    let of_doc = store.doc_statements(&p.items[0].doc_id).unwrap();
    assert_eq!(of_doc.iter().map(|s| s.idx).collect::<Vec<_>>(), [0, 1]);
}

#[test]
fn read_only_counts_page_through_and_follow_writes() {
    let (_d, mut store) = temp_store();
    store.insert_docs(&corpus()).unwrap();
    let ro = Store::open_read_only(store.path()).unwrap();
    // Second pages, so the totals are counted rather than read off a short first page.
    let page = |q: Option<&str>, speaker: Option<&str>| {
        ro.statements(&StatementQuery {
            q: q.map(str::to_string),
            speaker: speaker.map(str::to_string),
            limit: 1,
            offset: 1,
            ..Default::default()
        })
        .unwrap()
    };
    for _ in 0..2 {
        let p = page(Some("ceasefire"), None);
        assert_eq!((p.total, p.items.len()), (3, 1), "full text alone");
        let p = page(None, Some("hrytsen"));
        assert_eq!((p.total, p.items.len()), (3, 1), "a substring of a speaker");
        assert_eq!(page(Some("ceasefire"), Some("hrytsen")).total, 3);
        assert_eq!(page(None, Some("nobody")).total, 0);
    }
    // A common speaker's pages walk the date index on this handle: the same rows, in the
    // same order, as the sorted plan gives.
    for offset in 0..4 {
        let q = StatementQuery {
            speaker: Some("VORONOV".into()),
            limit: 1,
            offset,
            ..Default::default()
        };
        let (a, b) = (ro.statements(&q).unwrap(), store.statements(&q).unwrap());
        assert_eq!(a, b, "offset {offset}");
        assert_eq!(a.total, 3);
    }
    // A commit from another handle moves the counts a reader remembers.
    let v = ro.data_version().unwrap();
    store
        .insert_docs(&[doc("Marn Herald", 4, "The ceasefire held.")])
        .unwrap();
    assert_ne!(ro.data_version().unwrap(), v);
    assert_eq!(page(Some("ceasefire"), None).total, 4);
    assert_eq!(page(None, Some("hrytsen")).total, 4);
}

#[test]
fn full_text_search() {
    let (_d, mut store) = temp_store();
    store.insert_docs(&corpus()).unwrap();
    let p = store
        .statements(&StatementQuery {
            q: Some("yield".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p.total, 3);
    // Phrases, prefixes, accents folded, OR.
    let count = |text: &str| {
        store
            .statements(&StatementQuery {
                q: Some(text.into()),
                ..Default::default()
            })
            .unwrap()
            .total
    };
    assert_eq!(count("\"ceasefire was holding\""), 3);
    assert_eq!(count("\"holding was ceasefire\""), 0);
    assert_eq!(count("cease*"), 3);
    assert_eq!(count("voronov"), 3, "speaker is indexed, accents folded");
    assert_eq!(count("yield OR ceasefire"), 6);
    assert_eq!(count("yield ceasefire"), 0);
    // FTS syntax in user input is inert, not an error.
    assert_eq!(
        count("( \" * : ^ -"),
        6,
        "nothing searchable means no text filter"
    );
    assert_eq!(
        count("NOT: yield)"),
        3,
        "operators in input are plain words"
    );
    assert_eq!(count("col:yield"), 0);

    let r = store.search("shelling", 10).unwrap();
    assert_eq!(r.articles.len(), 1);
    assert_eq!(r.articles[0].outlet.as_deref(), Some("Marn Herald"));
    assert!(r.articles[0]
        .snippet
        .contains(&format!("{HIT_START}Shelling{HIT_END}")));
    assert!(r.statements.is_empty());
    let r = store.search("Kessel", 10).unwrap();
    assert_eq!(r.articles.len(), 3);
    let r = store.search("   ", 10).unwrap();
    assert!(r.articles.is_empty() && r.statements.is_empty());
}

#[test]
fn fts_query_quotes_everything() {
    assert_eq!(fts_query("a b").as_deref(), Some("\"a\" \"b\""));
    assert_eq!(fts_query("\"x y\" z*").as_deref(), Some("\"x y\" \"z\"*"));
    assert_eq!(fts_query("OR a OR").as_deref(), Some("\"a\""));
    assert_eq!(fts_query("- ( )"), None);
}

#[test]
fn aggregates_for_the_ui() {
    let (_d, mut store) = temp_store();
    store.insert_docs(&corpus()).unwrap();
    store
        .insert_docs(&[doc("Kessel Times", 3, "again")])
        .unwrap();
    let q = StatementQuery {
        actor_id: Some("ilya-voronov".into()),
        ..Default::default()
    };
    let days = store.statement_days(&q).unwrap();
    let days: Vec<(&str, u64)> = days.iter().map(|d| (d.day.as_str(), d.count)).collect();
    assert_eq!(
        days,
        [("2031-03-01", 1), ("2031-03-02", 1), ("2031-03-03", 2)]
    );
    let outlets = store.statement_outlets(&q).unwrap();
    assert_eq!(outlets[0].outlet.as_deref(), Some("Kessel Times"));
    assert_eq!(outlets[0].count, 2);
    assert_eq!(outlets.len(), 3);

    let all = store.outlets(10).unwrap();
    assert_eq!(all[0].outlet, "Kessel Times");
    assert_eq!((all[0].articles, all[0].statements), (2, 4));
    assert_eq!(all[0].first_day.as_deref(), Some("2031-03-01"));
    let arts = store.outlet_articles("kessel times", 10, 0).unwrap();
    assert_eq!(arts.total, 2);
    assert_eq!(arts.items[0].statements, 2);

    let found = store
        .actors(&ActorQuery {
            q: Some("hryts".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].id, "oksana-hrytsenko");
    assert_eq!(
        store
            .actor("ilya-voronov")
            .unwrap()
            .unwrap()
            .statement_count,
        4
    );
    assert_eq!(
        store.resolve_speaker("Vóronov").unwrap(),
        vec!["ilya-voronov".to_string()]
    );

    // Unresolved speakers count for the actor their spelling names, else by folded name.
    let mut odd = doc("Marn Herald", 7, "odd");
    odd.layers.statements[1].speaker_id = None;
    odd.layers.statements[1].speaker = Some("OKSANA HRYTSENKO".into());
    let mut odd2 = doc("Marn Herald", 8, "odd2");
    odd2.layers.statements[1].speaker_id = None;
    odd2.layers.statements[1].speaker = Some("Unnamed Official".into());
    let mut odd3 = doc("Marn Herald", 9, "odd3");
    odd3.layers.statements[1].speaker_id = None;
    odd3.layers.statements[1].speaker = Some("unnamed official".into());
    store.insert_docs(&[odd, odd2, odd3]).unwrap();
    let top = store.speakers(10).unwrap();
    let got: Vec<(Option<&str>, &str, u64)> = top
        .iter()
        .map(|s| (s.actor_id.as_deref(), s.name.as_str(), s.statements))
        .collect();
    assert_eq!(
        got,
        [
            (Some("ilya-voronov"), "Ilya Voronov", 7),
            (Some("oksana-hrytsenko"), "Oksana Hrytsenko", 5),
            (None, "Unnamed Official", 2),
        ]
    );
    assert_eq!(top[0].outlets, 3);
    // The speaker filter agrees with the grouping.
    let q = StatementQuery {
        speaker: Some("Oksana Hrytsenko".into()),
        ..Default::default()
    };
    assert_eq!(store.statements(&q).unwrap().total, 5);
}

#[test]
fn interrupt_cancels_a_running_query() {
    let (_d, store) = temp_store();
    let handle = store.interrupt_handle();
    let t = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(100));
        handle.interrupt();
    });
    // A query that would run for a very long time.
    let err = store
        .conn
        .query_row(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(StoreError::from)
        .unwrap_err();
    t.join().unwrap();
    assert!(err.is_interrupted(), "{err}");
}

#[test]
fn doc_without_articles_is_still_searchable() {
    let (_d, mut store) = temp_store();
    let mut d = Doc::new("Plain words about Ostrava.".into(), Meta::default());
    d.meta.source = "plain.txt".into();
    store.insert_docs(&[d]).unwrap();
    let hits = store.search("ostrava", 5).unwrap().articles;
    assert_eq!(hits.len(), 1);
    assert!(hits[0]
        .snippet
        .contains(&format!("{HIT_START}Ostrava{HIT_END}")));
    // The text is stored once: the article's body is read from the document.
    let bodies: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM articles WHERE body IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bodies, 0);
    fts_integrity(&store);
}

#[test]
fn deferred_index_catches_up_by_call_and_on_open() {
    let (_dir, mut store) = temp_store();
    let path = store.path().to_path_buf();
    let count = |store: &Store, q: &str| {
        let statements = store
            .statements(&StatementQuery {
                q: Some(q.into()),
                ..Default::default()
            })
            .unwrap()
            .total;
        (statements, store.search(q, 10).unwrap().articles.len())
    };
    let docs = corpus();
    store
        .insert_docs_with(&docs[..1], Indexing::Deferred)
        .unwrap();
    assert_eq!(count(&store, "yield"), (0, 0), "stored, not yet indexed");
    // 1 article and 2 statements.
    assert_eq!(store.index_pending().unwrap(), 3);
    assert_eq!(store.index_pending().unwrap(), 0, "nothing left to index");
    assert_eq!(count(&store, "yield"), (1, 1));

    // Rows stored and the process gone before an index pass: the next writer indexes them.
    store
        .insert_docs_with(&docs[1..], Indexing::Deferred)
        .unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(count(&store, "yield"), (3, 3));
    fts_integrity(&store);
}

/// FTS5's own check of the index against the rows it indexes.
fn fts_integrity(store: &Store) {
    for t in ["articles_fts", "statements_fts"] {
        store
            .conn
            .execute(
                &format!("INSERT INTO {t}({t}, rank) VALUES ('integrity-check', 1)"),
                [],
            )
            .unwrap_or_else(|e| panic!("{t}: {e}"));
    }
}

#[test]
fn migrates_v1_rows_to_v2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    migrate_with(&mut conn, &path, &schema::MIGRATIONS[..1]).unwrap();
    // Two v1 documents: one whose article body is its whole text (stored twice in v1),
    // one whose body differs; both with plain JSON layers.
    let layers = serde_json::to_string(&Layers::default()).unwrap();
    for (id, text, body) in [
        (
            "a",
            "Plain words about Ostrava.",
            "Plain words about Ostrava.",
        ),
        (
            "b",
            "Title\n\nShelling resumed near Marn.",
            "Shelling resumed near Marn.",
        ),
    ] {
        conn.execute(
            "INSERT INTO docs (id, source, bytes, ingested_at, meta_json, text, layers_json)
             VALUES (?1, ?1, 0, '2031-01-01T00:00:00Z', ?2, ?3, ?4)",
            rusqlite::params![
                id,
                serde_json::to_string(&Meta::default()).unwrap(),
                text,
                layers
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO articles (doc_id, idx, start, end, body) VALUES (?1, 0, 0, 1, ?2)",
            rusqlite::params![id, body],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?1, NULL, ?2)",
            rusqlite::params![conn.last_insert_rowid(), body],
        )
        .unwrap();
    }
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let stored: Vec<Option<String>> = store
        .conn
        .prepare("SELECT body FROM articles ORDER BY doc_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(stored, [None, Some("Shelling resumed near Marn.".into())]);
    fts_integrity(&store);
    for (q, doc) in [("ostrava", "a"), ("shelling", "b")] {
        let hits = store.search(q, 5).unwrap().articles;
        assert_eq!(hits.len(), 1, "{q}");
        assert_eq!(hits[0].doc_id, doc);
        assert!(
            hits[0].snippet.contains(HIT_START),
            "{q}: {}",
            hits[0].snippet
        );
    }
    assert_eq!(store.search("title", 5).unwrap().articles.len(), 0);
    // v1 layers (plain JSON) still read.
    assert_eq!(
        store.doc("a").unwrap().unwrap().text,
        "Plain words about Ostrava."
    );
}

const CRASH_ENV: &str = "VERBATIM_STORE_CRASH_CHILD";

/// Runs only as the child of `crash_mid_transaction_leaves_store_consistent`: writes a batch
/// and aborts the process halfway through its transaction.
#[test]
fn crash_child() {
    let Ok(path) = std::env::var(CRASH_ENV) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path)).unwrap();
    write::CRASH_AFTER.store(2, std::sync::atomic::Ordering::SeqCst);
    let _ = store.insert_docs(&[
        doc("Marn Herald", 10, "a"),
        doc("Marn Herald", 11, "b"),
        doc("Marn Herald", 12, "c"),
    ]);
    unreachable!("the hook aborts before commit");
}

#[test]
fn crash_mid_transaction_leaves_store_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let mut store = Store::open(&path).unwrap();
    store.insert_docs(&corpus()).unwrap();
    let before = store.stats().unwrap();
    drop(store);

    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "tests::crash_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CRASH_ENV, &path)
        .output()
        .unwrap();
    assert!(!out.status.success(), "the child must die mid-transaction");

    let mut store = Store::open(&path).unwrap();
    let after = store.stats().unwrap();
    assert!(after.integrity_ok);
    assert_eq!(
        (after.docs, after.statements, after.mentions, after.actors),
        (
            before.docs,
            before.statements,
            before.mentions,
            before.actors
        )
    );
    // The index agrees with the rows: nothing from the lost batch is findable.
    let hits = store
        .statements(&StatementQuery {
            q: Some("yield".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.total, 3);
    for t in ["statements_fts", "articles_fts"] {
        let sql = format!("INSERT INTO {t}({t}) VALUES('integrity-check')");
        store.conn.execute(&sql, []).unwrap();
    }
    // The store takes the lost batch on a retry.
    let r = store.insert_docs(&[doc("Marn Herald", 10, "a")]).unwrap();
    assert_eq!(r, InsertReport { new: 1, present: 0 });
}

/// The fixture corpus with what makes the statement index's job harder: undated articles,
/// an unresolved speaker spelled as a known actor, a statement with no speaker, an outlet
/// in another case, repeated content (ties in rank), and varied words for full text.
fn varied_corpus() -> Vec<Doc> {
    let extras = [
        "Shelling resumed near Ostrava, and the shelling continued overnight.",
        "Ceasefire monitors reported the ceasefire held in Kessel.",
        "Talks on the ceasefire were holding, the ministry said of talks.",
        "Shelling resumed near Ostrava, and the shelling continued overnight.",
        "Grain exports rose; exporters welcomed the grain corridor.",
        "The minister's remarks on grain were not yield-related.",
    ];
    let mut docs = corpus();
    for (i, extra) in extras.iter().enumerate() {
        let day = 4 + i as u32;
        let outlet = ["Kessel Times", "Marn Herald", "kessel times"][i % 3];
        let mut d = doc(outlet, day, &format!("{extra} Filed on day {day}."));
        if i % 2 == 1 {
            d.meta.published = None;
            for a in &mut d.layers.articles {
                a.published = None;
            }
        }
        if i % 3 == 0 {
            d.layers.statements[1].speaker_id = None;
        }
        let text = d.text.clone();
        d.layers.statements.push(Statement {
            content: vec![span_of(&text, extra)],
            kind: StatementKind::Mixed,
            cue: vec![],
            source: vec![],
            speaker: (i % 3 != 2).then(|| "Marta Lindqvist".to_string()),
            speaker_id: None,
            relay: None,
            audience: None,
            confidence: 0.5,
        });
        docs.push(d);
    }
    docs
}

/// A fixed pseudo-random sequence (xorshift64*), so a failure names a reproducible query.
struct Draw(u64);

impl Draw {
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let r = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
        &v[(r % v.len() as u64) as usize]
    }
}

#[test]
fn statement_index_answers_exactly_as_sql() {
    let (_d, mut store) = temp_store();
    store.insert_docs(&varied_corpus()).unwrap();
    let ro = Store::open_read_only(store.path()).unwrap();
    let ix = ro.statement_index(usize::MAX).unwrap().unwrap();
    assert_eq!(ix.len(), 24);

    let day = |d: u32| NaiveDate::from_ymd_opt(2031, 3, d);
    let s = |v: &str| Some(v.to_string());
    let speakers = [
        None,
        s("Ilya Voronov"),
        s("VORONOV"),
        s("ilya vóronov"),
        s("ilya-voronov"),
        s("hrytsenko"),
        s("Oksana Hrytsenko"),
        s("hrytsen"),
        s("LINDQ"),
        s("nobody"),
        s("a"),
        s("  "),
    ];
    let actor_ids = [None, s("ilya-voronov"), s("oksana-hrytsenko"), s("nobody")];
    let outlets = [None, s("kessel times"), s("MARN HERALD"), s("Nowhere")];
    let dates = [
        (None, None),
        (day(2), None),
        (None, day(3)),
        (day(2), day(2)),
        (day(4), day(9)),
        (None, Some(NaiveDate::MAX)),
        (day(10), day(1)),
    ];
    let kinds = [
        None,
        Some(StatementKind::Direct),
        Some(StatementKind::Indirect),
        Some(StatementKind::Mixed),
    ];
    let texts = [
        None,
        s("ceasefire"),
        s("yield"),
        s("cease*"),
        s("\"ceasefire was holding\""),
        s("\"was holding\"*"),
        s("voronov"),
        s("shelling"),
        s("shelling resumed"),
        s("talks ceasefire"),
        s("grain OR yield"),
        s("grain OR shelling OR inch"),
        s("ho*"),
        s("yield-related"),
        s("\"not yield\""),
        s("missing"),
        s("( * :"),
    ];
    let pages = [(50, 0), (1, 1), (2, 3), (0, 0), (500, 4), (3, 100)];

    let mut queries = vec![StatementQuery::default()];
    let mut draw = Draw(0x9E37_79B9_7F4A_7C15);
    for _ in 0..4000 {
        // Each filter in about one query of three, so most combine two or three.
        let some = |draw: &mut Draw| *draw.pick(&[true, false, false]);
        let mut q = StatementQuery::default();
        if some(&mut draw) {
            q.speaker = draw.pick(&speakers).clone();
        }
        if some(&mut draw) {
            q.actor_id = draw.pick(&actor_ids).clone();
        }
        if some(&mut draw) {
            q.outlet = draw.pick(&outlets).clone();
        }
        if some(&mut draw) {
            (q.since, q.until) = *draw.pick(&dates);
        }
        if some(&mut draw) {
            q.kind = *draw.pick(&kinds);
        }
        if some(&mut draw) || some(&mut draw) {
            q.q = draw.pick(&texts).clone();
        }
        (q.limit, q.offset) = *draw.pick(&pages);
        queries.push(q);
    }
    let mut answered = 0;
    let mut found = 0;
    for q in &queries {
        let sql = ro.statements(q).unwrap();
        let Some(json) = ix.statements_json(q) else {
            panic!("the index declined {q:?}");
        };
        assert_eq!(
            String::from_utf8(json).unwrap(),
            serde_json::to_string(&sql).unwrap(),
            "{q:?}"
        );
        assert_eq!(
            ix.statement_ids(q),
            Some((sql.items.iter().map(|r| r.id).collect(), sql.total))
        );
        answered += 1;
        found += usize::from(sql.total > 0);
    }
    assert_eq!(answered, queries.len());
    assert!(
        found > queries.len() / 3,
        "too few queries find anything: {found}"
    );

    // Ranked results with ties (repeated content) are ordered by id within a rank.
    let q = StatementQuery {
        q: s("shelling"),
        ..Default::default()
    };
    let ids = ix.statement_ids(&q).unwrap().0;
    assert_eq!(ids.len(), 2);
    assert!(ids[0] < ids[1]);
}

#[test]
fn statement_index_leaves_to_sql_what_it_cannot_match_exactly() {
    let (_d, mut store) = temp_store();
    store.insert_docs(&varied_corpus()).unwrap();
    let ix = store.statement_index(usize::MAX).unwrap().unwrap();
    let q = |text: &str| StatementQuery {
        q: Some(text.into()),
        ..Default::default()
    };
    // Folding non-ASCII text is FTS5's; OR over a group of several phrases ranks by FTS5's
    // iterator state.
    assert_eq!(ix.statements_json(&q("vóronov")), None);
    assert_eq!(ix.statements_json(&q("yield inch OR grain")), None);
    // So is an offset SQLite cannot take.
    let far = StatementQuery {
        offset: usize::MAX,
        ..Default::default()
    };
    assert_eq!(ix.statements_json(&far), None);
    assert!(store.statements(&far).is_err());
    assert!(ix.statements_json(&q("yield OR grain")).is_some());
    // Nothing searchable is no text filter at all, as in SQL.
    assert_eq!(
        ix.statement_ids(&q("\" - \"")).unwrap().1,
        store.statements(&q("\" - \"")).unwrap().total
    );

    // Above its size bound there is no index.
    assert!(store.statement_index(23).unwrap().is_none());
    assert!(store.statement_index(24).unwrap().is_some());
    let empty = temp_store().1.statement_index(10).unwrap().unwrap();
    assert!(empty.is_empty());
    assert_eq!(
        String::from_utf8(empty.statements_json(&q("yield")).unwrap()).unwrap(),
        r#"{"items":[],"total":0,"limit":50,"offset":0}"#
    );
    assert!(ix.heap_bytes() > 0);
}

#[test]
fn statement_index_ranks_are_fts5_ranks_to_the_bit() {
    let (_d, mut store) = temp_store();
    store.insert_docs(&varied_corpus()).unwrap();
    let ix = store.statement_index(usize::MAX).unwrap().unwrap();
    let mut compared = 0;
    for text in [
        "ceasefire",
        "shelling",
        "shelling resumed",
        "\"the shelling\"",
        "grain OR yield OR voronov",
        "cease* talks",
        "ex*",
        "\"was holding\"*",
        "yield-related",
    ] {
        let mut st = store
            .conn
            .prepare(
                "SELECT rowid, rank FROM statements_fts WHERE statements_fts MATCH ?
                 ORDER BY rowid",
            )
            .unwrap();
        let sql: Vec<(i64, f64)> = st
            .query_map([fts_query(text).unwrap()], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mem = ix.text_ranks(text).unwrap();
        assert!(!sql.is_empty(), "{text} finds nothing");
        assert_eq!(mem.len(), sql.len(), "{text}");
        for (m, s) in mem.iter().zip(&sql) {
            assert_eq!(m.0, s.0, "{text}");
            assert_eq!(m.1.to_bits(), s.1.to_bits(), "{text}: {} vs {}", m.1, s.1);
            compared += 1;
        }
    }
    assert!(compared > 30, "{compared}");
}
