//! End to end: the demo corpus through the library pipeline into a store, served, and the
//! pages rendered by a real headless Chromium. What the browser shows is checked against
//! what the store says, so the test holds whatever the extraction stages find.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;

use verbatim::{Depth, Pipeline};
use verbatim_store::{StatementQuery, Store};

use crate::tests::serve_in_background;
use crate::Config;

const CHROMIUM: &str = "/usr/bin/chromium";

fn corpus_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    dir.canonicalize().unwrap_or(dir)
}

/// The demo corpus ingested with the library pipeline, as `verbatim ingest` does.
pub(crate) fn corpus_docs() -> Vec<verbatim_core::Doc> {
    let pipeline = Pipeline::new(verbatim::actors::Kb::builtin());
    let sources = verbatim::ingest::read(&[corpus_dir()], &verbatim::ingest::Options::default())
        .filter_map(Result::ok)
        .collect();
    pipeline
        .run_batch(sources, Depth::Statements)
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}

struct Browser {
    profile: tempfile::TempDir,
}

impl Browser {
    fn args(&self) -> Vec<String> {
        [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([format!("--user-data-dir={}", self.profile.path().display())])
        .collect()
    }

    /// The DOM after the page loaded, as the browser serialises it.
    fn dom(&self, addr: SocketAddr, path: &str) -> String {
        let out = Command::new(CHROMIUM)
            .args(self.args())
            .arg("--dump-dom")
            .arg(format!("http://{addr}{path}"))
            .output()
            .expect("run chromium");
        assert!(
            out.status.success(),
            "chromium failed on {path}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 DOM")
    }

    fn screenshot(&self, addr: SocketAddr, path: &str, png: &Path) {
        let out = Command::new(CHROMIUM)
            .args(self.args())
            .arg("--window-size=1200,1500")
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("http://{addr}{path}"))
            .output()
            .expect("run chromium");
        assert!(
            out.status.success(),
            "screenshot of {path}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(png).expect("screenshot written");
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
            "{path}: not a real screenshot"
        );
    }
}

/// The text between `start` and the next `end` after it.
fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    Some(&s[i..i + s[i..].find(end)?])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn ui_in_headless_chromium() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!(
            "SKIPPED ui_in_headless_chromium: {CHROMIUM} not found; run scripts/install-test-deps.sh"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.db");
    let docs = corpus_docs();
    assert!(
        docs.len() >= 10,
        "the demo corpus should give at least 10 documents, got {}",
        docs.len()
    );
    let mut store = Store::open(&path).unwrap();
    store.insert_docs(&docs).unwrap();
    let stats = store.stats().unwrap();
    let top = store.speakers(1).unwrap();
    let top = top
        .first()
        .expect("the corpus has attributed statements")
        .clone();
    drop(store);

    let shots = std::env::var_os("VERBATIM_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().to_path_buf());
    std::fs::create_dir_all(&shots).unwrap();
    let addr = serve_in_background(Config::new(path.clone()));
    let browser = Browser {
        profile: tempfile::tempdir().unwrap(),
    };
    let store = Store::open_read_only(&path).unwrap();

    // Home: the counts and the most quoted speaker, linked.
    let home = browser.dom(addr, "/");
    assert!(home.contains("Who said what"));
    assert!(
        home.contains(&format!("{} statements", stats.statements)),
        "stats line"
    );
    let speakers = between(&home, "id=\"speakers\"", "</table>").expect("speakers table");
    let href = between(speakers, "href=\"", "\"")
        .expect("a speaker link")
        .to_string();
    assert!(href.starts_with("/speaker/"), "{href}");
    assert!(
        unescape(speakers).contains(&top.name),
        "top speaker {} listed",
        top.name
    );
    browser.screenshot(addr, "/", &shots.join("home.png"));

    // Search: by the top speaker's surname, as the search box would submit it.
    let surname = top.name.split_whitespace().last().unwrap().to_string();
    let search_path = format!("/?q={}", crate::html::enc(&surname));
    let results = browser.dom(addr, &search_path);
    let expected = store.search(&surname, 30).unwrap();
    assert!(!expected.statements.is_empty() || !expected.articles.is_empty());
    assert!(results.contains(&format!("Statements ({})", expected.statements.len())));
    assert!(results.contains(&format!("Articles ({})", expected.articles.len())));
    assert_eq!(
        results.matches("class=\"statement\"").count(),
        expected.statements.len()
    );
    assert!(
        results.contains("<mark>"),
        "article snippets highlight the hit"
    );
    browser.screenshot(addr, &search_path, &shots.join("search.png"));

    // Speaker page: heading, a bar per day with statements, the outlets, the list.
    let page = browser.dom(addr, &href);
    let q = StatementQuery {
        speaker: Some(top.name.clone()),
        ..StatementQuery::default()
    };
    let days = store.statement_days(&q).unwrap();
    let outlets = store.statement_outlets(&q).unwrap();
    let list = store.statements(&q).unwrap();
    assert_eq!(
        unescape(between(&page, "<h1 id=\"speaker\">", "</h1>").unwrap()),
        top.name
    );
    assert_eq!(page.matches("<rect class=\"bar\"").count(), days.len());
    for d in &days {
        assert!(page.contains(&format!(
            "data-day=\"{}\" data-count=\"{}\"",
            d.day, d.count
        )));
    }
    let carried = unescape(between(&page, "id=\"carried\"", "</table>").unwrap());
    for o in outlets.iter().filter_map(|o| o.outlet.as_ref()) {
        assert!(carried.contains(o.as_str()), "outlet {o} shown");
    }
    assert_eq!(carried.matches("<tr>").count(), outlets.len() + 1);
    assert_eq!(
        page.matches("class=\"statement\"").count(),
        list.items.len()
    );
    browser.screenshot(addr, &href, &shots.join("speaker.png"));

    // Statement page: the content marked inside its source text.
    let first = &list.items[0];
    let st_path = format!("/statement/{}", first.id);
    let st = browser.dom(addr, &st_path);
    let source = between(&st, "id=\"source-text\">", "</div>").expect("source text");
    assert!(source.contains("<mark class=\"content\">"));
    let marked = unescape(between(source, "<mark class=\"content\">", "</mark>").unwrap());
    assert!(
        first.content.starts_with(marked.trim()),
        "{marked:?} vs {:?}",
        first.content
    );
    browser.screenshot(addr, &st_path, &shots.join("statement.png"));

    // Outlet and document pages render what the store holds.
    if let Some(outlet) = &first.outlet {
        let op = format!("/outlet/{}", crate::html::enc(outlet));
        let page = browser.dom(addr, &op);
        assert_eq!(
            unescape(between(&page, "<h1 id=\"outlet\">", "</h1>").unwrap()),
            *outlet
        );
        browser.screenshot(addr, &op, &shots.join("outlet.png"));
    }
    let dp = format!("/doc/{}", first.doc_id);
    let page = browser.dom(addr, &dp);
    let n = store.doc_statements(&first.doc_id).unwrap().len();
    assert!(page.contains(&format!("Statements ({n})")));
    browser.screenshot(addr, &dp, &shots.join("doc.png"));
}
