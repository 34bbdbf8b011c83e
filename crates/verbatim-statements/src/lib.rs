//! `statements`: who said what, how, to whom and through whom.
//!
//! Entry point: [`annotate`].

use verbatim_actors::Kb;
use verbatim_core::Doc;

/// Add the `statements` layer. Needs `blocks`, `sentences` and `tokens`; uses `mentions`.
pub fn annotate(doc: &mut Doc, kb: &Kb) {
    let _ = (doc, kb);
}
