//! The verbatim pipeline: one typed [`Doc`] flows one way through named stages.
//!
//! `ingest` (sources) → `extract` (clean blocks, articles) → `text` (sentences, tokens,
//! dates) → `actors` (mentions) → `statements`. Each per-document stage is a pure function
//! of one document plus read-only knowledge, so batches can run in parallel or sharded.

pub use verbatim_actors as actors;
pub use verbatim_core as core;
pub use verbatim_extract as extract;
pub use verbatim_ingest as ingest;
pub use verbatim_statements as statements;
pub use verbatim_store as store;
pub use verbatim_text as text;

use verbatim_actors::Kb;
use verbatim_core::{Doc, Source};

/// How far to take a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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
        let mut doc = extract::extract(source)?;
        if depth >= Depth::Text {
            text::annotate(&mut doc);
        }
        if depth >= Depth::Actors {
            actors::annotate(&mut doc, &self.kb);
        }
        if depth >= Depth::Statements {
            statements::annotate(&mut doc, &self.kb);
        }
        Ok(doc)
    }
}
