//! `verbatim export`: every stored document or statement, streamed page by page.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::bail;
use verbatim::core::Doc;
use verbatim_store::{DocSummary, StatementQuery, StatementRow, Store, MAX_LIMIT};

use super::Global;
use crate::OutputFormat;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Docs,
    Statements,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// jsonl, json or csv.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutputFormat,
    /// docs: whole documents (text, metadata, layers); statements: one row per statement.
    #[arg(long, value_enum, default_value = "docs")]
    pub what: What,
}

/// Writes records one at a time in the chosen format.
enum Sink<W: Write> {
    Jsonl(W),
    Json(W, usize),
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> Sink<W> {
    fn new(format: OutputFormat, mut w: W) -> anyhow::Result<Sink<W>> {
        Ok(match format {
            OutputFormat::Jsonl => Sink::Jsonl(w),
            OutputFormat::Json => {
                w.write_all(b"[")?;
                Sink::Json(w, 0)
            }
            OutputFormat::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(w))),
            OutputFormat::Table => bail!("export: use --format jsonl, json or csv"),
        })
    }

    fn json(&mut self, v: &impl serde::Serialize) -> anyhow::Result<()> {
        match self {
            Sink::Jsonl(w) => {
                serde_json::to_writer(&mut *w, v)?;
                w.write_all(b"\n")?;
            }
            Sink::Json(w, n) => {
                w.write_all(if *n == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *w, v)?;
                *n += 1;
            }
            Sink::Csv(_) => unreachable!("csv records are written with `row`"),
        }
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Jsonl(mut w) => w.flush()?,
            Sink::Json(mut w, _) => {
                w.write_all(b"\n]\n")?;
                w.flush()?;
            }
            Sink::Csv(mut w) => w.flush()?,
        }
        Ok(())
    }
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = global.open_store_read_only()?;
    let out = io::BufWriter::new(io::stdout().lock());
    let mut sink = Sink::new(args.format, out)?;
    match args.what {
        What::Docs => docs(&store, &mut sink)?,
        What::Statements => statements(&store, &mut sink)?,
    }
    sink.finish()?;
    Ok(ExitCode::SUCCESS)
}

const DOC_COLUMNS: [&str; 12] = [
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "published",
    "language",
    "format",
    "bytes",
    "articles",
    "statements",
    "text",
];

fn docs<W: Write>(store: &Store, sink: &mut Sink<W>) -> anyhow::Result<()> {
    if let Sink::Csv(w) = sink {
        w.write_record(DOC_COLUMNS)?;
    }
    let mut offset = 0;
    loop {
        let page = store.docs(MAX_LIMIT, offset)?;
        for s in &page {
            let Some(doc) = store.doc(&s.id)? else {
                continue;
            };
            match sink {
                Sink::Csv(w) => w.write_record(doc_row(s, &doc))?,
                _ => sink.json(&doc)?,
            }
        }
        offset += page.len();
        if page.len() < MAX_LIMIT {
            return Ok(());
        }
    }
}

fn doc_row(s: &DocSummary, doc: &Doc) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        s.id.clone(),
        s.source.clone(),
        o(&s.url),
        o(&s.outlet),
        o(&s.title),
        o(&s.published),
        o(&s.language),
        o(&s.format),
        s.bytes.to_string(),
        s.articles.to_string(),
        s.statements.to_string(),
        doc.text.clone(),
    ]
}

const STATEMENT_COLUMNS: [&str; 19] = [
    "id",
    "doc_id",
    "idx",
    "article",
    "content",
    "spans",
    "kind",
    "cue",
    "source",
    "speaker",
    "speaker_id",
    "relay",
    "audience",
    "confidence",
    "outlet",
    "published",
    "day",
    "title",
    "url",
];

fn statements<W: Write>(store: &Store, sink: &mut Sink<W>) -> anyhow::Result<()> {
    if let Sink::Csv(w) = sink {
        w.write_record(STATEMENT_COLUMNS)?;
    }
    let mut q = StatementQuery {
        limit: MAX_LIMIT,
        ..StatementQuery::default()
    };
    loop {
        let page = store.statements(&q)?;
        for r in &page.items {
            match sink {
                Sink::Csv(w) => w.write_record(statement_row(r))?,
                _ => sink.json(r)?,
            }
        }
        q.offset += page.items.len();
        if page.items.len() < MAX_LIMIT {
            return Ok(());
        }
    }
}

fn statement_row(r: &StatementRow) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        r.id.to_string(),
        r.doc_id.clone(),
        r.idx.to_string(),
        r.article.map(|a| a.to_string()).unwrap_or_default(),
        r.content.clone(),
        serde_json::to_string(&r.spans).unwrap_or_default(),
        r.kind.clone(),
        o(&r.cue),
        o(&r.source),
        o(&r.speaker),
        o(&r.speaker_id),
        o(&r.relay),
        o(&r.audience),
        format!("{:.3}", r.confidence),
        o(&r.outlet),
        o(&r.published),
        o(&r.day),
        o(&r.title),
        o(&r.url),
    ]
}
