//! Train the content-end model on a PolNeAR-style gold set and write `data/end_model.bin`.
//!
//!     cargo run --release -p verbatim-statements --example train_ends -- \
//!         ../shared/eval/polnear-train crates/verbatim-statements/data/end_model.bin
//!
//! Deterministic. A third argument, another gold set, reports precision and recall of the
//! model's end decisions there.

use std::path::Path;

use verbatim_statements::model::{train, Model};
use verbatim_statements::training::end_examples;

const EPOCHS: usize = 5;

type Example = (Vec<u32>, bool);

fn load(gold_dir: &Path) -> Result<Vec<Example>, Box<dyn std::error::Error>> {
    let gold = std::fs::read_to_string(gold_dir.join("gold.jsonl"))?;
    let span = |v: &serde_json::Value| -> Option<(usize, usize)> {
        let c = v.as_array()?.first()?;
        Some((c[0].as_u64()? as usize, c[1].as_u64()? as usize))
    };
    let mut data = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let name = v["doc"].as_str().ok_or("doc without name")?;
        let text = std::fs::read_to_string(gold_dir.join("texts").join(name))?;
        let golds: Vec<_> = v["attributions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| Some((span(&a["cue"])?, span(&a["content"])?)))
            .collect();
        data.extend(end_examples(&text, &golds));
    }
    Ok(data)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 && args.len() != 4 {
        eprintln!("usage: train_ends GOLD_DIR OUT.bin [HELD_OUT_GOLD_DIR]");
        std::process::exit(2);
    }
    let data = load(Path::new(&args[1]))?;
    let pos = data.iter().filter(|(_, y)| *y).count();
    eprintln!("{} possible ends, {pos} gold ends", data.len());
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
