//! End-to-end tests of `verbatim statements`: PATHs through the pipeline (every output
//! format, offsets valid in the input file, exit status), and the store query mode.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");

const STORY: &str = "Voronov warns of ‘response’ as talks stall\n\n\
Valdorian Foreign Minister Ilya Voronov said on Tuesday that Kessel would not send negotiators back to Marn.\n\n\
“We will not allow anyone to dictate terms to us,” Voronov told reporters in Kessel.\n\n\
‘Let’s hope our colleagues don’t keep us waiting,’ the minister added.\n";

fn run(store: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("run verbatim")
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn jsonl_statements_carry_valid_offsets_and_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.txt");
    std::fs::write(&file, STORY).unwrap();
    let o = run(
        &dir.path().join("s.db"),
        &["statements", file.to_str().unwrap(), "--format", "jsonl"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = lines(&o);
    assert!(rows.len() >= 3, "{rows:#?}");
    for r in &rows {
        assert_eq!(r["doc"], "story.txt");
        for key in ["content", "source", "cue"] {
            for span in r[key].as_array().unwrap() {
                let (s, e) = (
                    span[0].as_u64().unwrap() as usize,
                    span[1].as_u64().unwrap() as usize,
                );
                assert!(s < e && e <= STORY.len());
                assert!(STORY.is_char_boundary(s) && STORY.is_char_boundary(e));
            }
        }
        let first = &r["content"][0];
        let (s, e) = (
            first[0].as_u64().unwrap() as usize,
            first[1].as_u64().unwrap() as usize,
        );
        assert!(r["content_text"]
            .as_str()
            .unwrap()
            .starts_with(&STORY[s..e]));
        assert_eq!(r["speaker"], "Ilya Voronov", "{r:#?}");
    }
    let direct = rows
        .iter()
        .find(|r| {
            r["content_text"]
                .as_str()
                .unwrap()
                .contains("dictate terms")
        })
        .unwrap();
    assert_eq!(direct["kind"], "direct");
    assert!(direct["audience"]
        .as_str()
        .unwrap()
        .starts_with("told reporters"));
}

#[test]
fn table_csv_and_json_formats_and_a_missing_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.txt");
    std::fs::write(&file, STORY).unwrap();
    let store = dir.path().join("s.db");
    let f = file.to_str().unwrap();
    let table = run(&store, &["statements", f, "--format", "table"]);
    let listing = String::from_utf8_lossy(&table.stdout);
    assert!(listing.contains("Ilya Voronov"));
    assert!(listing.contains("audience: told reporters"), "{listing}");
    let csv = run(&store, &["statements", f, "--format", "csv"]);
    assert!(String::from_utf8_lossy(&csv.stdout).starts_with("doc,speaker,speaker_id,kind"));
    let json = run(&store, &["statements", f, "--format", "json"]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v.as_array().is_some_and(|a| !a.is_empty()));
    let missing = dir.path().join("nope.txt");
    let o = run(
        &store,
        &[
            "statements",
            f,
            missing.to_str().unwrap(),
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "a rejected input exits 1");
    assert!(
        !lines(&o).is_empty(),
        "the readable input is still processed"
    );
}

#[test]
fn without_paths_the_store_is_queried() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.txt");
    std::fs::write(&file, STORY).unwrap();
    let store = dir.path().join("s.db");
    let o = run(&store, &["ingest", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(
        &store,
        &[
            "statements",
            "--speaker",
            "Voronov",
            "--kind",
            "direct",
            "--format",
            "jsonl",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = lines(&o);
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["kind"] == "direct" && r["speaker"] == "Ilya Voronov"),
        "{rows:#?}"
    );
    let none = run(
        &store,
        &["statements", "--speaker", "Lindqvist", "--format", "jsonl"],
    );
    assert!(lines(&none).is_empty());
    let bad = run(&store, &["statements", "--kind", "shouted"]);
    assert_eq!(bad.status.code(), Some(2));
}
