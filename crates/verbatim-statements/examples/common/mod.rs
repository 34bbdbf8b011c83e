//! What both training examples share: reading a PolNeAR-style gold set, training the
//! averaged perceptron, reporting its fit and writing the weights.

use std::path::Path;

use verbatim_statements::model::{train, Model};

pub const EPOCHS: usize = 5;

/// One labelled decision: its hashed features, and whether gold takes it.
pub type Example = (Vec<u32>, bool);

type Error = Box<dyn std::error::Error>;

/// The first span of a gold field (`[[start, end], …]`).
pub fn first_span(v: &serde_json::Value) -> Option<(usize, usize)> {
    let c = v.as_array()?.first()?;
    Some((c[0].as_u64()? as usize, c[1].as_u64()? as usize))
}

/// The examples of every document of a gold set: `examples(text, attributions)`.
fn load(
    gold_dir: &Path,
    examples: &dyn Fn(&str, &[serde_json::Value]) -> Vec<Example>,
) -> Result<Vec<Example>, Error> {
    let gold = std::fs::read_to_string(gold_dir.join("gold.jsonl"))?;
    let mut data = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let name = v["doc"].as_str().ok_or("doc without name")?;
        let text = std::fs::read_to_string(gold_dir.join("texts").join(name))?;
        let attributions = v["attributions"].as_array().map_or(&[][..], |a| &a[..]);
        data.extend(examples(&text, attributions));
    }
    Ok(data)
}

/// `NAME GOLD_DIR OUT.bin [HELD_OUT_GOLD_DIR]`: train on the first gold set, write the
/// model, and report precision and recall on the training set and the held-out one.
/// `what` names the examples and their positives in the log ("candidates", "cue heads").
pub fn main(
    name: &str,
    what: (&str, &str),
    examples: &dyn Fn(&str, &[serde_json::Value]) -> Vec<Example>,
) -> Result<(), Error> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 && args.len() != 4 {
        eprintln!("usage: {name} GOLD_DIR OUT.bin [HELD_OUT_GOLD_DIR]");
        std::process::exit(2);
    }
    let data = load(Path::new(&args[1]), examples)?;
    let pos = data.iter().filter(|(_, y)| *y).count();
    eprintln!("{} {}, {pos} {}", data.len(), what.0, what.1);
    let w = train(&data, EPOCHS);
    let m = Model::from_bytes(&Model::to_bytes(&w)).ok_or("model round trip failed")?;
    let (p, r) = m.precision_recall(&data);
    eprintln!("training fit: precision {p:.3} recall {r:.3}");
    if let Some(held) = args.get(3) {
        let (p, r) = m.precision_recall(&load(Path::new(held), examples)?);
        eprintln!("held out ({held}): precision {p:.3} recall {r:.3}");
    }
    std::fs::write(&args[2], Model::to_bytes(&w))?;
    Ok(())
}
