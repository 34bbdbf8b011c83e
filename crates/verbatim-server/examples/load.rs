//! Load benchmark (not a test): the demo corpus replicated N times into a store, served on
//! loopback, then bursts of concurrent statement queries from keep-alive HTTP/1.1 clients;
//! prints latency percentiles per run and the median run.
//!
//! Three modes, each run on a fresh server:
//! - cold: every query distinct and the response cache off, so each one runs its SQL;
//! - mixed: queries repeat as an analysts' would (a skewed draw from a pool of distinct
//!   ones), with the response cache on and empty at the start;
//! - warm: the mixed burst again after one uncounted pass of it, so the cache holds it.
//!
//! cargo run --release -p verbatim-server --example load -- --replicate 100
//!   [--requests 1000] [--concurrency 1000] [--runs 3] [--mode cold|mixed|warm|all]
//!   [--connections N] [--keep PATH]
//!
//! LOAD_DEBUG=1 prints each failed request and each taking over 2 ms.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Days;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::Barrier;
use verbatim::{Depth, Pipeline};
use verbatim_core::{content_hash, Doc};
use verbatim_store::{StatementQuery, Store};

struct Opts {
    replicate: usize,
    requests: usize,
    concurrency: usize,
    runs: usize,
    modes: Vec<Mode>,
    connections: Option<usize>,
    keep: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Cold,
    Mixed,
    /// Mixed, after one uncounted pass of the same requests: the cache as a server that
    /// has been answering this audience for a while has it.
    Warm,
}

fn opts() -> Opts {
    let mut o = Opts {
        replicate: 100,
        requests: 1000,
        concurrency: 1000,
        runs: 3,
        modes: vec![Mode::Cold, Mode::Mixed, Mode::Warm],
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
            "--runs" => o.runs = val().parse::<usize>().expect("--runs N").max(1),
            "--mode" => {
                o.modes = match val().as_str() {
                    "cold" => vec![Mode::Cold],
                    "mixed" => vec![Mode::Mixed],
                    "warm" => vec![Mode::Warm],
                    "all" => vec![Mode::Cold, Mode::Mixed, Mode::Warm],
                    m => panic!("--mode cold|mixed|warm|all, not {m}"),
                }
            }
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

/// A keep-alive HTTP/1.1 client on one connection.
struct Client {
    r: BufReader<TcpStream>,
    addr: SocketAddr,
    buf: Vec<u8>,
}

impl Client {
    async fn connect(addr: SocketAddr) -> std::io::Result<Client> {
        let s = TcpStream::connect(addr).await?;
        s.set_nodelay(true)?;
        Ok(Client {
            // Small buffers: a thousand clients' worth of large ones would cost more page
            // faults than the server's work being measured.
            r: BufReader::with_capacity(16 << 10, s),
            addr,
            buf: vec![0; 16 << 10],
        })
    }

    /// GET `path`, reading the whole answer; its status. The server answers with a
    /// Content-Length, which is all this reader understands.
    async fn get(&mut self, path: &str) -> std::io::Result<u16> {
        let req = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        self.r.get_mut().write_all(req.as_bytes()).await?;
        let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
        let (mut status, mut len) = (None, None);
        loop {
            let mut line = String::new();
            if tokio::io::AsyncBufReadExt::read_line(&mut self.r, &mut line).await? == 0 {
                return Err(bad("connection closed mid-answer"));
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if status.is_none() {
                status = line.get(9..12).and_then(|c| c.parse::<u16>().ok());
            } else if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse::<usize>().ok();
                }
            }
        }
        let mut left = len.ok_or_else(|| bad("no content-length"))?;
        let mut first = None;
        while left > 0 {
            let n = left.min(self.buf.len());
            self.r.read_exact(&mut self.buf[..n]).await?;
            first = first.or(Some(self.buf[0]));
            left -= n;
        }
        let status = status.ok_or_else(|| bad("no status line"))?;
        if status == 200 && first != Some(b'{') {
            return Err(bad("a 200 that is not a JSON object"));
        }
        Ok(status)
    }
}

/// The query classes of the mix.
const KINDS: [&str; 7] = [
    "speaker (spellings, ids)",
    "speaker+since+until+kind",
    "outlet (+kind)",
    "full text (q)",
    "q+speaker or q+outlet",
    "date range, no other filter",
    "no filter, paging",
];

/// What the store holds, for drawing queries that find something.
struct Material {
    /// Ways to name each speaker: as listed, upper case, surname only, the actor id.
    speakers: Vec<Vec<String>>,
    outlets: Vec<String>,
    words: Vec<String>,
    days: Vec<String>,
}

fn material(store: &Store) -> Material {
    let speakers: Vec<Vec<String>> = store
        .speakers(20)
        .expect("speakers")
        .into_iter()
        .map(|s| {
            let mut names = vec![s.name.clone(), s.name.to_uppercase()];
            if let Some(last) = s.name.split_whitespace().last() {
                names.push(last.to_lowercase());
            }
            names.extend(s.actor_id);
            names.dedup();
            names
        })
        .collect();
    let outlets: Vec<String> = store
        .outlets(20)
        .expect("outlets")
        .into_iter()
        .flat_map(|o| [o.outlet.clone(), o.outlet.to_lowercase()])
        .collect();
    // Words from what was said, plus surnames (which match the speaker column).
    let mut words: Vec<String> = Vec::new();
    let sample = store
        .statements(&StatementQuery {
            limit: 200,
            ..StatementQuery::default()
        })
        .expect("statements");
    for r in &sample.items {
        for w in r.content.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().count() >= 7 && !words.iter().any(|x| x.eq_ignore_ascii_case(w)) {
                words.push(w.to_lowercase());
            }
        }
    }
    words.truncate(40);
    words.extend(
        speakers
            .iter()
            .filter_map(|n| n.first()?.split_whitespace().last().map(str::to_string)),
    );
    let days: Vec<String> = store
        .statement_days(&StatementQuery::default())
        .expect("days")
        .into_iter()
        .map(|d| d.day)
        .collect();
    assert!(
        !speakers.is_empty() && !outlets.is_empty() && !words.is_empty() && !days.is_empty(),
        "the corpus gave no speakers, outlets, words or days"
    );
    Material {
        speakers,
        outlets,
        words,
        days,
    }
}

/// xorshift64*: a fixed sequence, so every run and mode asks the same kind of questions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

fn enc(s: impl AsRef<str>) -> String {
    s.as_ref()
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// One query of class `kind`: (kind, path). Mostly first pages, sometimes deeper, as
/// someone reading results would.
fn query(m: &Material, rng: &mut Rng, kind: usize) -> (usize, String) {
    let page = match rng.below(10) {
        0..=5 => String::new(),
        6..=8 => format!("&offset={}", 50 * (1 + rng.below(6))),
        _ => format!(
            "&limit={}&offset={}",
            [20, 100][rng.below(2)],
            100 * rng.below(20)
        ),
    };
    let speaker = |rng: &mut Rng| {
        let names = rng.pick(&m.speakers);
        enc(rng.pick(names))
    };
    let range = |rng: &mut Rng| {
        let a = rng.below(m.days.len());
        let b = (a + 1 + rng.below(30)).min(m.days.len() - 1);
        format!("since={}&until={}", m.days[a], m.days[b])
    };
    let kinds = ["direct", "indirect", "mixed"];
    let q = match kind {
        0 => format!("speaker={}", speaker(rng)),
        1 => format!(
            "speaker={}&{}&kind={}",
            speaker(rng),
            range(rng),
            rng.pick(&kinds)
        ),
        2 => match rng.below(2) {
            0 => format!("outlet={}", enc(rng.pick(&m.outlets))),
            _ => format!(
                "outlet={}&kind={}",
                enc(rng.pick(&m.outlets)),
                rng.pick(&kinds)
            ),
        },
        3 => match rng.below(4) {
            0 => format!(
                "q={}%20{}",
                enc(rng.pick(&m.words)),
                enc(rng.pick(&m.words))
            ),
            1 => format!(
                "q={}*",
                enc(rng.pick(&m.words).chars().take(4).collect::<String>())
            ),
            _ => format!("q={}", enc(rng.pick(&m.words))),
        },
        4 => match rng.below(2) {
            0 => format!("q={}&speaker={}", enc(rng.pick(&m.words)), speaker(rng)),
            _ => format!(
                "q={}&outlet={}",
                enc(rng.pick(&m.words)),
                enc(rng.pick(&m.outlets))
            ),
        },
        5 => range(rng),
        _ => String::new(),
    };
    let path = format!("/api/statements?{q}{page}").replace("?&", "?");
    (kind, path.trim_end_matches('?').to_string())
}

/// The requests of one burst. Cold: all distinct. Mixed: a skewed draw (rank r chosen
/// with weight 1/(r+1)) from a pool of distinct queries, so popular pages repeat.
fn requests(m: &Material, mode: Mode, n: usize) -> Vec<(usize, String)> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut seen = HashSet::new();
    let mut distinct = Vec::new();
    let want = match mode {
        Mode::Cold => n,
        Mode::Mixed | Mode::Warm => (n / 5).max(1),
    };
    let mut tries = 0;
    while distinct.len() < want && tries < want * 100 {
        tries += 1;
        let q = query(m, &mut rng, tries % KINDS.len());
        if seen.insert(q.1.clone()) {
            distinct.push(q);
        }
    }
    match mode {
        Mode::Cold => distinct,
        Mode::Mixed | Mode::Warm => {
            let weights: Vec<f64> = (0..distinct.len()).map(|r| 1.0 / (r + 1) as f64).collect();
            let sum: f64 = weights.iter().sum();
            (0..n)
                .map(|_| {
                    let mut x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * sum;
                    let i = weights
                        .iter()
                        .position(|w| {
                            x -= w;
                            x <= 0.0
                        })
                        .unwrap_or(distinct.len() - 1);
                    distinct[i].clone()
                })
                .collect()
        }
    }
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

struct Run {
    lat: Vec<Duration>,
    by_kind: Vec<Vec<Duration>>,
    failed: usize,
    wall: Duration,
}

impl Run {
    fn p99(&self) -> f64 {
        if self.lat.is_empty() {
            f64::INFINITY
        } else {
            pct(&self.lat, 0.99)
        }
    }

    fn line(&self) -> String {
        if self.lat.is_empty() {
            return format!("all {} requests failed", self.failed);
        }
        format!(
            "p50 {:.2}  p95 {:.2}  p99 {:.2}  max {:.2} ms; {} ok, {} failed; {:.0} req/s",
            pct(&self.lat, 0.50),
            pct(&self.lat, 0.95),
            self.p99(),
            self.lat[self.lat.len() - 1].as_secs_f64() * 1000.0,
            self.lat.len(),
            self.failed,
            self.lat.len() as f64 / self.wall.as_secs_f64()
        )
    }
}

/// One burst on a fresh server: `clients` keep-alive connections opened first (as a
/// browser or API client keeps them), then all send at once; each sends its share of the
/// requests one after another.
async fn burst(
    cfg: &verbatim_server::Config,
    reqs: &[(usize, String)],
    clients: usize,
    prewarm: bool,
) -> Run {
    let router = verbatim_server::router(cfg).expect("router");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(verbatim_server::serve(listener, router));

    let mut conns = Vec::with_capacity(clients);
    for _ in 0..clients {
        conns.push(Client::connect(addr).await.expect("connect"));
    }
    // Warm-up (not counted) on queries outside the burst, so page-cache misses do not count.
    for (i, c) in conns.iter_mut().take(20).enumerate() {
        let p = format!("/api/statements?limit=1&offset={}", 10_000 + i);
        c.get(&p).await.expect("warm-up request");
    }
    if prewarm {
        let n = conns.len();
        for (i, r) in reqs.iter().enumerate() {
            conns[i % n].get(&r.1).await.expect("pre-warm request");
        }
    }

    let mut shares: Vec<Vec<(usize, String)>> = vec![Vec::new(); clients];
    for (i, r) in reqs.iter().enumerate() {
        shares[i % clients].push(r.clone());
    }
    let gate = Arc::new(Barrier::new(clients + 1));
    let tasks: Vec<_> = conns
        .into_iter()
        .zip(shares)
        .map(|(mut c, share)| {
            let gate = gate.clone();
            tokio::spawn(async move {
                gate.wait().await;
                let mut out = Vec::with_capacity(share.len());
                for (kind, path) in share {
                    let start = Instant::now();
                    let status = c.get(&path).await;
                    if !matches!(status, Ok(200)) && std::env::var_os("LOAD_DEBUG").is_some() {
                        eprintln!("{path}: {status:?}");
                    }
                    if std::env::var_os("LOAD_DEBUG").is_some()
                        && start.elapsed() > Duration::from_millis(2)
                    {
                        eprintln!("slow {:?} {path}", start.elapsed());
                    }
                    out.push((kind, start.elapsed(), status));
                    if out.last().is_some_and(|o| o.2.is_err()) {
                        break; // the connection is in an unknown state
                    }
                }
                // A keep-alive client keeps its connection after its last answer: closing
                // it here would load the server with teardowns in the middle of the burst.
                (out, c)
            })
        })
        .collect();
    gate.wait().await;
    let t = Instant::now();
    let mut run = Run {
        lat: Vec::with_capacity(reqs.len()),
        by_kind: vec![Vec::new(); KINDS.len()],
        failed: 0,
        wall: Duration::ZERO,
    };
    let mut open = Vec::with_capacity(clients);
    for task in tasks {
        let (out, conn) = task.await.expect("client task");
        open.push(conn);
        for (kind, d, status) in out {
            match status {
                Ok(200) => {
                    run.lat.push(d);
                    run.by_kind[kind].push(d);
                }
                _ => run.failed += 1,
            }
        }
    }
    run.failed += reqs.len() - run.lat.len() - run.failed;
    run.wall = t.elapsed();
    drop(open);
    server.abort();
    run.lat.sort();
    for l in &mut run.by_kind {
        l.sort();
    }
    run
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
    let t = Instant::now();
    if let Some(ix) = store.statement_index(usize::MAX).expect("statement index") {
        println!(
            "statement index: {} statements, {:.1} MB ({:.0} bytes per statement), built in {:.0} ms",
            ix.len(),
            ix.heap_bytes() as f64 / 1e6,
            ix.heap_bytes() as f64 / ix.len().max(1) as f64,
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    let m = material(&store);
    drop(store);

    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut failed = false;
    for mode in o.modes.iter().copied() {
        let reqs = requests(&m, mode, o.requests);
        let distinct = reqs.iter().map(|r| &r.1).collect::<HashSet<_>>().len();
        let mut cfg = verbatim_server::Config::new(path.clone());
        if let Some(n) = o.connections {
            cfg.connections = n;
        }
        let name = match mode {
            Mode::Cold => {
                cfg.cache_entries = 0;
                "cold (all distinct, response cache off)"
            }
            Mode::Mixed => "mixed (repeats, response cache on, empty at start)",
            Mode::Warm => "warm (the mixed burst, response cache already holding it)",
        };
        println!(
            "\n{name}: {} requests, {distinct} distinct; {} keep-alive clients; pool {}; {cores} cores",
            reqs.len(),
            o.concurrency,
            cfg.connections
        );
        let mut runs = Vec::new();
        for i in 0..o.runs {
            let run = burst(&cfg, &reqs, o.concurrency, mode == Mode::Warm).await;
            println!("  run {}: {}", i + 1, run.line());
            runs.push(run);
        }
        runs.sort_by(|a, b| a.p99().total_cmp(&b.p99()));
        let median = &runs[runs.len() / 2];
        println!("  median run: {}", median.line());
        for (name, l) in KINDS.iter().zip(&median.by_kind) {
            if !l.is_empty() {
                println!(
                    "    {name:<28} n {:>4}  p50 {:>8.2}  p99 {:>8.2}",
                    l.len(),
                    pct(l, 0.50),
                    pct(l, 0.99)
                );
            }
        }
        let met = median.p99() < 50.0 && median.failed == 0;
        failed |= median.failed > 0;
        println!(
            "  bar p99 < 50 ms, no failures: {}",
            if met { "met" } else { "NOT met" }
        );
    }
    if failed {
        std::process::exit(1);
    }
}
