//! The verbatim pipeline: one typed [`Doc`] flows one way through named stages.
//!
//! `ingest` (sources) → `extract` (clean blocks, articles) → `text` (sentences, tokens,
//! dates) → `actors` (mentions) → `statements`. Each per-document stage is a pure function
//! of one document plus read-only knowledge, so batches can run in parallel or sharded:
//! [`Pipeline::run_batch`] runs one on all cores, in order, and turns a panic in one
//! document's stages into an error for that document.

pub use verbatim_actors as actors;
pub use verbatim_core as core;
pub use verbatim_extract as extract;
pub use verbatim_ingest as ingest;
pub use verbatim_statements as statements;
pub use verbatim_store as store;
pub use verbatim_text as text;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::str::FromStr;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use verbatim_actors::Kb;
use verbatim_core::{Doc, Source};

/// A document that could not be processed: its `meta.source` and why.
pub type BatchError = (String, String);

/// How far to take a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Depth {
    /// Blocks and articles only.
    Extract,
    /// Plus sentences, tokens and dates.
    Text,
    /// Plus actor mentions.
    Actors,
    /// Everything, statements included.
    Statements,
}

impl Depth {
    pub const ALL: [Depth; 4] = [
        Depth::Extract,
        Depth::Text,
        Depth::Actors,
        Depth::Statements,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Depth::Extract => "extract",
            Depth::Text => "text",
            Depth::Actors => "actors",
            Depth::Statements => "statements",
        }
    }
}

impl FromStr for Depth {
    type Err = String;
    fn from_str(s: &str) -> Result<Depth, String> {
        Depth::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown depth {s:?}: use extract, text, actors or statements"))
    }
}

/// Time spent in each stage, summed over the documents processed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageTimes {
    pub extract: Duration,
    pub text: Duration,
    pub actors: Duration,
    pub statements: Duration,
}

impl StageTimes {
    pub fn total(&self) -> Duration {
        self.extract + self.text + self.actors + self.statements
    }
}

/// The per-document stages with their read-only knowledge.
pub struct Pipeline {
    pub kb: Kb,
}

impl Pipeline {
    pub fn new(kb: Kb) -> Pipeline {
        Pipeline { kb }
    }

    /// Run one source through the stages up to `depth`.
    pub fn process(&self, source: &Source, depth: Depth) -> Result<Doc, extract::ExtractError> {
        self.process_timed(source, depth, &mut StageTimes::default())
    }

    /// [`Pipeline::process`], adding the time each stage took to `times`.
    pub fn process_timed(
        &self,
        source: &Source,
        depth: Depth,
        times: &mut StageTimes,
    ) -> Result<Doc, extract::ExtractError> {
        let t = Instant::now();
        let mut doc = extract::extract(source)?;
        times.extract += t.elapsed();
        if depth >= Depth::Text {
            let t = Instant::now();
            text::annotate(&mut doc);
            times.text += t.elapsed();
        }
        if depth >= Depth::Actors {
            let t = Instant::now();
            actors::annotate(&mut doc, &self.kb);
            times.actors += t.elapsed();
        }
        if depth >= Depth::Statements {
            let t = Instant::now();
            statements::annotate(&mut doc, &self.kb);
            times.statements += t.elapsed();
        }
        Ok(doc)
    }

    /// Run sources through the stages in parallel (rayon), results in input order. A panic
    /// in one document's stages becomes an error for that document, not a crash.
    pub fn run_batch(&self, sources: Vec<Source>, depth: Depth) -> Vec<Result<Doc, BatchError>> {
        map_caught(sources, |s| {
            self.process(s, depth).map_err(|e| e.to_string())
        })
    }
}

/// Apply `f` to each source in parallel, in order, catching panics per source.
fn map_caught<F>(sources: Vec<Source>, f: F) -> Vec<Result<Doc, BatchError>>
where
    F: Fn(&Source) -> Result<Doc, String> + Sync,
{
    sources
        .into_par_iter()
        .map(
            |source| match catch_unwind(AssertUnwindSafe(|| f(&source))) {
                Ok(Ok(doc)) => Ok(doc),
                Ok(Err(reason)) => Err((source.meta.source, reason)),
                Err(panic) => Err((
                    source.meta.source,
                    format!(
                        "internal error while analysing ({})",
                        panic_message(&*panic)
                    ),
                )),
            },
        )
        .collect()
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use verbatim_core::{Format, Meta};

    fn src(name: &str, text: &str) -> Source {
        Source {
            meta: Meta {
                source: name.into(),
                ..Meta::default()
            },
            format: Format::Text,
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn batch_keeps_order_and_matches_single_runs() {
        let p = Pipeline::new(Kb::builtin());
        let sources: Vec<Source> = (0..50)
            .map(|i| {
                src(
                    &format!("doc-{i}"),
                    &format!("Doc {i}.\n\nMinister Vell said talks were over, {i} times."),
                )
            })
            .collect();
        let out = p.run_batch(sources.clone(), Depth::Statements);
        assert_eq!(out.len(), 50);
        for (s, r) in sources.iter().zip(&out) {
            let d = r.as_ref().unwrap();
            assert_eq!(d.meta.source, s.meta.source);
            assert_eq!(*d, p.process(s, Depth::Statements).unwrap());
        }
    }

    #[test]
    fn depth_parses_and_orders() {
        assert_eq!("Text".parse::<Depth>(), Ok(Depth::Text));
        assert!("everything".parse::<Depth>().is_err());
        assert!(Depth::Extract < Depth::Statements);
        let p = Pipeline::new(Kb::builtin());
        let mut t = StageTimes::default();
        p.process_timed(&src("x", "Vell said so."), Depth::Extract, &mut t)
            .unwrap();
        assert_eq!(t.text + t.actors + t.statements, Duration::ZERO);
    }

    #[test]
    fn a_panic_is_an_error_for_its_document_only() {
        let sources = vec![
            src("a", "fine"),
            src("boom", "explode"),
            src("c", "fine too"),
        ];
        let out = map_caught(sources, |s| {
            if s.bytes == b"explode" {
                panic!("stage blew up on {}", s.meta.source);
            }
            Ok(Doc::new(
                String::from_utf8_lossy(&s.bytes).into_owned(),
                s.meta.clone(),
            ))
        });
        assert_eq!(out[0].as_ref().unwrap().text, "fine");
        let (who, why) = out[1].as_ref().unwrap_err();
        assert_eq!(who, "boom");
        assert!(why.contains("stage blew up on boom"), "{why}");
        assert_eq!(out[2].as_ref().unwrap().text, "fine too");
    }
}
