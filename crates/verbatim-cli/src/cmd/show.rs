//! `verbatim show ID`: one stored document with its metadata, blocks and statements.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::bail;
use verbatim::core::{Doc, Span};
use verbatim_store::{Store, MAX_LIMIT};

use super::{one_line, Global};
use crate::OutputFormat;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Document id (its content hash), or a unique prefix of it.
    pub id: String,
    /// table or json.
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = global.open_store_read_only()?;
    let mut doc = find(&store, args.id.trim())?;
    // The store leaves tokens out; they are rebuilt from the text (the same stage, same result).
    if doc.layers.tokens.is_empty() {
        verbatim::text::annotate(&mut doc);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        OutputFormat::Json | OutputFormat::Jsonl => {
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
        OutputFormat::Csv => bail!("show: use --format table or json"),
        OutputFormat::Table => table(&mut out, &doc)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The document with this id, or the only one whose id starts with it.
fn find(store: &Store, id: &str) -> anyhow::Result<Doc> {
    if id.is_empty() {
        bail!("no document id given");
    }
    if let Some(doc) = store.doc(id)? {
        return Ok(doc);
    }
    let mut matches = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.docs(MAX_LIMIT, offset)?;
        let n = page.len();
        offset += n;
        matches.extend(
            page.into_iter()
                .filter(|d| d.id.starts_with(id))
                .map(|d| d.id),
        );
        if n < MAX_LIMIT || matches.len() > 1 {
            break;
        }
    }
    match matches.as_slice() {
        [] => bail!("no document with id {id}"),
        [one] => store
            .doc(one)?
            .ok_or_else(|| anyhow::anyhow!("document {one} vanished")),
        _ => bail!("id prefix {id} is ambiguous: give more characters"),
    }
}

fn field(out: &mut impl Write, name: &str, value: Option<&str>) -> io::Result<()> {
    if let Some(v) = value {
        writeln!(out, "{name:<11} {v}")?;
    }
    Ok(())
}

fn spans_text(doc: &Doc, spans: &[Span]) -> String {
    spans
        .iter()
        .filter_map(|s| doc.text.get(s.range()))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" … ")
}

fn table(out: &mut impl Write, doc: &Doc) -> io::Result<()> {
    let m = &doc.meta;
    let l = &doc.layers;
    writeln!(out, "{:<11} {}", "id", doc.id)?;
    field(out, "source", Some(&m.source))?;
    field(out, "url", m.url.as_deref())?;
    field(out, "outlet", m.outlet.as_deref())?;
    field(out, "title", m.title.as_deref())?;
    let published = m.published.map(|p| p.to_rfc3339());
    field(out, "published", published.as_deref())?;
    if !m.authors.is_empty() {
        field(out, "authors", Some(&m.authors.join(", ")))?;
    }
    field(out, "language", m.language.as_deref())?;
    field(out, "format", m.format.map(|f| f.as_str()))?;
    for w in &m.warnings {
        field(out, "warning", Some(w))?;
    }
    writeln!(
        out,
        "{:<11} {} bytes; {} blocks, {} articles, {} sentences, {} tokens, {} dates, {} mentions, {} statements",
        "layers",
        doc.text.len(),
        l.blocks.len(),
        l.articles.len(),
        l.sentences.len(),
        l.tokens.len(),
        l.dates.len(),
        l.mentions.len(),
        l.statements.len()
    )?;

    let mut article = None;
    for (i, b) in l.blocks.iter().enumerate() {
        if i == 0 || b.article != article {
            article = b.article;
            writeln!(out)?;
            match b
                .article
                .and_then(|a| l.articles.get(a as usize).map(|art| (a, art)))
            {
                Some((a, art)) => {
                    let mut head = format!("── article {a}");
                    if let Some(t) = &art.title {
                        head.push_str(&format!(": {}", one_line(t, 80)));
                    }
                    let when = art.published.map(|p| p.format("%Y-%m-%d").to_string());
                    let extra: Vec<&str> = [art.outlet.as_deref(), when.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect();
                    if !extra.is_empty() {
                        head.push_str(&format!(" ({})", extra.join(", ")));
                    }
                    writeln!(out, "{head}")?;
                }
                None => writeln!(out, "── outside any article")?,
            }
        }
        let sentences = l.sentences.iter().filter(|s| s.block as usize == i).count();
        let text = doc.text.get(b.span.range()).unwrap_or("");
        let kind = serde_json::to_value(b.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(
            out,
            "[{kind}, {sentences} sent.] {}",
            one_line(text, usize::MAX)
        )?;
    }

    writeln!(out)?;
    writeln!(out, "── {} statements", l.statements.len())?;
    for (i, st) in l.statements.iter().enumerate() {
        let speaker = st
            .speaker
            .clone()
            .or_else(|| (!st.source.is_empty()).then(|| spans_text(doc, &st.source)))
            .unwrap_or_else(|| "(unknown)".into());
        let mut how = Vec::new();
        if !st.cue.is_empty() {
            how.push(format!("cue \"{}\"", spans_text(doc, &st.cue)));
        }
        if let Some(r) = st.relay {
            how.push(format!("relay \"{}\"", spans_text(doc, &[r])));
        }
        if let Some(a) = st.audience {
            how.push(format!("audience \"{}\"", spans_text(doc, &[a])));
        }
        let how = if how.is_empty() {
            String::new()
        } else {
            format!(" ({})", how.join("; "))
        };
        writeln!(
            out,
            "{}. [{} {:.2}] {speaker}{how}",
            i + 1,
            st.kind.as_str(),
            st.confidence
        )?;
        writeln!(
            out,
            "   “{}”",
            one_line(&spans_text(doc, &st.content), usize::MAX)
        )?;
    }
    Ok(())
}
