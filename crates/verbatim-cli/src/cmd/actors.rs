//! `verbatim actors PATH...`: run the pipeline to the actors stage (no store) and print
//! one row per mention. `verbatim actors` (no PATH): the store's actors with counts.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde_json::json;
use verbatim::actors::Kb;
use verbatim::core::{Doc, Mention, MentionKind};
use verbatim::{Depth, Pipeline};
use verbatim_store::ActorQuery;

use super::{doc_name, one_line, Global};
use crate::OutputFormat;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read (no store). Without any, the store's actors are listed.
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
    /// A TOML or CSV file of actors that extends or overrides the built-in knowledge base
    /// (same id replaces, new id adds).
    #[arg(long, value_name = "PATH")]
    pub kb: Option<PathBuf>,
    /// Only this kind: person, organisation, outlet, country, place, group, role, pronoun.
    #[arg(long)]
    pub kind: Option<String>,
    /// Store listing: name (any spelling) or id.
    #[arg(long)]
    pub q: Option<String>,
    /// Store listing: most rows returned.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let result = if args.paths.is_empty() {
        list_store(&args, global)
    } else {
        from_paths(&args)
    };
    // `verbatim actors … | head` closing the pipe is not an error.
    match result {
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        r => r,
    }
}

fn from_paths(args: &Args) -> anyhow::Result<ExitCode> {
    let mut kb = Kb::builtin();
    if let Some(path) = &args.kb {
        kb = kb
            .with_overrides(path)
            .with_context(|| format!("--kb {}", path.display()))?;
    }
    let kind_filter = args.kind.as_deref().map(parse_kind).transpose()?;
    let pipeline = Pipeline::new(kb);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut rows = Vec::new();
    let mut csv_out =
        (args.format == OutputFormat::Csv).then(|| csv::Writer::from_writer(Vec::new()));
    if let Some(w) = csv_out.as_mut() {
        w.write_record(["doc", "start", "end", "text", "kind", "actor", "actor_id"])?;
    }
    let rejected = super::analyse_paths(&args.paths, &pipeline, Depth::Actors, |doc| {
        let name = doc_name(&doc.meta.source);
        for m in doc
            .layers
            .mentions
            .iter()
            .filter(|m| kind_filter.is_none_or(|k| m.kind == k))
        {
            match args.format {
                OutputFormat::Jsonl => writeln!(out, "{}", mention_json(&doc, &name, m))?,
                OutputFormat::Json => rows.push(mention_json(&doc, &name, m)),
                OutputFormat::Table => writeln!(
                    out,
                    "{name}\t{}-{}\t{:<12}\t{}\t→ {}",
                    m.span.start,
                    m.span.end,
                    kind_str(m.kind),
                    one_line(doc.slice(m.span), 60),
                    m.actor.as_deref().unwrap_or("?"),
                )?,
                OutputFormat::Csv => {
                    if let Some(w) = csv_out.as_mut() {
                        w.write_record([
                            name.as_str(),
                            &m.span.start.to_string(),
                            &m.span.end.to_string(),
                            doc.slice(m.span),
                            kind_str(m.kind),
                            m.actor.as_deref().unwrap_or(""),
                            m.actor_id.as_deref().unwrap_or(""),
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

fn list_store(args: &Args, global: &Global) -> anyhow::Result<ExitCode> {
    if args.kb.is_some() {
        anyhow::bail!("--kb applies to PATHs; the store keeps the actors it was built with");
    }
    let store = global.open_store_read_only()?;
    let page = store.actors(&ActorQuery {
        q: args.q.clone(),
        kind: args.kind.clone(),
        limit: args.limit,
        offset: 0,
    })?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Jsonl => {
            for a in &page.items {
                writeln!(out, "{}", serde_json::to_string(a)?)?;
            }
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &page.items)?;
            writeln!(out)?;
        }
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["id", "name", "kind", "mentions", "statements"])?;
            for a in &page.items {
                w.write_record([
                    a.id.as_str(),
                    &a.name,
                    a.kind.as_deref().unwrap_or(""),
                    &a.mention_count.to_string(),
                    &a.statement_count.to_string(),
                ])?;
            }
            out.write_all(&w.into_inner().context("csv")?)?;
        }
        OutputFormat::Table => {
            writeln!(
                out,
                "{:>10} {:>8}  {:<12}  {:<32}  id",
                "statements", "mentions", "kind", "name"
            )?;
            for a in &page.items {
                writeln!(
                    out,
                    "{:>10} {:>8}  {:<12}  {:<32}  {}",
                    a.statement_count,
                    a.mention_count,
                    a.kind.as_deref().unwrap_or("-"),
                    one_line(&a.name, 32),
                    a.id
                )?;
            }
            writeln!(out, "({} of {} actors)", page.items.len(), page.total)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn mention_json(doc: &Doc, name: &str, m: &Mention) -> serde_json::Value {
    json!({
        "doc": name,
        "span": m.span.pair(),
        "text": doc.slice(m.span),
        "kind": kind_str(m.kind),
        "actor": m.actor,
        "actor_id": m.actor_id,
    })
}

fn kind_str(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Person => "person",
        MentionKind::Organisation => "organisation",
        MentionKind::Country => "country",
        MentionKind::Place => "place",
        MentionKind::Group => "group",
        MentionKind::Role => "role",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Outlet => "outlet",
    }
}

fn parse_kind(s: &str) -> anyhow::Result<MentionKind> {
    Ok(match s.to_ascii_lowercase().as_str() {
        "person" => MentionKind::Person,
        "organisation" | "organization" => MentionKind::Organisation,
        "country" => MentionKind::Country,
        "place" => MentionKind::Place,
        "group" => MentionKind::Group,
        "role" => MentionKind::Role,
        "pronoun" => MentionKind::Pronoun,
        "outlet" => MentionKind::Outlet,
        _ => anyhow::bail!("unknown kind {s:?}: use person, organisation, outlet, country, place, group, role or pronoun"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in [
            "person",
            "organisation",
            "country",
            "place",
            "group",
            "role",
            "pronoun",
            "outlet",
        ] {
            assert_eq!(kind_str(parse_kind(k).unwrap()), k);
        }
        assert!(parse_kind("planet").is_err());
    }
}
