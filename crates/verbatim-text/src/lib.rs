//! `text`: sentences, tokens and dates as layers over a document's blocks.
//!
//! Entry point: [`annotate`].

use verbatim_core::Doc;

/// Add the `sentences`, `tokens` and `dates` layers.
pub fn annotate(doc: &mut Doc) {
    let _ = doc;
}
