//! `verbatim docs`: list stored documents, newest first.

use std::io::{self, Write};
use std::process::ExitCode;

use verbatim_store::{DocSummary, Store, MAX_LIMIT};

use super::{one_line, Global};
use crate::OutputFormat;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
    /// Most documents listed.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Documents skipped first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = global.open_store_read_only()?;
    let docs = summaries(&store, args.limit, args.offset)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        OutputFormat::Jsonl => {
            for d in &docs {
                writeln!(out, "{}", serde_json::to_string(d)?)?;
            }
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &docs)?;
            writeln!(out)?;
        }
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            for d in &docs {
                w.serialize(d)?;
            }
            w.flush()?;
        }
        OutputFormat::Table => table(&mut out, &docs)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Up to `limit` summaries from `offset`, paging past the store's per-query cap.
pub fn summaries(store: &Store, limit: usize, offset: usize) -> anyhow::Result<Vec<DocSummary>> {
    let mut all = Vec::new();
    while all.len() < limit {
        let want = (limit - all.len()).min(MAX_LIMIT);
        let page = store.docs(want, offset + all.len())?;
        let n = page.len();
        all.extend(page);
        if n < want {
            break;
        }
    }
    Ok(all)
}

fn table(out: &mut impl Write, docs: &[DocSummary]) -> io::Result<()> {
    writeln!(
        out,
        "{:<32}  {:<10}  {:<18}  {:>4}  {:>5}  TITLE / SOURCE",
        "ID", "PUBLISHED", "OUTLET", "ARTS", "STMTS"
    )?;
    for d in docs {
        let day = d.published.as_deref().map(|p| &p[..p.len().min(10)]);
        let label = d.title.as_deref().unwrap_or(&d.source);
        writeln!(
            out,
            "{:<32}  {:<10}  {:<18}  {:>4}  {:>5}  {}",
            d.id,
            day.unwrap_or("-"),
            one_line(d.outlet.as_deref().unwrap_or("-"), 18),
            d.articles,
            d.statements,
            one_line(label, 70),
        )?;
    }
    if docs.is_empty() {
        writeln!(out, "(no documents)")?;
    }
    Ok(())
}
