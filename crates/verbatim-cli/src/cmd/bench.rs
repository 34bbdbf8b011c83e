//! `verbatim bench`: throughput of ingest (into a temporary store) and of the stages.
//!
//! Figures are per run and summarised as best and median over `--repeat` runs. Bytes are
//! source bytes after decompression: what the stages actually read.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::json;
use verbatim::actors::Kb;
use verbatim::core::{Doc, Source};
use verbatim::ingest;
use verbatim::{Depth, Pipeline, StageTimes};
use verbatim_store::{Indexing, Store};

use super::{one_line, parse_bytes, DepthArg, Global};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(clap::Subcommand, Debug)]
pub enum What {
    /// Read, detect, decompress, hash and store (text only, no analysis) into a temporary
    /// store, then build its full-text index.
    Ingest(IngestArgs),
    /// Run the stages on one thread over sources already in memory; no store.
    Pipeline(PipelineArgs),
}

#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Runs; best and median are reported.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    #[arg(long, value_parser = parse_bytes, default_value = "32M")]
    pub max_doc_bytes: u64,
    /// Documents per store transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Index full text inside each batch's transaction, as `verbatim ingest` does, and time
    /// the two together. By default the index is built in one pass after the ingest and
    /// timed apart.
    #[arg(long)]
    pub index_now: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct PipelineArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "statements")]
    pub depth: DepthArg,
    /// Runs; best and median are reported.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, _global: &Global) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Ingest(a) => bench_ingest(a),
        What::Pipeline(a) => bench_pipeline(a),
    }
}

/// One measured run.
struct Sample {
    secs: f64,
    bytes: u64,
    docs: u64,
}

impl Sample {
    fn mb_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.secs.max(1e-9)
    }
    fn docs_s(&self) -> f64 {
        self.docs as f64 / self.secs.max(1e-9)
    }
}

fn summary(what: &str, samples: &mut [Sample], json: bool, extra: serde_json::Value) {
    samples.sort_by(|a, b| a.secs.total_cmp(&b.secs));
    let best = &samples[0];
    let median = &samples[samples.len() / 2];
    if json {
        let mut v = json!({
            "bench": what,
            "runs": samples.len(),
            "bytes": best.bytes,
            "docs": best.docs,
            "best": {"secs": best.secs, "mb_s": best.mb_s(), "docs_s": best.docs_s()},
            "median": {"secs": median.secs, "mb_s": median.mb_s(), "docs_s": median.docs_s()},
        });
        if let (Some(v), serde_json::Value::Object(e)) = (v.as_object_mut(), extra) {
            v.extend(e);
        }
        println!("{v}");
    } else {
        println!(
            "{what}: {} docs, {} bytes ({:.2} MB); best of {}: {:.3} s, {:.1} MB/s, {:.0} docs/s; median {:.1} MB/s, {:.0} docs/s",
            best.docs,
            best.bytes,
            best.bytes as f64 / 1e6,
            samples.len(),
            best.secs,
            best.mb_s(),
            best.docs_s(),
            median.mb_s(),
            median.docs_s()
        );
    }
}

fn bench_ingest(a: IngestArgs) -> anyhow::Result<ExitCode> {
    let opts = ingest::Options {
        max_doc_bytes: a.max_doc_bytes,
    };
    let indexing = if a.index_now {
        Indexing::Now
    } else {
        Indexing::Deferred
    };
    // Per run: ingest alone, then the full-text index pass, then both.
    let (mut ingest_s, mut index_s, mut both_s) = (Vec::new(), Vec::new(), Vec::new());
    let mut phases = Vec::new();
    let mut rejected = 0;
    for run in 0..a.repeat.max(1) {
        let dir = tempfile::tempdir().context("creating a temporary store directory")?;
        let mut store = Store::open(&dir.path().join("bench.db"))?;
        let (mut bytes, mut docs, mut batch) = (0u64, 0u64, Vec::with_capacity(a.batch));
        let (mut t_read, mut t_store) = (Duration::ZERO, Duration::ZERO);
        rejected = 0;
        let start = Instant::now();
        let mut sources = ingest::read(&a.paths, &opts);
        loop {
            let t = Instant::now();
            let Some(item) = sources.next() else { break };
            let item = item.map(text_doc);
            t_read += t.elapsed();
            match item {
                Ok(doc) => {
                    bytes += doc.text.len() as u64;
                    docs += 1;
                    batch.push(doc);
                    if batch.len() >= a.batch.max(1) {
                        let t = Instant::now();
                        store.insert_docs_with(&batch, indexing)?;
                        t_store += t.elapsed();
                        batch.clear();
                    }
                }
                Err(e) => {
                    if run == 0 {
                        eprintln!("verbatim: {e}");
                    }
                    rejected += 1;
                }
            }
        }
        let t = Instant::now();
        store.insert_docs_with(&batch, indexing)?;
        // What the rows wrote reaches the store file inside the ingest's time.
        store.checkpoint()?;
        t_store += t.elapsed();
        let ingest_secs = start.elapsed().as_secs_f64();
        let t = Instant::now();
        store.index_pending()?;
        drop(store);
        let index_secs = t.elapsed().as_secs_f64();
        let sample = |secs| Sample { secs, bytes, docs };
        ingest_s.push(sample(ingest_secs));
        index_s.push(sample(index_secs));
        both_s.push(sample(ingest_secs + index_secs));
        phases.push((ingest_secs, t_read, t_store));
    }
    let fastest = phases
        .iter()
        .min_by(|x, y| x.0.total_cmp(&y.0))
        .map(|p| (p.1, p.2))
        .unwrap_or_default();
    let bytes = ingest_s[0].bytes as f64;
    let rate = |d: Duration| bytes / 1e6 / d.as_secs_f64().max(1e-9);
    let phases = json!({
        "rejected": rejected,
        "read_secs": fastest.0.as_secs_f64(),
        "store_secs": fastest.1.as_secs_f64(),
    });
    if a.index_now {
        summary(
            "bench ingest, full-text index in each batch",
            &mut ingest_s,
            a.json,
            phases,
        );
    } else {
        summary(
            "bench ingest (read, detect, decompress, hash, store)",
            &mut ingest_s,
            a.json,
            phases,
        );
        summary(
            "  then the full-text index",
            &mut index_s,
            a.json,
            json!({}),
        );
        summary(
            "  ingest and index together",
            &mut both_s,
            a.json,
            json!({}),
        );
    }
    if !a.json {
        println!(
            "  phases (fastest ingest): read+detect+decompress+hash {:.3} s ({:.1} MB/s), store {:.3} s ({:.1} MB/s); {rejected} rejected",
            fastest.0.as_secs_f64(),
            rate(fastest.0),
            fastest.1.as_secs_f64(),
            rate(fastest.1)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A document with its text and metadata only: what ingest stores before any analysis.
fn text_doc(s: Source) -> Doc {
    let text = match String::from_utf8(s.bytes) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    Doc::new(text, s.meta)
}

fn bench_pipeline(a: PipelineArgs) -> anyhow::Result<ExitCode> {
    let mut sources = Vec::new();
    for item in ingest::read(&a.paths, &ingest::Options::default()) {
        match item {
            Ok(s) => sources.push(s),
            Err(e) => eprintln!("verbatim: {e}"),
        }
    }
    anyhow::ensure!(!sources.is_empty(), "no readable inputs");
    let depth: Depth = a.depth.into();
    let pipeline = Pipeline::new(Kb::builtin());
    let bytes: u64 = sources.iter().map(|s| s.bytes.len() as u64).sum();
    let mut samples = Vec::new();
    let mut stages = Vec::new();
    let mut counts = (0usize, 0usize, 0usize);
    let mut failed = 0;
    // Stage panics are counted and reported once each, without the default hook's noise.
    std::panic::set_hook(Box::new(|_| {}));
    for run in 0..a.repeat.max(1) {
        let mut times = StageTimes::default();
        counts = (0, 0, 0);
        let start = Instant::now();
        failed = 0;
        for s in &sources {
            let result = catch_unwind(AssertUnwindSafe(|| {
                pipeline.process_timed(s, depth, &mut times)
            }));
            match result {
                Ok(Ok(doc)) => {
                    counts.0 += doc.layers.sentences.len();
                    counts.1 += doc.layers.mentions.len();
                    counts.2 += doc.layers.statements.len();
                }
                Ok(Err(e)) => {
                    failed += 1;
                    if run == 0 {
                        eprintln!("verbatim: {}: {e}", s.meta.source);
                    }
                }
                Err(panic) => {
                    failed += 1;
                    if run == 0 {
                        let msg = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_default();
                        let msg = one_line(&msg, 300);
                        eprintln!("verbatim: {}: internal error ({msg})", s.meta.source);
                    }
                }
            }
        }
        let secs = start.elapsed().as_secs_f64();
        samples.push(Sample {
            secs,
            bytes,
            docs: sources.len() as u64,
        });
        stages.push(times);
    }
    // Stage times of the fastest run.
    let fastest = samples
        .iter()
        .enumerate()
        .min_by(|x, y| x.1.secs.total_cmp(&y.1.secs))
        .map(|(i, _)| stages[i])
        .unwrap_or_default();
    let per_stage: Vec<(&str, Duration)> = [
        ("extract", fastest.extract),
        ("text", fastest.text),
        ("actors", fastest.actors),
        ("statements", fastest.statements),
    ]
    .into_iter()
    .filter(|(name, _)| name.parse::<Depth>().is_ok_and(|d| d <= depth))
    .collect();
    let what = format!("bench pipeline --depth {}", depth.as_str());
    let extra = json!({
        "depth": depth.as_str(),
        "threads": 1,
        "stages_secs": per_stage.iter().map(|(n, d)| (n.to_string(), json!(d.as_secs_f64()))).collect::<serde_json::Map<_, _>>(),
        "sentences": counts.0,
        "mentions": counts.1,
        "statements": counts.2,
        "failed": failed,
    });
    summary(&what, &mut samples, a.json, extra);
    if !a.json {
        let parts: Vec<String> = per_stage
            .iter()
            .map(|(n, d)| {
                format!(
                    "{n} {:.3} s ({:.1} MB/s)",
                    d.as_secs_f64(),
                    bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
                )
            })
            .collect();
        println!("  stages (fastest run): {}", parts.join(", "));
        println!(
            "  found: {} sentences, {} mentions, {} statements; {failed} documents failed",
            counts.0, counts.1, counts.2
        );
    }
    Ok(ExitCode::SUCCESS)
}
