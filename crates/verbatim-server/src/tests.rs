//! API tests over loopback against a temporary store.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use serde_json::Value;
use verbatim_core::{
    Article, Block, BlockKind, Doc, Mention, MentionKind, Meta, Span, Statement, StatementKind,
};
use verbatim_store::Store;

use crate::Config;

pub(crate) struct Resp {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// A minimal HTTP/1.1 GET: one request per connection.
pub(crate) fn get(addr: SocketAddr, path: &str) -> Resp {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    let mut resp = Resp {
        status,
        head: head.to_string(),
        body: body.to_string(),
    };
    if resp
        .header("transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
    {
        resp.body = dechunk(&resp.body);
    }
    resp
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap();
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

/// Serve `cfg` on an ephemeral loopback port from a background runtime.
pub(crate) fn serve_in_background(cfg: Config) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let router = crate::router(&cfg).unwrap();
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, router).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap();
    Span::new(start, start + needle.len())
}

/// A fictional report whose scraped strings carry markup, to prove it is escaped.
fn doc(outlet: &str, day: u32, extra: &str) -> Doc {
    let text = format!(
        "Talks <b>stall</b> in Kessel\n\n“We will not yield <script>alert(1)</script>,” said \
         Ilya Voronov, told reporters in Kessel.\n\nOksana Hrytsenko said the ceasefire was \
         holding, according to the Baltic Wire. {extra}"
    );
    let mut d = Doc::new(
        text.clone(),
        Meta {
            source: format!("{outlet}-{day}.txt"),
            url: Some(format!("https://example.test/{day}")),
            outlet: Some(outlet.into()),
            title: Some("Talks <b>stall</b> in Kessel".into()),
            published: Some(Utc.with_ymd_and_hms(2031, 3, day, 9, 0, 0).unwrap()),
            ..Meta::default()
        },
    );
    let whole = Span::new(0, text.len());
    let said = text.find("said the").unwrap();
    d.layers.blocks = vec![Block {
        span: whole,
        kind: BlockKind::Body,
        article: Some(0),
    }];
    d.layers.articles = vec![Article {
        span: whole,
        title: Some("Talks <b>stall</b> in Kessel".into()),
        outlet: Some(outlet.into()),
        published: d.meta.published,
        ..Article::default()
    }];
    d.layers.mentions = vec![Mention {
        span: span_of(&text, "Ilya Voronov"),
        kind: MentionKind::Person,
        actor_id: Some("ilya-voronov".into()),
        actor: Some("Ilya Voronov".into()),
    }];
    d.layers.statements = vec![
        Statement {
            content: vec![span_of(
                &text,
                "We will not yield <script>alert(1)</script>,",
            )],
            kind: StatementKind::Direct,
            cue: vec![span_of(&text, "said")],
            source: vec![span_of(&text, "Ilya Voronov")],
            speaker: Some("Ilya Voronov".into()),
            speaker_id: Some("ilya-voronov".into()),
            relay: None,
            audience: Some(span_of(&text, "told reporters in Kessel")),
            confidence: 0.9,
        },
        Statement {
            content: vec![span_of(&text, "the ceasefire was holding")],
            kind: StatementKind::Indirect,
            cue: vec![Span::new(said, said + 4)],
            source: vec![span_of(&text, "Oksana Hrytsenko")],
            speaker: Some("Oksana Hrytsenko".into()),
            speaker_id: None,
            relay: Some(span_of(&text, "the Baltic Wire")),
            audience: None,
            confidence: 0.7,
        },
    ];
    d
}

fn fixture_store(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("store.db");
    let mut store = Store::open(&path).unwrap();
    store
        .insert_docs(&[
            doc("Kessel Times", 1, "a"),
            doc("Marn Herald", 2, "b"),
            doc("Kessel Times", 3, "Shelling resumed."),
        ])
        .unwrap();
    path
}

fn server() -> (tempfile::TempDir, SocketAddr) {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_store(dir.path());
    let addr = serve_in_background(Config::new(path));
    (dir, addr)
}

#[test]
fn statements_api_filters_and_pages() {
    let (_d, addr) = server();
    let r = get(addr, "/api/statements");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let v = r.json();
    assert_eq!(v["total"], 6);
    assert_eq!(v["limit"], 50);
    assert_eq!(v["items"][0]["day"], "2031-03-03");

    let total = |path: &str| get(addr, path).json()["total"].as_u64().unwrap();
    assert_eq!(total("/api/statements?speaker=VORONOV"), 3);
    assert_eq!(
        total("/api/statements?speaker=Ilya%20Voronov&outlet=kessel%20times"),
        2
    );
    assert_eq!(total("/api/statements?actor_id=ilya-voronov"), 3);
    assert_eq!(
        total("/api/statements?speaker=hrytsenko"),
        3,
        "unresolved: name match"
    );
    assert_eq!(
        total("/api/statements?since=2031-03-02&until=2031-03-02"),
        2
    );
    assert_eq!(total("/api/statements?kind=indirect"), 3);
    assert_eq!(total("/api/statements?q=ceasefire"), 3);
    assert_eq!(
        total("/api/statements?q=%22ceasefire%20was%20holding%22&outlet=Marn%20Herald"),
        1
    );
    assert_eq!(
        total("/api/statements?speaker=&q="),
        6,
        "empty form fields are absent"
    );

    let v = get(addr, "/api/statements?limit=2&offset=1").json();
    assert_eq!(
        (v["items"].as_array().unwrap().len(), v["total"].as_u64()),
        (2, Some(6))
    );
    assert_eq!(
        get(addr, "/api/statements?limit=999999").json()["limit"],
        500
    );

    let id = v["items"][0]["id"].as_i64().unwrap();
    let one = get(addr, &format!("/api/statements/{id}")).json();
    assert_eq!(one, v["items"][0]);
    assert_eq!(get(addr, "/api/statements/999999").status, 404);
}

#[test]
fn bad_parameters_are_400_with_a_reason() {
    let (_d, addr) = server();
    for (path, needle) in [
        ("/api/statements?since=yesterday", "since"),
        ("/api/statements?kind=sarcastic", "kind"),
        ("/api/statements?limit=-1", "limit"),
        ("/api/search", "q"),
        ("/api/statements/abc", "number"),
    ] {
        let r = get(addr, path);
        assert_eq!(r.status, 400, "{path}");
        assert!(
            r.json()["error"].as_str().unwrap().contains(needle),
            "{path}: {}",
            r.body
        );
    }
    assert_eq!(get(addr, "/api/docs/nope").status, 404);
}

#[test]
fn docs_actors_outlets_search_stats() {
    let (_d, addr) = server();
    let docs = get(addr, "/api/docs?limit=2").json();
    assert_eq!(docs["total"], 3);
    assert_eq!(docs["items"].as_array().unwrap().len(), 2);
    let id = docs["items"][0]["id"].as_str().unwrap().to_string();
    let full = get(addr, &format!("/api/docs/{id}")).json();
    assert_eq!(full["id"], id.as_str());
    assert_eq!(full["layers"]["statements"].as_array().unwrap().len(), 2);
    let content = &full["layers"]["statements"][0]["content"][0];
    let text = full["text"].as_str().unwrap();
    let (s, e) = (
        content["start"].as_u64().unwrap() as usize,
        content["end"].as_u64().unwrap() as usize,
    );
    assert!(text[s..e].starts_with("We will not yield"));

    let actors = get(addr, "/api/actors").json();
    assert_eq!(actors["items"][0]["id"], "ilya-voronov");
    assert_eq!(actors["items"][0]["statement_count"], 3);
    assert_eq!(get(addr, "/api/actors?q=voro").json()["total"], 1);

    let outlets = get(addr, "/api/outlets").json();
    assert_eq!(outlets["items"][0]["outlet"], "Kessel Times");
    assert_eq!(outlets["items"][0]["statements"], 4);

    let hits = get(addr, "/api/search?q=shelling").json();
    assert_eq!(hits["articles"].as_array().unwrap().len(), 1);
    assert!(hits["articles"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("\u{E000}Shelling\u{E001}"));
    let hits = get(addr, "/api/search?q=yield").json();
    assert_eq!(hits["statements"].as_array().unwrap().len(), 3);

    let stats = get(addr, "/api/stats").json();
    assert_eq!(
        (stats["docs"].as_u64(), stats["integrity_ok"].as_bool()),
        (Some(3), Some(true))
    );
}

#[test]
fn exports_carry_the_same_filters() {
    let (_d, addr) = server();
    let r = get(addr, "/api/statements.csv?speaker=voronov");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    let mut rd = csv::Reader::from_reader(r.body.as_bytes());
    let headers = rd.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let content = headers.iter().position(|h| h == "content").unwrap();
    assert_eq!(
        &rows[0][content],
        "We will not yield <script>alert(1)</script>,"
    );

    let r = get(addr, "/api/statements.jsonl?kind=indirect&limit=2");
    assert_eq!(r.status, 200);
    let lines: Vec<Value> = r
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "limit bounds an export");
    assert!(lines.iter().all(|l| l["kind"] == "indirect"));
    let all = get(addr, "/api/statements.jsonl").body.lines().count();
    assert_eq!(all, 6, "exports are not capped at a page");
}

#[test]
fn openapi_describes_every_api_route() {
    let (_d, addr) = server();
    let v = get(addr, "/api/openapi.json").json();
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    let paths = v["paths"].as_object().unwrap();
    let routes = include_str!("lib.rs")
        .lines()
        .filter_map(|l| l.trim().strip_prefix(".route(\"/api/"))
        .map(|l| format!("/api/{}", &l[..l.find('"').unwrap()]))
        .collect::<Vec<_>>();
    assert!(routes.len() >= 10, "{routes:?}");
    for r in &routes {
        assert!(paths.contains_key(r), "{r} missing from openapi.json");
    }
    assert_eq!(
        paths.len(),
        routes.len(),
        "openapi.json lists a route the server lacks"
    );
    // Every $ref resolves.
    let text = serde_json::to_string(&v).unwrap();
    for part in text.split("\"$ref\":\"#/").skip(1) {
        let ptr = format!("/{}", &part[..part.find('"').unwrap()]);
        assert!(v.pointer(&ptr).is_some(), "dangling $ref {ptr}");
    }
}

#[test]
fn pages_escape_scraped_text() {
    let (_d, addr) = server();
    let pages = [
        "/".to_string(),
        "/?q=yield".into(),
        "/speaker/ilya-voronov".into(),
        "/speaker/Oksana%20Hrytsenko".into(),
        "/outlet/Kessel%20Times".into(),
    ];
    for p in &pages {
        let r = get(addr, p);
        assert_eq!(r.status, 200, "{p}");
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert!(!r.body.contains("<script>"), "{p} lets markup through");
        assert!(!r.body.contains("<b>stall"), "{p} lets markup through");
    }
    let r = get(addr, "/?q=yield");
    assert!(r
        .body
        .contains("We will not yield &lt;script&gt;alert(1)&lt;/script&gt;,"));
    let list = get(addr, "/api/statements?speaker=voronov&limit=1").json();
    let (id, doc_id) = (
        list["items"][0]["id"].as_i64().unwrap(),
        list["items"][0]["doc_id"].as_str().unwrap().to_string(),
    );
    for p in [format!("/statement/{id}"), format!("/doc/{doc_id}")] {
        let r = get(addr, &p);
        assert_eq!(r.status, 200, "{p}");
        assert!(!r.body.contains("<script>"), "{p} lets markup through");
        assert!(r.body.contains(
            "<mark class=\"content\">We will not yield &lt;script&gt;alert(1)&lt;/script&gt;,</mark>"
        ), "{p}");
    }
    let r = get(addr, &format!("/statement/{id}"));
    assert!(r.body.contains("<mark class=\"cue\">said</mark>"));
    assert!(r
        .body
        .contains("<mark class=\"aud\">told reporters in Kessel</mark>"));
    // A search text with markup is echoed escaped.
    let r = get(addr, "/?q=%3Cscript%3Ex");
    assert!(!r.body.contains("<script>x") && r.body.contains("&lt;script&gt;x"));
}

#[test]
fn unknown_pages_are_404_pages() {
    let (_d, addr) = server();
    for p in [
        "/nope",
        "/speaker/nobody-at-all",
        "/statement/123456",
        "/statement/x",
        "/doc/zzz",
        "/outlet/Nowhere",
    ] {
        let r = get(addr, p);
        assert_eq!(r.status, 404, "{p}");
        assert!(r.body.contains("<h1>Not found</h1>"), "{p}");
    }
}

#[test]
fn a_request_past_its_deadline_is_503() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_store(dir.path());
    let mut cfg = Config::new(path);
    cfg.timeout = Duration::ZERO;
    let addr = serve_in_background(cfg);
    let r = get(addr, "/api/statements");
    assert_eq!(r.status, 503);
    assert!(r.json()["error"].as_str().unwrap().contains("too long"));
    // Routes that touch no store still answer.
    assert_eq!(get(addr, "/api/openapi.json").status, 200);
}

#[test]
fn a_slow_query_times_out_and_its_connection_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = Config::new(fixture_store(dir.path()));
    cfg.connections = 1;
    cfg.timeout = Duration::from_millis(100);
    let pool = crate::Pool::open(&cfg).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let t = std::time::Instant::now();
        let slow = pool
            .run(|s| {
                std::thread::sleep(Duration::from_millis(400));
                s.stats()
            })
            .await;
        assert!(matches!(slow, Err(crate::ApiError::Timeout)), "{slow:?}");
        assert!(
            t.elapsed() < Duration::from_millis(350),
            "answered at the deadline"
        );
        // The one connection is still busy: the next caller times out waiting for it...
        assert!(matches!(
            pool.run(|s| s.stats()).await,
            Err(crate::ApiError::Timeout)
        ));
        tokio::time::sleep(Duration::from_millis(400)).await;
        // ...and gets it once the slow work ends.
        assert_eq!(pool.run(|s| s.stats()).await.unwrap().docs, 3);
    });
}

#[test]
fn the_pool_survives_many_parallel_requests() {
    let (_d, addr) = server();
    let threads: Vec<_> = (0..16)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/api/statements?speaker=voronov"
                } else {
                    "/speaker/ilya-voronov"
                };
                (0..10).all(|_| get(addr, path).status == 200)
            })
        })
        .collect();
    assert!(threads.into_iter().all(|t| t.join().unwrap()));
}

#[test]
fn cached_answers_follow_writes_to_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_store(dir.path());
    let addr = serve_in_background(Config::new(path.clone()));
    let q = "/api/statements?speaker=voronov&limit=1";
    let first = get(addr, q);
    assert_eq!(first.status, 200);
    assert!(first
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(first.json()["total"], 3);
    // Spelled differently, the same parsed query: the same answer.
    assert_eq!(
        get(addr, "/api/statements?speaker=%20voronov%20&limit=1").body,
        first.body
    );
    // Caps hold on the cached path too.
    for _ in 0..2 {
        assert_eq!(
            get(addr, "/api/statements?limit=999999").json()["limit"],
            500
        );
    }

    // Another process writes: the next answer counts the new document.
    Store::open(&path)
        .unwrap()
        .insert_docs(&[doc("Marn Herald", 4, "c")])
        .unwrap();
    let after = get(addr, q).json();
    assert_eq!(after["total"], 4);
    assert_eq!(after["items"][0]["day"], "2031-03-04");
}

#[test]
fn the_cache_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = Config::new(fixture_store(dir.path()));
    cfg.cache_entries = 0;
    let addr = serve_in_background(cfg);
    let a = get(addr, "/api/statements?q=ceasefire");
    assert_eq!((a.status, a.json()["total"].as_u64()), (200, Some(3)));
    assert_eq!(get(addr, "/api/statements?q=ceasefire").body, a.body);
}

/// The demo corpus three times over (dates moved a day per copy, like the load benchmark's
/// replicas), so ranks tie and listings interleave copies.
fn demo_store(dir: &Path) -> std::path::PathBuf {
    let base = crate::e2e::corpus_docs();
    let mut docs = Vec::new();
    for copy in 0..3u64 {
        for d in &base {
            let mut d = d.clone();
            d.text.push_str(&format!("\n\n[copy {copy}]"));
            d.id = verbatim_core::content_hash(&d.text);
            let shift = |t: &mut Option<chrono::DateTime<Utc>>| {
                if let Some(v) = t {
                    *v = *v + chrono::Days::new(copy);
                }
            };
            shift(&mut d.meta.published);
            for a in &mut d.layers.articles {
                shift(&mut a.published);
            }
            docs.push(d);
        }
    }
    let path = dir.join("demo.db");
    Store::open(&path).unwrap().insert_docs(&docs).unwrap();
    path
}

/// xorshift64*: a fixed sequence, so a failure names a reproducible query.
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        ((self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// Queries drawn from what the demo store holds: speakers in several spellings, outlets in
/// any case, words, phrases, prefixes and ORs from what was said, date ranges, kinds, pages.
fn demo_queries(store: &Store, n: usize) -> Vec<verbatim_store::StatementQuery> {
    use verbatim_store::StatementQuery;
    let mut speakers: Vec<String> = vec!["nobody at all".into(), "a".into()];
    for s in store.speakers(50).unwrap() {
        speakers.push(s.name.clone());
        speakers.push(s.name.to_uppercase());
        speakers.extend(s.name.split_whitespace().last().map(str::to_lowercase));
        speakers.extend(s.actor_id);
    }
    let actor_ids: Vec<String> = store
        .actors(&Default::default())
        .unwrap()
        .items
        .into_iter()
        .map(|a| a.id)
        .chain(["nobody".to_string()])
        .collect();
    let mut outlets: Vec<String> = vec!["Nowhere Gazette".into()];
    for o in store.outlets(50).unwrap() {
        outlets.push(o.outlet.to_lowercase());
        outlets.push(o.outlet);
    }
    let all = store
        .statements(&StatementQuery {
            limit: 500,
            ..Default::default()
        })
        .unwrap();
    let mut texts: Vec<String> = vec!["zzzz".into(), "( * :".into()];
    for r in &all.items {
        let words: Vec<&str> = r
            .content
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .filter(|w| w.len() >= 3)
            .collect();
        for (i, w) in words.iter().enumerate().step_by(3) {
            texts.push(w.to_string());
            texts.push(format!(
                "{}*",
                &w[..w.char_indices().nth(3).map_or(w.len(), |c| c.0)]
            ));
            if let Some(next) = words.get(i + 1) {
                texts.push(format!("\"{w} {next}\""));
                texts.push(format!("{w} {next}"));
                texts.push(format!("{w} OR {next}"));
            }
        }
    }
    texts.sort();
    texts.dedup();
    let days: Vec<String> = store
        .statement_days(&StatementQuery::default())
        .unwrap()
        .into_iter()
        .map(|d| d.day)
        .collect();
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let kinds = [
        StatementKind::Direct,
        StatementKind::Indirect,
        StatementKind::Mixed,
    ];
    let mut draw = Draw(0x9E37_79B9_7F4A_7C15);
    let mut out = vec![StatementQuery::default()];
    while out.len() < n {
        let mut q = StatementQuery::default();
        // Each filter in about one query of three; text in about one of two.
        let some = |draw: &mut Draw| draw.below(3) == 0;
        if some(&mut draw) {
            q.speaker = Some(draw.pick(&speakers).clone());
        }
        if some(&mut draw) && some(&mut draw) {
            q.actor_id = Some(draw.pick(&actor_ids).clone());
        }
        if some(&mut draw) {
            q.outlet = Some(draw.pick(&outlets).clone());
        }
        if some(&mut draw) {
            let a = draw.below(days.len());
            let b = (a + draw.below(10)).min(days.len() - 1);
            (q.since, q.until) = match draw.below(3) {
                0 => (date(&days[a]), None),
                1 => (None, date(&days[b])),
                _ => (date(&days[a]), date(&days[b])),
            };
        }
        if some(&mut draw) {
            q.kind = Some(*draw.pick(&kinds));
        }
        if draw.below(2) == 0 {
            q.q = Some(draw.pick(&texts).clone());
        }
        (q.limit, q.offset) = *draw.pick(&[(50, 0), (50, 50), (20, 100), (1, 3), (500, 0), (0, 0)]);
        out.push(q);
    }
    out
}

#[test]
fn the_statement_index_answers_the_demo_corpus_as_sql_does() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_read_only(&demo_store(dir.path())).unwrap();
    let index = store.statement_index(usize::MAX).unwrap().unwrap();
    assert!(index.len() > 100, "{}", index.len());
    let queries = demo_queries(&store, 3000);
    let (mut answered, mut found) = (0, 0);
    for q in &queries {
        let Some(json) = index.statements_json(q) else {
            continue;
        };
        let page = store.statements(q).unwrap();
        assert_eq!(
            String::from_utf8(json).unwrap(),
            serde_json::to_string(&page).unwrap(),
            "{q:?}"
        );
        answered += 1;
        found += usize::from(page.total > 0);
    }
    // Only non-ASCII words and ORs over several words are left to SQL.
    assert!(
        answered > queries.len() * 9 / 10,
        "{answered} of {}",
        queries.len()
    );
    assert!(found > answered / 2, "{found} of {answered} find something");
}

#[test]
fn answers_with_and_without_the_index_are_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let mut with = Config::new(path.clone());
    with.cache_entries = 0;
    let mut without = with.clone();
    without.index_max_statements = 0;
    let (a, b) = (serve_in_background(with), serve_in_background(without));
    let paths = [
        "/api/statements",
        "/api/statements?speaker=VORONOV&limit=3&offset=2",
        "/api/statements?outlet=baltic%20wire&kind=direct",
        "/api/statements?q=talks&speaker=woronow",
        "/api/statements?q=%22third%20round%22",
        "/api/statements?q=tal*&limit=500",
        "/api/statements?since=2027-02-20&until=2027-02-22",
        "/api/statements?q=v%C3%B3ronov",
        "/api/statements?q=talks%20round%20OR%20ceasefire",
        "/api/statements?limit=999999&offset=7",
    ];
    for p in paths {
        let (x, y) = (get(a, p), get(b, p));
        assert_eq!((x.status, y.status), (200, 200), "{p}");
        assert_eq!(x.body, y.body, "{p}");
    }
}

#[test]
fn the_index_is_rebuilt_after_a_write_and_never_serves_an_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_store(dir.path());
    let watch = std::sync::Arc::new(crate::Watch(std::sync::Mutex::new(
        Store::open_read_only(&path).unwrap(),
    )));
    let live =
        crate::live::LiveIndex::open(Store::open_read_only(&path).unwrap(), watch.clone(), 100);
    let v1 = watch.version().unwrap();
    assert_eq!(live.at(v1).unwrap().len(), 6);

    Store::open(&path)
        .unwrap()
        .insert_docs(&[doc("Marn Herald", 4, "c")])
        .unwrap();
    let v2 = watch.version().unwrap();
    assert_ne!(v1, v2);
    // Not at the new version yet: the caller goes to SQL while it is rebuilt.
    assert!(live.at(v2).is_none());
    live.settle();
    assert_eq!(live.at(v2).unwrap().len(), 8);
    // A request that read the version before the rebuild gets nothing, and the index for
    // the current version stays.
    assert!(live.at(v1).is_none());
    live.settle();
    assert_eq!(live.at(v2).unwrap().len(), 8);

    // Over the size bound: no index, and SQL answers.
    let small =
        crate::live::LiveIndex::open(Store::open_read_only(&path).unwrap(), watch.clone(), 7);
    assert!(small.at(v2).is_none());
    let mut cfg = Config::new(path);
    cfg.index_max_statements = 7;
    let addr = serve_in_background(cfg);
    assert_eq!(get(addr, "/api/statements").json()["total"], 8);
}

#[test]
fn uncached_answers_follow_writes_to_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_store(dir.path());
    let mut cfg = Config::new(path.clone());
    cfg.cache_entries = 0;
    let addr = serve_in_background(cfg);
    let (listing, search) = (
        "/api/statements?speaker=voronov&limit=1",
        "/api/statements?speaker=voronov&q=yield&limit=1",
    );
    assert_eq!(get(addr, listing).json()["total"], 3);
    assert_eq!(get(addr, search).json()["total"], 3);
    Store::open(&path)
        .unwrap()
        .insert_docs(&[doc("Marn Herald", 4, "c")])
        .unwrap();
    // Every answer from now on counts the new document, from SQL or the rebuilt index.
    for _ in 0..50 {
        let v = get(addr, listing).json();
        assert_eq!(v["total"], 4);
        assert_eq!(v["items"][0]["day"], "2031-03-04");
        assert_eq!(get(addr, search).json()["total"], 4);
        std::thread::sleep(Duration::from_millis(2));
    }
}
