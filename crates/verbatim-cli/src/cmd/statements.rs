//! `verbatim statements PATH...`: run the pipeline (no store) and print who said what.
//! `verbatim statements --speaker NAME …` (no PATH): query the store instead.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use serde_json::json;
use verbatim::actors::Kb;
use verbatim::core::{Doc, Span, Statement, StatementKind};
use verbatim::{Depth, Pipeline};
use verbatim_store::{StatementQuery, Store};

use super::{doc_name, Global};
use crate::OutputFormat;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read (no store). Without any, the store is queried.
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
    /// Store query: speaker name in any spelling.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Store query: first day included (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// Store query: last day included (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<NaiveDate>,
    /// Store query: outlet name.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Store query: direct, indirect or mixed.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<StatementKind>,
    /// Store query: full-text search over content and speaker.
    #[arg(long)]
    pub q: Option<String>,
    /// Store query: most rows returned.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
}

fn parse_kind(s: &str) -> Result<StatementKind, String> {
    match s.to_ascii_lowercase().as_str() {
        "direct" => Ok(StatementKind::Direct),
        "indirect" => Ok(StatementKind::Indirect),
        "mixed" => Ok(StatementKind::Mixed),
        _ => Err(format!("unknown kind {s:?}: use direct, indirect or mixed")),
    }
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    if args.paths.is_empty() {
        return query(&args, global);
    }
    let pipeline = Pipeline::new(Kb::builtin());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut rows: Vec<serde_json::Value> = Vec::new();
    let mut csv_out =
        (args.format == OutputFormat::Csv).then(|| csv::Writer::from_writer(Vec::new()));
    if let Some(w) = csv_out.as_mut() {
        w.write_record([
            "doc",
            "speaker",
            "speaker_id",
            "kind",
            "cue",
            "content",
            "relay",
            "audience",
            "confidence",
        ])?;
    }
    let rejected = super::analyse_paths(&args.paths, &pipeline, Depth::Statements, |doc| {
        let name = doc_name(&doc.meta.source);
        for st in &doc.layers.statements {
            let row = statement_json(&doc, &name, st);
            match args.format {
                OutputFormat::Jsonl => writeln!(out, "{row}")?,
                OutputFormat::Json => rows.push(row),
                OutputFormat::Table => write_table_row(&mut out, &doc, &name, st)?,
                OutputFormat::Csv => {
                    if let Some(w) = csv_out.as_mut() {
                        w.write_record([
                            name.as_str(),
                            st.speaker.as_deref().unwrap_or(""),
                            st.speaker_id.as_deref().unwrap_or(""),
                            st.kind.as_str(),
                            &joined(&doc, &st.cue),
                            &joined(&doc, &st.content),
                            &st.relay
                                .map(|s| doc.slice(s).to_string())
                                .unwrap_or_default(),
                            &st.audience
                                .map(|s| doc.slice(s).to_string())
                                .unwrap_or_default(),
                            &format!("{:.2}", st.confidence),
                        ])?;
                    }
                }
            }
        }
        Ok(())
    })?;
    let json = (args.format == OutputFormat::Json).then_some(&rows[..]);
    super::finish_rows(out, json, csv_out, rejected)
}

fn joined(doc: &Doc, spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| doc.slice(*s))
        .collect::<Vec<_>>()
        .join(" … ")
}

fn pairs(spans: &[Span]) -> Vec<[u32; 2]> {
    spans.iter().map(|s| s.pair()).collect()
}

fn article_of(doc: &Doc, st: &Statement) -> Option<u32> {
    let at = st.content.first()?.start;
    doc.layers
        .blocks
        .iter()
        .find(|b| b.span.start <= at && at < b.span.end.max(b.span.start + 1))
        .and_then(|b| b.article)
}

fn statement_json(doc: &Doc, name: &str, st: &Statement) -> serde_json::Value {
    json!({
        "doc": name,
        "content": pairs(&st.content),
        "source": pairs(&st.source),
        "speaker": st.speaker,
        "speaker_id": st.speaker_id,
        "kind": st.kind.as_str(),
        "cue": pairs(&st.cue),
        "cue_text": joined(doc, &st.cue),
        "content_text": joined(doc, &st.content),
        "source_text": joined(doc, &st.source),
        "relay": st.relay.map(|s| doc.slice(s)),
        "audience": st.audience.map(|s| doc.slice(s)),
        "confidence": (f64::from(st.confidence) * 100.0).round() / 100.0,
        "article": article_of(doc, st),
    })
}

fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn write_table_row(out: &mut impl Write, doc: &Doc, name: &str, st: &Statement) -> io::Result<()> {
    let who = st.speaker.as_deref().unwrap_or("?");
    let src = joined(doc, &st.source);
    // Labelled, not "via"/"to": the spans carry their own words ("quoted by TASS", "told
    // reporters").
    let mut via = String::new();
    if let Some(r) = st.relay {
        via.push_str(&format!(" relay: {}", one_line(doc.slice(r), 40)));
    }
    if let Some(a) = st.audience {
        via.push_str(&format!(" audience: {}", one_line(doc.slice(a), 40)));
    }
    writeln!(
        out,
        "{name}  {who} [{src}] {cue} ({kind}, {conf:.2}){via}\n    {content}",
        cue = one_line(&joined(doc, &st.cue), 30),
        kind = st.kind.as_str(),
        conf = st.confidence,
        content = one_line(&joined(doc, &st.content), 200),
    )
}

fn store_path(global: &Global) -> anyhow::Result<PathBuf> {
    if let Some(p) = &global.store {
        return Ok(p.clone());
    }
    let dir = dirs::data_dir().context("no per-user data directory; pass --store")?;
    Ok(dir.join("verbatim").join("verbatim.db"))
}

fn query(args: &Args, global: &Global) -> anyhow::Result<ExitCode> {
    let path = store_path(global)?;
    let store = Store::open_read_only(&path)
        .with_context(|| format!("opening store {}", path.display()))?;
    let q = StatementQuery {
        speaker: args.speaker.clone(),
        outlet: args.outlet.clone(),
        since: args.since,
        until: args.until,
        q: args.q.clone(),
        kind: args.kind,
        limit: args.limit,
        ..StatementQuery::default()
    };
    let page = store.statements(&q)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Jsonl => {
            for r in &page.items {
                writeln!(out, "{}", serde_json::to_string(r)?)?;
            }
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &page.items)?;
            writeln!(out)?;
        }
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "day", "outlet", "speaker", "kind", "content", "title", "url",
            ])?;
            for r in &page.items {
                w.write_record([
                    r.day.as_deref().unwrap_or(""),
                    r.outlet.as_deref().unwrap_or(""),
                    r.speaker.as_deref().unwrap_or(""),
                    r.kind.as_str(),
                    r.content.as_str(),
                    r.title.as_deref().unwrap_or(""),
                    r.url.as_deref().unwrap_or(""),
                ])?;
            }
            out.write_all(&w.into_inner().context("csv")?)?;
        }
        OutputFormat::Table => {
            for r in &page.items {
                writeln!(
                    out,
                    "{day}  {outlet}  {who} ({kind})\n    {content}",
                    day = r.day.as_deref().unwrap_or("????-??-??"),
                    outlet = r.outlet.as_deref().unwrap_or("-"),
                    who = r.speaker.as_deref().unwrap_or("?"),
                    kind = r.kind,
                    content = one_line(&r.content, 200),
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
