//! `actors`: mentions of people, organisations, countries, places and groups, resolved
//! to canonical actors from the built-in knowledge base and the user's overrides.
//!
//! Entry point: [`annotate`], with a read-only [`Kb`].

use verbatim_core::Doc;

/// The knowledge base: read-only once built, shared by every document.
#[derive(Debug, Default)]
pub struct Kb {}

impl Kb {
    /// The built-in knowledge base.
    pub fn builtin() -> Kb {
        Kb {}
    }
}

/// Add the `mentions` layer.
pub fn annotate(doc: &mut Doc, kb: &Kb) {
    let _ = (doc, kb);
}
