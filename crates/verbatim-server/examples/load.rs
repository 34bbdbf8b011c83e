//! Load benchmark (not a test): the demo corpus replicated N times into a store, served on
//! loopback, then a bounded burst of concurrent statement queries; prints latency
//! percentiles.
//!
//! cargo run --release -p verbatim-server --example load -- --replicate 100
//!   [--requests 1000] [--concurrency 1000] [--connections N] [--keep PATH]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Days;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use verbatim::{Depth, Pipeline};
use verbatim_core::{content_hash, Doc};
use verbatim_store::{StatementQuery, Store};

struct Opts {
    replicate: usize,
    requests: usize,
    concurrency: usize,
    connections: Option<usize>,
    keep: Option<PathBuf>,
}

fn opts() -> Opts {
    let mut o = Opts {
        replicate: 100,
        requests: 1000,
        concurrency: 1000,
        connections: None,
        keep: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--replicate" => o.replicate = val().parse().expect("--replicate N"),
            "--requests" => o.requests = val().parse().expect("--requests N"),
            "--concurrency" => o.concurrency = val().parse().expect("--concurrency N"),
            "--connections" => o.connections = Some(val().parse().expect("--connections N")),
            "--keep" => o.keep = Some(PathBuf::from(val())),
            other => panic!("unknown argument {other}"),
        }
    }
    o.concurrency = o.concurrency.clamp(1, o.requests.max(1));
    o
}

/// Copy `copy` of a document: a marker line appended (so the content hash differs; every
/// span still points at the same text) and dates moved by `copy` days, so the timeline
/// spreads like a long crawl would.
fn replica(doc: &Doc, copy: usize) -> Doc {
    let mut d = doc.clone();
    d.text.push_str(&format!("\n\n[replica {copy}]"));
    d.id = content_hash(&d.text);
    d.meta.source = format!("{}#replica-{copy}", d.meta.source);
    let shift = |t: &mut Option<chrono::DateTime<chrono::Utc>>| {
        if let Some(v) = t {
            *v = *v + Days::new((copy % 120) as u64);
        }
    };
    shift(&mut d.meta.published);
    for a in &mut d.layers.articles {
        shift(&mut a.published);
    }
    d
}

fn build_store(path: &Path, replicate: usize) -> Store {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let pipeline = Pipeline::new(verbatim::actors::Kb::builtin());
    let sources = verbatim::ingest::read(&[corpus], &verbatim::ingest::Options::default())
        .filter_map(Result::ok)
        .collect();
    let base: Vec<Doc> = pipeline
        .run_batch(sources, Depth::Statements)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let mut store = Store::open(path).expect("open store");
    let t = Instant::now();
    let mut new = 0;
    for copy in 0..replicate {
        let batch: Vec<Doc> = base.iter().map(|d| replica(d, copy)).collect();
        new += store.insert_docs(&batch).expect("insert").new;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "store: {} base docs x {replicate} = {new} new docs inserted in {secs:.2}s ({:.0} docs/s)",
        base.len(),
        new as f64 / secs
    );
    store
}

/// One GET over a fresh connection; the status code.
async fn get(addr: std::net::SocketAddr, path: &str) -> std::io::Result<u16> {
    let mut s = TcpStream::connect(addr).await?;
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await?;
    let mut buf = Vec::with_capacity(64 << 10);
    s.read_to_end(&mut buf).await?;
    let status = std::str::from_utf8(buf.get(9..12).unwrap_or_default())
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Ok(status)
}

/// The query classes of the mix, in the order the paths cycle through them.
const KINDS: [&str; 5] = [
    "speaker",
    "outlet",
    "full text (q)",
    "speaker+since+until+kind",
    "no filter, deep offset",
];

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let o = opts();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = o.keep.clone().unwrap_or_else(|| dir.path().join("load.db"));
    let store = build_store(&path, o.replicate);
    let stats = store.stats().expect("stats");
    println!(
        "store: {} docs, {} statements, {} actors, {:.1} MB file",
        stats.docs,
        stats.statements,
        stats.actors,
        stats.file_bytes as f64 / 1e6
    );

    // A query mix drawn from what the store holds: speakers, outlets, words, date ranges.
    let speakers: Vec<String> = store
        .speakers(20)
        .expect("speakers")
        .into_iter()
        .map(|s| s.name)
        .collect();
    let outlets: Vec<String> = store
        .outlets(20)
        .expect("outlets")
        .into_iter()
        .map(|o| o.outlet)
        .collect();
    let words: Vec<String> = speakers
        .iter()
        .filter_map(|n| n.split_whitespace().last().map(str::to_string))
        .collect();
    assert!(
        !speakers.is_empty() && !outlets.is_empty(),
        "the corpus gave no speakers or outlets"
    );
    let enc = |s: &str| {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    let paths: Vec<String> = (0..o.requests)
        .map(|i| match i % KINDS.len() {
            0 => format!(
                "/api/statements?speaker={}",
                enc(&speakers[i % speakers.len()])
            ),
            1 => format!(
                "/api/statements?outlet={}",
                enc(&outlets[i % outlets.len()])
            ),
            2 => format!("/api/statements?q={}", enc(&words[i % words.len()])),
            3 => format!(
                "/api/statements?speaker={}&since=2027-02-01&until=2027-03-31&kind=direct",
                enc(&speakers[i % speakers.len()])
            ),
            _ => format!("/api/statements?offset={}&limit=50", (i * 37) % 2000),
        })
        .collect();
    // The same mix answers through the library too: no path is an empty result by accident.
    let sample = store
        .statements(&StatementQuery {
            speaker: Some(speakers[0].clone()),
            ..StatementQuery::default()
        })
        .expect("query");
    println!(
        "mix: e.g. speaker {:?} has {} statements",
        speakers[0], sample.total
    );
    drop(store);

    let mut cfg = verbatim_server::Config::new(path.clone());
    if let Some(n) = o.connections {
        cfg.connections = n;
    }
    let pool = cfg.connections;
    let router = verbatim_server::router(&cfg).expect("router");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(verbatim_server::serve(listener, router));

    // A short warm-up (not counted) so first-touch page-cache misses do not count.
    for p in paths.iter().take(20) {
        get(addr, p).await.expect("warm-up request");
    }

    let gate = Arc::new(Semaphore::new(o.concurrency));
    let t = Instant::now();
    let tasks: Vec<_> = paths
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let gate = gate.clone();
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await.expect("semaphore");
                let start = Instant::now();
                let status = get(addr, &p).await;
                (i % KINDS.len(), start.elapsed(), status)
            })
        })
        .collect();
    let mut lat = Vec::with_capacity(tasks.len());
    let mut by_kind: Vec<Vec<Duration>> = vec![Vec::new(); KINDS.len()];
    let mut failed = 0;
    for task in tasks {
        let (kind, d, status) = task.await.expect("task");
        match status {
            Ok(200) => {
                lat.push(d);
                by_kind[kind].push(d);
            }
            _ => failed += 1,
        }
    }
    let wall = t.elapsed();
    server.abort();
    lat.sort();
    if lat.is_empty() {
        println!("all {failed} requests failed");
        std::process::exit(1);
    }
    let p99 = pct(&lat, 0.99);
    println!(
        "requests: {} ok, {failed} failed; concurrency {}; pool {pool} read-only connections; {} cores",
        lat.len(),
        o.concurrency,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "latency ms: p50 {:.2}  p95 {:.2}  p99 {:.2}  max {:.2}; {:.0} req/s over {:.2}s",
        pct(&lat, 0.50),
        pct(&lat, 0.95),
        p99,
        lat[lat.len() - 1].as_secs_f64() * 1000.0,
        lat.len() as f64 / wall.as_secs_f64(),
        wall.as_secs_f64()
    );
    for (name, mut l) in KINDS.iter().zip(by_kind) {
        if l.is_empty() {
            continue;
        }
        l.sort();
        println!(
            "  {name:<28} n {:>4}  p50 {:>8.2}  p99 {:>8.2}",
            l.len(),
            pct(&l, 0.50),
            pct(&l, 0.99)
        );
    }
    println!(
        "bar p99 < 50 ms: {}",
        if p99 < 50.0 { "met" } else { "NOT met" }
    );
}
