//! One module per subcommand, each with `Args` and `run`.
//! Exit status: 0 all inputs taken, 1 some inputs rejected, 2 usage or fatal error.

use std::path::PathBuf;

use anyhow::Context;
use verbatim::Depth;
use verbatim_store::Store;

pub mod actors;
pub mod bench;
pub mod docs;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod serve;
pub mod show;
pub mod statements;
pub mod stats;

/// Options shared by every command.
pub struct Global {
    pub store: Option<PathBuf>,
}

impl Global {
    /// `--store`, else the per-user data directory's `verbatim/verbatim.db`.
    pub fn store_path(&self) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.store {
            return Ok(p.clone());
        }
        let dir = dirs::data_dir().context("no per-user data directory; pass --store PATH")?;
        Ok(dir.join("verbatim").join("verbatim.db"))
    }

    /// Open the store for writing, creating it (and its directory) if missing.
    pub fn open_store(&self) -> anyhow::Result<Store> {
        let path = self.store_path()?;
        Store::open(&path).with_context(|| format!("opening store {}", path.display()))
    }

    /// Open an existing store for reading; a missing store is an error, not created.
    pub fn open_store_read_only(&self) -> anyhow::Result<Store> {
        let path = self.store_path()?;
        if !path.exists() {
            anyhow::bail!(
                "store {} does not exist; run `verbatim ingest PATH...` first",
                path.display()
            );
        }
        Store::open_read_only(&path).with_context(|| format!("opening store {}", path.display()))
    }

    /// Open an existing store read-write (migrating it if needed); a missing one is an error.
    pub fn open_existing_store(&self) -> anyhow::Result<Store> {
        let path = self.store_path()?;
        if !path.exists() {
            anyhow::bail!(
                "store {} does not exist; run `verbatim ingest PATH...` first",
                path.display()
            );
        }
        Store::open(&path).with_context(|| format!("opening store {}", path.display()))
    }
}

/// `--depth` on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DepthArg {
    Extract,
    Text,
    Actors,
    Statements,
}

impl From<DepthArg> for Depth {
    fn from(d: DepthArg) -> Depth {
        match d {
            DepthArg::Extract => Depth::Extract,
            DepthArg::Text => Depth::Text,
            DepthArg::Actors => Depth::Actors,
            DepthArg::Statements => Depth::Statements,
        }
    }
}

/// Parse a byte count: plain digits, or with a K/M/G suffix (binary multiples).
pub fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        None => (t, 1u64),
        Some((i, _)) => {
            let unit = t[i..].trim().to_ascii_lowercase();
            let mult = match unit.trim_end_matches("ib").trim_end_matches('b') {
                "" => 1,
                "k" => 1 << 10,
                "m" => 1 << 20,
                "g" => 1 << 30,
                _ => return Err(format!("bad size {s:?}: use e.g. 1048576, 512K, 32M, 1G")),
            };
            (&t[..i], mult)
        }
    };
    let n: u64 = num
        .parse()
        .map_err(|_| format!("bad size {s:?}: use e.g. 1048576, 512K, 32M, 1G"))?;
    match n.checked_mul(mult) {
        Some(0) | None => Err(format!("bad size {s:?}: must be between 1 and 2^64")),
        Some(v) => Ok(v),
    }
}

/// A value cut to `max` chars on one line, for tables.
pub fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut out: String = flat.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Run the pipeline over PATHs without the store. Sources are read in batches and
/// analysed in parallel; `each` sees the documents in input order. Every rejected input is
/// one stderr line, `verbatim: PATH: reason`; returns how many there were.
pub fn analyse_paths(
    paths: &[PathBuf],
    pipeline: &verbatim::Pipeline,
    depth: verbatim::Depth,
    mut each: impl FnMut(verbatim::core::Doc) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    const BATCH: usize = 64;
    let mut rejected = 0usize;
    let mut batch = Vec::with_capacity(BATCH);
    let mut flush =
        |batch: &mut Vec<verbatim::core::Source>, rejected: &mut usize| -> anyhow::Result<()> {
            for result in pipeline.run_batch(std::mem::take(batch), depth) {
                match result {
                    Ok(doc) => each(doc)?,
                    Err((source, reason)) => {
                        eprintln!("verbatim: {source}: {reason}");
                        *rejected += 1;
                    }
                }
            }
            Ok(())
        };
    for source in verbatim::ingest::read(paths, &Default::default()) {
        match source {
            Ok(s) => batch.push(s),
            Err(e) => {
                eprintln!("verbatim: {e}");
                rejected += 1;
            }
        }
        if batch.len() == BATCH {
            flush(&mut batch, &mut rejected)?;
        }
    }
    flush(&mut batch, &mut rejected)?;
    Ok(rejected)
}

/// A document's name in listings: its file name, keeping a `#line-N` or `#record-N` part.
pub fn doc_name(source: &str) -> String {
    let (path, frag) = match source.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (source, None),
    };
    let base = std::path::Path::new(path)
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    match frag {
        Some(f) => format!("{base}#{f}"),
        None => base,
    }
}

/// Close a PATH-mode listing: JSON rows (when the format is JSON) become one array, CSV
/// rows are flushed, and the exit status says whether any input was rejected.
pub fn finish_rows(
    mut out: impl std::io::Write,
    json_rows: Option<&[serde_json::Value]>,
    csv_out: Option<csv::Writer<Vec<u8>>>,
    rejected: usize,
) -> anyhow::Result<std::process::ExitCode> {
    if let Some(rows) = json_rows {
        serde_json::to_writer_pretty(&mut out, rows)?;
        writeln!(out)?;
    }
    if let Some(w) = csv_out {
        out.write_all(&w.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))?)?;
    }
    out.flush()?;
    Ok(if rejected > 0 {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_names_keep_fragments() {
        assert_eq!(doc_name("/a/b/c.txt"), "c.txt");
        assert_eq!(doc_name("/a/feed.jsonl#line-3"), "feed.jsonl#line-3");
        assert_eq!(doc_name("-"), "-");
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_bytes("1024"), Ok(1024));
        assert_eq!(parse_bytes("32M"), Ok(32 << 20));
        assert_eq!(parse_bytes("2KiB"), Ok(2048));
        assert!(parse_bytes("0").is_err());
        assert!(parse_bytes("12Q").is_err());
    }

    #[test]
    fn one_line_cuts_and_flattens() {
        assert_eq!(one_line("a\n b", 10), "a b");
        assert_eq!(one_line("abcdef", 4), "abc…");
    }
}
