//! Train the cue model on a PolNeAR-style gold set and write `data/cue_model.bin`.
//!
//!     cargo run --release -p verbatim-statements --example train_cues -- \
//!         /work/shared/eval/polnear-train crates/verbatim-statements/data/cue_model.bin
//!
//! Deterministic: the same gold set gives the same bytes. A third argument, another gold
//! set (polnear-dev), reports the model's cue precision and recall there.

mod common;

use verbatim_statements::training::examples;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    common::main("train_cues", ("candidates", "cue heads"), &|text, golds| {
        // (A cue without a readable span still counts, as an empty one at 0.)
        let cues: Vec<_> = golds
            .iter()
            .filter(|a| a["cue"].as_array().is_some_and(|c| !c.is_empty()))
            .map(|a| common::first_span(&a["cue"]).unwrap_or((0, 0)))
            .collect();
        examples(text, &cues)
    })
}
