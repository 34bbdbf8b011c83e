//! `actors`: mentions of people, organisations, countries, places and groups, resolved
//! to canonical actors from the built-in knowledge base and the user's overrides.
//!
//! Entry point: [`annotate`], with a read-only [`Kb`] (build it once: [`Kb::builtin`],
//! then [`Kb::with_overrides`] for a user's TOML or CSV file).
//!
//! # For the statements stage
//!
//! After [`annotate`], `doc.layers.mentions` is sorted by start (ties: longer first) and
//! holds, per mention, its [`MentionKind`](verbatim_core::MentionKind):
//! - `Person`: a name ("Sergei Lavrov", "Lavrov", "Mr. Voronov"), linked within the
//!   document (a surname, a variant spelling, a title all point to the fullest name);
//!   `actor_id` is a KB id (e.g. `sergei-lavrov`) or a provisional `p:<hash>` for people
//!   the KB does not know; `actor` is the canonical (KB) or fullest in-document name.
//! - `Role`: "the Russian foreign minister", "Russia's top diplomat", "the head of Russian
//!   diplomacy", "the minister", and titles before a name ("Foreign Minister" in "Foreign
//!   Minister Sergei Lavrov": a `Role` mention right before the `Person` one, same actor).
//!   Resolved to whoever held the role on the article's date (`Article.published`, else
//!   `Meta.published`), or to the latest person the document gave that role.
//! - `Pronoun`: he/him/his/himself, she/her/hers/herself, linked to the latest person of a
//!   compatible gender within ~1500 bytes.
//! - `Organisation`, `Outlet`, `Country`, `Place`, `Group` (a people, e.g. "Russians").
//!
//! For spans the mention layer does not cover, [`Kb::resolve_name`] and
//! [`Kb::resolve_role`] resolve a string on a date; [`mentions_in`] scans any text.
//! Across documents, [`cluster`] groups names (provisional actors included) by
//! transliteration-folded keys, edit distance and shared given names; a store can give
//! each cluster the id `provisional_id("p", &name_key(representative))`.

mod kb;
pub mod norm;
mod scan;

use chrono::NaiveDate;
use verbatim_core::{Doc, Mention};

pub use kb::{Actor, ActorKind, ActorRef, Gender, Kb, KbError, RoleDef, RoleSpell};
pub use norm::{cluster, fold_word, name_key, provisional_id};

/// Add the `mentions` layer (replacing any already there), sorted by start.
pub fn annotate(doc: &mut Doc, kb: &Kb) {
    let dates = scan::Dates::of(doc);
    doc.layers.mentions = scan::scan(&doc.text, &dates, kb);
}

/// The mentions in a bare text, with roles resolved on `on`.
pub fn mentions_in(text: &str, on: Option<NaiveDate>, kb: &Kb) -> Vec<Mention> {
    scan::scan(text, &scan::Dates::fixed(on), kb)
}

#[cfg(test)]
mod tests;
