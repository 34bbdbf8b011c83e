//! `verbatim extract PATH...`: clean articles from pages, no store.
//!
//! One object per article: `id` is the file name without its extensions, with `#2`, `#3`…
//! for further articles found in the same input.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;
use serde::Serialize;
use verbatim::core::{Doc, Source};
use verbatim::ingest;

use super::Global;
use crate::OutputFormat;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files, directories (walked recursively) or `-` for stdin; `.gz` is undone.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutputFormat,
}

/// One extracted article, as printed.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub title: Option<String>,
    pub body: String,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub dateline: Option<String>,
    /// `article`, `live_blog` (has entries) or `entry` (of the article named by `parent`).
    pub kind: &'static str,
    pub parent: Option<String>,
    pub source: String,
    pub warnings: Vec<String>,
}

/// Sources handled per parallel batch: enough to keep the cores busy, bounded memory.
const BATCH: usize = 64;

pub fn run(args: Args, _global: &Global) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut sink = Sink::new(args.format, &mut out)?;
    let mut failed = false;
    let mut sources = ingest::read(&args.paths, &ingest::Options::default());
    loop {
        let batch: Vec<_> = sources.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let done: Vec<Result<Vec<Row>, String>> = batch
            .into_par_iter()
            .map(|r| match r {
                Err(e) => Err(e.to_string()),
                Ok(src) => {
                    // One bad page must not end the batch, even through a bug.
                    let r = std::panic::catch_unwind(|| verbatim::extract::extract(&src));
                    match r {
                        Ok(Ok(doc)) => Ok(rows(&src, &doc)),
                        Ok(Err(e)) => Err(format!("{}: {e}", src.meta.source)),
                        Err(_) => Err(format!(
                            "{}: internal error while extracting",
                            src.meta.source
                        )),
                    }
                }
            })
            .collect();
        for r in done {
            match r {
                Ok(rows) => {
                    for row in rows {
                        sink.write(&row)?;
                    }
                }
                Err(e) => {
                    failed = true;
                    eprintln!("verbatim: {e}");
                }
            }
        }
    }
    sink.finish()?;
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `dir/x.html.gz` → `x`; `dir/f.jsonl#line-3` → `f#line-3`.
pub fn base_id(source: &str) -> String {
    let (path, frag) = match source.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (source, None),
    };
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let mut stem = name;
    const EXTS: &[&str] = &[
        "gz", "bz2", "xz", "zst", "html", "htm", "xhtml", "txt", "text", "jsonl", "json", "warc",
        "md",
    ];
    while let Some((s, ext)) = stem.rsplit_once('.') {
        if s.is_empty() || !EXTS.contains(&ext.to_ascii_lowercase().as_str()) {
            break;
        }
        stem = s;
    }
    match frag {
        Some(f) => format!("{stem}#{f}"),
        None => stem.to_string(),
    }
}

/// The printed rows for one document, one per article.
pub fn rows(src: &Source, doc: &Doc) -> Vec<Row> {
    let base = base_id(&doc.meta.source);
    let id = |i: usize| {
        if i == 0 {
            base.clone()
        } else {
            format!("{base}#{}", i + 1)
        }
    };
    let arts = &doc.layers.articles;
    let has_children = |i: usize| arts.iter().any(|a| a.parent == Some(i as u32));
    arts.iter()
        .enumerate()
        .map(|(i, a)| Row {
            id: id(i),
            title: a.title.clone(),
            body: doc.article_body_text(i as u32),
            published: a.published.map(|d| d.to_rfc3339()),
            authors: a.authors.clone(),
            outlet: a.outlet.clone().or_else(|| doc.meta.outlet.clone()),
            url: doc.meta.url.clone().or_else(|| src.meta.url.clone()),
            language: a.language.clone(),
            dateline: a.dateline.clone(),
            kind: if a.parent.is_some() {
                "entry"
            } else if has_children(i) {
                "live_blog"
            } else {
                "article"
            },
            parent: a.parent.map(|p| id(p as usize)),
            source: doc.meta.source.clone(),
            warnings: if i == 0 {
                doc.meta.warnings.clone()
            } else {
                Vec::new()
            },
        })
        .collect()
}

enum Sink<'w, W: Write> {
    Jsonl(&'w mut W),
    Json(&'w mut W, bool),
    Csv(Box<csv::Writer<&'w mut W>>),
    Table(&'w mut W),
}

impl<'w, W: Write> Sink<'w, W> {
    fn new(format: OutputFormat, w: &'w mut W) -> anyhow::Result<Sink<'w, W>> {
        Ok(match format {
            OutputFormat::Jsonl => Sink::Jsonl(w),
            OutputFormat::Json => {
                w.write_all(b"[")?;
                Sink::Json(w, true)
            }
            OutputFormat::Csv => {
                let mut c = csv::Writer::from_writer(w);
                c.write_record([
                    "id",
                    "kind",
                    "parent",
                    "published",
                    "outlet",
                    "dateline",
                    "language",
                    "title",
                    "authors",
                    "url",
                    "body",
                ])?;
                Sink::Csv(Box::new(c))
            }
            OutputFormat::Table => {
                writeln!(
                    w,
                    "{:<28} {:<9} {:<20} {:<18} {:>6}  TITLE",
                    "ID", "KIND", "PUBLISHED", "OUTLET", "CHARS"
                )?;
                Sink::Table(w)
            }
        })
    }

    fn write(&mut self, r: &Row) -> anyhow::Result<()> {
        match self {
            Sink::Jsonl(w) => {
                serde_json::to_writer(&mut **w, r)?;
                w.write_all(b"\n")?;
            }
            Sink::Json(w, first) => {
                if !*first {
                    w.write_all(b",")?;
                }
                *first = false;
                w.write_all(b"\n  ")?;
                serde_json::to_writer(&mut **w, r)?;
            }
            Sink::Csv(c) => c.write_record([
                r.id.as_str(),
                r.kind,
                r.parent.as_deref().unwrap_or(""),
                r.published.as_deref().unwrap_or(""),
                r.outlet.as_deref().unwrap_or(""),
                r.dateline.as_deref().unwrap_or(""),
                r.language.as_deref().unwrap_or(""),
                r.title.as_deref().unwrap_or(""),
                &r.authors.join("; "),
                r.url.as_deref().unwrap_or(""),
                &r.body,
            ])?,
            Sink::Table(w) => {
                let published = r.published.as_deref().map_or("", |p| &p[..p.len().min(16)]);
                writeln!(
                    w,
                    "{:<28} {:<9} {:<20} {:<18} {:>6}  {}",
                    clip(&r.id, 28),
                    r.kind,
                    published,
                    clip(r.outlet.as_deref().unwrap_or("-"), 18),
                    r.body.chars().count(),
                    clip(r.title.as_deref().unwrap_or("-"), 70)
                )?;
            }
        }
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Json(w, first) => {
                w.write_all(if first { b"]\n" } else { b"\n]\n" })?;
            }
            Sink::Csv(mut c) => c.flush()?,
            _ => {}
        }
        Ok(())
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(n.saturating_sub(1)).collect();
        c.push('…');
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use verbatim::core::{Format, Meta};

    #[test]
    fn ids() {
        assert_eq!(base_id("/a/b/0a1b.html.gz"), "0a1b");
        assert_eq!(base_id("seeds/002_x.txt"), "002_x");
        assert_eq!(base_id("dir/feed.jsonl#line-3"), "feed#line-3");
        assert_eq!(base_id("report.v2"), "report.v2");
        assert_eq!(base_id("-"), "-");
    }

    #[test]
    fn rows_name_further_articles_and_entries() {
        let text = "Voronov rejects plan\n\nVoronov rejected the plan on Tuesday, the ministry in Kessel said.\n\n5 mins ago (10:00 GMT)\n\nHrytsenko replies\n\nHrytsenko said Marn would wait for a written answer.\n\n9 mins ago (09:56 GMT)\n\nTalks stall\n\nMediators left Kessel without a date for the next round.\n";
        let src = Source {
            meta: Meta {
                source: "in/blog.txt".into(),
                ..Meta::default()
            },
            format: Format::Text,
            bytes: text.as_bytes().to_vec(),
        };
        let doc = verbatim::extract::extract(&src).unwrap();
        let r = rows(&src, &doc);
        assert_eq!(r.len(), 3);
        assert_eq!(
            (r[0].id.as_str(), r[1].id.as_str(), r[2].id.as_str()),
            ("blog", "blog#2", "blog#3")
        );
        assert_eq!(r[0].kind, "live_blog");
        assert_eq!(r[1].kind, "entry");
        assert_eq!(r[1].parent.as_deref(), Some("blog"));
        assert_eq!(r[1].title.as_deref(), Some("Hrytsenko replies"));
        assert_eq!(
            r[1].body,
            "Hrytsenko said Marn would wait for a written answer."
        );
    }

    #[test]
    fn formats_write() {
        let row = Row {
            id: "x".into(),
            title: Some("T".into()),
            body: "B".into(),
            published: None,
            authors: vec![],
            outlet: None,
            url: None,
            language: None,
            dateline: None,
            kind: "article",
            parent: None,
            source: "x.txt".into(),
            warnings: vec![],
        };
        for f in [
            OutputFormat::Jsonl,
            OutputFormat::Json,
            OutputFormat::Csv,
            OutputFormat::Table,
        ] {
            let mut buf = Vec::new();
            let mut s = Sink::new(f, &mut buf).unwrap();
            s.write(&row).unwrap();
            s.write(&row).unwrap();
            s.finish().unwrap();
            let out = String::from_utf8(buf).unwrap();
            match f {
                OutputFormat::Json => {
                    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                    assert_eq!(v.as_array().unwrap().len(), 2);
                }
                OutputFormat::Jsonl => assert_eq!(out.lines().count(), 2),
                _ => assert!(out.lines().count() >= 3),
            }
        }
    }
}
