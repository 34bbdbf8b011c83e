//! Train the cue model on a PolNeAR-style gold set and write `data/cue_model.bin`.
//!
//!     cargo run --release -p verbatim-statements --example train_cues -- \
//!         /work/shared/eval/polnear-train crates/verbatim-statements/data/cue_model.bin
//!
//! Deterministic: the same gold set gives the same bytes. A third argument, another gold
//! set (polnear-dev), reports the model's cue precision and recall there.

use std::path::Path;

use verbatim_statements::model::{train, Model};
use verbatim_statements::training::examples;

const EPOCHS: usize = 5;

/// One candidate token: its hashed features, and whether it heads a gold cue.
type Example = (Vec<u32>, bool);

/// Candidate examples of every document of a gold set.
fn load(gold_dir: &Path) -> Result<Vec<Example>, Box<dyn std::error::Error>> {
    let gold = std::fs::read_to_string(gold_dir.join("gold.jsonl"))?;
    let mut data = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let name = v["doc"].as_str().ok_or("doc without name")?;
        let text = std::fs::read_to_string(gold_dir.join("texts").join(name))?;
        let mut cues = Vec::new();
        for a in v["attributions"].as_array().into_iter().flatten() {
            if let Some(c) = a["cue"].as_array().and_then(|c| c.first()) {
                let (s, e) = (
                    c[0].as_u64().unwrap_or(0) as usize,
                    c[1].as_u64().unwrap_or(0) as usize,
                );
                cues.push((s, e));
            }
        }
        data.extend(examples(&text, &cues));
    }
    Ok(data)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 && args.len() != 4 {
        eprintln!("usage: train_cues GOLD_DIR OUT.bin [HELD_OUT_GOLD_DIR]");
        std::process::exit(2);
    }
    let data = load(Path::new(&args[1]))?;
    let pos = data.iter().filter(|(_, y)| *y).count();
    eprintln!("{} candidates, {pos} cue heads", data.len());
    let w = train(&data, EPOCHS);
    let m = Model::from_bytes(&Model::to_bytes(&w)).ok_or("model round trip failed")?;
    let (p, r) = m.precision_recall(&data);
    eprintln!("training fit: precision {p:.3} recall {r:.3}");
    if let Some(held) = args.get(3) {
        let (p, r) = m.precision_recall(&load(Path::new(held))?);
        eprintln!("held out ({held}): precision {p:.3} recall {r:.3}");
    }
    std::fs::write(&args[2], Model::to_bytes(&w))?;
    Ok(())
}
