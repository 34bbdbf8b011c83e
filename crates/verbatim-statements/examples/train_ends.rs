//! Train the content-end model on a PolNeAR-style gold set and write `data/end_model.bin`.
//!
//!     cargo run --release -p verbatim-statements --example train_ends -- \
//!         ../shared/eval/polnear-train crates/verbatim-statements/data/end_model.bin
//!
//! Deterministic. A third argument, another gold set, reports precision and recall of the
//! model's end decisions there.

mod common;

use verbatim_statements::training::end_examples;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    common::main(
        "train_ends",
        ("possible ends", "gold ends"),
        &|text, golds| {
            let golds: Vec<_> = golds
                .iter()
                .filter_map(|a| {
                    Some((
                        common::first_span(&a["cue"])?,
                        common::first_span(&a["content"])?,
                    ))
                })
                .collect();
            end_examples(text, &golds)
        },
    )
}
