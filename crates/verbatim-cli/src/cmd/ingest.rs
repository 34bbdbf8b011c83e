//! `verbatim ingest PATH...`: read, analyse and store documents, one transaction per batch.
//!
//! Three threads overlap: a reader (I/O, decompression, format detection), the analysis
//! of one batch on all cores (rayon), and a writer storing the previous batch. At most a
//! few batches are in flight, so memory stays flat, and a crash loses at most the batch
//! being written: every committed batch is whole.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use verbatim::actors::Kb;
use verbatim::core::{Doc, Source};
use verbatim::ingest::{self, InputError};
use verbatim::{Depth, Pipeline};
use verbatim_store::{Store, StoreError};

use super::{one_line, parse_bytes, DepthArg, Global};

/// A batch is cut early past this many source bytes, to bound memory.
const BATCH_BYTES: usize = 64 << 20;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files, directories (walked recursively) or - for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Reject a document larger than this once decompressed (bytes, or e.g. 512K, 32M).
    #[arg(long, value_parser = parse_bytes, default_value = "32M")]
    pub max_doc_bytes: u64,
    /// How far to analyse before storing.
    #[arg(long, value_enum, default_value = "statements")]
    pub depth: DepthArg,
    /// Documents per store transaction.
    #[arg(long, default_value_t = 256, value_parser = parse_batch)]
    pub batch: usize,
}

fn parse_batch(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("bad batch size {s:?}: a whole number above 0")),
    }
}

/// What happened to the inputs so far.
#[derive(Default)]
struct Tally {
    new: usize,
    present: usize,
    rejected: usize,
    bytes: u64,
}

/// The tally and progress display, shared by the analysing and the writing thread.
#[derive(Clone)]
struct Report {
    tally: Arc<Mutex<Tally>>,
    bar: ProgressBar,
}

impl Report {
    fn update(&self, f: impl FnOnce(&mut Tally)) {
        let mut t = self.tally.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut t);
        self.bar.set_message(format!(
            "{:.1} MB read: {} new, {} already present, {} rejected",
            t.bytes as f64 / 1e6,
            t.new,
            t.present,
            t.rejected
        ));
    }

    fn reject(&self, path: &str, reason: &str) {
        let reason = one_line(reason, 300);
        self.bar.suspend(|| eprintln!("verbatim: {path}: {reason}"));
        self.update(|t| t.rejected += 1);
    }
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = global.open_store()?;
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new_spinner();
        b.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed}] {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b.enable_steady_tick(Duration::from_millis(120));
        b
    } else {
        ProgressBar::hidden()
    };
    let report = Report {
        tally: Arc::default(),
        bar,
    };
    // A panic in a document's stages is reported as that document's rejection; the
    // default hook's message and backtrace stay for panics on the main thread.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some("main") {
            default_hook(info);
        }
    }));

    let opts = ingest::Options {
        max_doc_bytes: args.max_doc_bytes,
    };
    let (source_tx, sources) = mpsc::sync_channel::<Result<Source, InputError>>(64);
    let paths = args.paths.clone();
    let reader = std::thread::spawn(move || {
        for item in ingest::read(&paths, &opts) {
            if source_tx.send(item).is_err() {
                break; // The writer stopped on a fatal error.
            }
        }
    });
    // One batch waits while the previous one is written.
    let (doc_tx, docs) = mpsc::sync_channel::<Vec<Doc>>(1);
    let writer = {
        let report = report.clone();
        std::thread::spawn(move || write_batches(store, docs, &report))
    };

    let pipeline = Pipeline::new(Kb::builtin());
    let depth: Depth = args.depth.into();
    let analyse = |batch: Vec<Source>| -> bool {
        if batch.is_empty() {
            return true;
        }
        let mut out = Vec::with_capacity(batch.len());
        for result in pipeline.run_batch(batch, depth) {
            match result {
                Ok(doc) => out.push(doc),
                Err((source, reason)) => report.reject(&source, &reason),
            }
        }
        doc_tx.send(out).is_ok()
    };
    let mut batch: Vec<Source> = Vec::with_capacity(args.batch);
    let mut batch_bytes = 0;
    let mut writing = true;
    for item in sources.iter() {
        match item {
            Ok(source) => {
                batch_bytes += source.bytes.len();
                report.update(|t| t.bytes += source.bytes.len() as u64);
                batch.push(source);
                if batch.len() >= args.batch || batch_bytes >= BATCH_BYTES {
                    writing = analyse(std::mem::take(&mut batch));
                    batch_bytes = 0;
                    if !writing {
                        break;
                    }
                }
            }
            Err(e) => report.reject(&e.path, &e.reason),
        }
    }
    if writing {
        analyse(batch);
    }
    drop(doc_tx);
    drop(sources);
    let written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("internal error while writing to the store"))?;
    let read_ok = reader.join().is_ok();
    report.bar.finish_and_clear();
    written?;
    anyhow::ensure!(read_ok, "internal error while reading inputs");

    let t = report.tally.lock().unwrap_or_else(|e| e.into_inner());
    println!(
        "{} new, {} already present, {} rejected",
        t.new, t.present, t.rejected
    );
    Ok(if t.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Store each batch in one transaction; a document the store refuses is rejected alone.
fn write_batches(
    mut store: Store,
    batches: mpsc::Receiver<Vec<Doc>>,
    report: &Report,
) -> anyhow::Result<()> {
    for docs in batches {
        match store.insert_docs(&docs) {
            Ok(r) => report.update(|t| {
                t.new += r.new;
                t.present += r.present;
            }),
            // One bad document must not cost the batch: store the rest one by one.
            Err(StoreError::InvalidDoc { .. }) => {
                for doc in docs {
                    match store.insert_docs(std::slice::from_ref(&doc)) {
                        Ok(r) => report.update(|t| {
                            t.new += r.new;
                            t.present += r.present;
                        }),
                        Err(StoreError::InvalidDoc { what, .. }) => {
                            report.reject(&doc.meta.source, &format!("not stored: {what}"))
                        }
                        Err(e) => return Err(e).context("writing to the store"),
                    }
                }
            }
            Err(e) => return Err(e).context("writing to the store"),
        }
    }
    Ok(())
}
