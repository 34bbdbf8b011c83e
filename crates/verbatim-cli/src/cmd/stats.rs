//! `verbatim stats`: counts of what the store holds, and whether it is intact.

use std::io::{self, Write};
use std::process::ExitCode;

use super::Global;
use crate::OutputFormat;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// table or json.
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    // Read-write: opening runs recovery of an interrupted write and any schema migration.
    let store = global.open_existing_store()?;
    let s = store.stats()?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        OutputFormat::Json | OutputFormat::Jsonl => {
            let mut v = serde_json::to_value(&s)?;
            v["path"] = store.path().display().to_string().into();
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        OutputFormat::Csv => anyhow::bail!("stats: use --format table or json"),
        OutputFormat::Table => {
            writeln!(out, "store       {}", store.path().display())?;
            writeln!(out, "schema      v{}", s.schema_version)?;
            writeln!(out, "documents   {}", s.docs)?;
            writeln!(out, "articles    {}", s.articles)?;
            writeln!(out, "statements  {}", s.statements)?;
            writeln!(out, "actors      {}", s.actors)?;
            writeln!(out, "mentions    {}", s.mentions)?;
            writeln!(out, "text        {}", human_bytes(s.bytes))?;
            writeln!(out, "file        {}", human_bytes(s.file_bytes))?;
            let ok = if s.integrity_ok { "ok" } else { "FAILED" };
            writeln!(out, "integrity   {ok}")?;
        }
    }
    out.flush()?;
    if !s.integrity_ok {
        eprintln!(
            "verbatim: {}: integrity check failed",
            store.path().display()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn human_bytes(n: u64) -> String {
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => format!("{:.1} kB", n as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", n as f64 / 1e6),
        _ => format!("{:.2} GB", n as f64 / 1e9),
    }
}
