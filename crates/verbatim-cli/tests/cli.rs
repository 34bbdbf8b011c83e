//! End-to-end tests of the `verbatim` binary: ingest of every input format, bad inputs,
//! listing and export, and a kill -9 in the middle of an ingest.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");

fn verbatim(store: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("run verbatim")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ingest(store: &Path, paths: &[&Path], extra: &[&str]) -> Output {
    let mut args = vec!["ingest".to_string()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    verbatim(store, &args)
}

/// The summary line: (new, present, rejected).
fn summary(o: &Output) -> (usize, usize, usize) {
    let out = stdout(o);
    let line = out.lines().last().unwrap_or_default().to_string();
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(
        line.contains("new,") && line.contains("already present,") && nums.len() == 3,
        "unexpected summary {line:?}; stderr: {}",
        stderr(o)
    );
    (nums[0], nums[1], nums[2])
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn article(n: usize) -> String {
    format!(
        "Harbour talks resume in Ostrava ({n})\n\n\
         OSTRAVA, March {d} (Kessel Times) - Foreign Minister Ilya Voronov said on Monday that \
         the harbour talks would resume within a week, round {n}.\n\n\
         \"We are ready to sit down again,\" Voronov told reporters in Kessel.\n",
        d = n % 28 + 1
    )
}

fn warc(records: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    let info = "software: verbatim tests\r\n";
    let rec = |kind: &str, uri: &str, content: &str| {
        format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n{content}\r\n\r\n",
            content.len()
        )
    };
    out.extend(gz(rec("warcinfo", "", info).as_bytes()));
    for (uri, html) in records {
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
        out.extend(gz(rec("response", uri, &http).as_bytes()));
    }
    out
}

fn html(n: usize) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Marn Herald: ceasefire line {n}</title></head><body>\
         <article><h1>Ceasefire line holds, says Melnyk ({n})</h1>\
         <p>MARN, March 3 (Marn Herald) - Defence Minister Oksana Melnyk said the ceasefire line \
         near Brody held overnight, report {n}.</p>\
         <p>\"Nothing crossed,\" Melnyk told the assembly.</p></article></body></html>"
    )
}

/// One file of every supported format, each holding distinct documents.
fn formats(dir: &Path) -> Vec<(PathBuf, usize)> {
    let mut files = Vec::new();
    let mut add = |name: &str, data: Vec<u8>, docs: usize| {
        let p = dir.join(name);
        std::fs::write(&p, data).unwrap();
        files.push((p, docs));
    };
    add("a.txt", article(1).into_bytes(), 1);
    add("b.html", html(2).into_bytes(), 1);
    add("c.txt.gz", gz(article(3).as_bytes()), 1);
    let jsonl = (4..7)
        .map(|n| {
            serde_json::json!({"text": article(n), "url": format!("https://kt.example/{n}"),
                               "published": "2027-03-02", "outlet": "Kessel Times"})
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n");
    add("d.jsonl", jsonl.into_bytes(), 3);
    let (h7, h8) = (html(7), html(8));
    add(
        "e.warc.gz",
        warc(&[("https://mh.example/7", &h7), ("https://mh.example/8", &h8)]),
        2,
    );
    files
}

#[test]
fn every_format_ingests_and_reingest_adds_nothing() {
    let d = tempfile::tempdir().unwrap();
    let store = d.path().join("store/v.db");
    let files = formats(d.path());
    let mut total = 0;
    for (path, docs) in &files {
        let o = ingest(&store, &[path], &[]);
        assert_eq!(
            summary(&o),
            (*docs, 0, 0),
            "{}: {}",
            path.display(),
            stderr(&o)
        );
        assert!(o.status.success(), "{}", path.display());
        total += docs;
    }
    // stdin
    let mut child = Command::new(BIN)
        .args(["--store", store.to_str().unwrap(), "ingest", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(article(9).as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(summary(&o), (1, 0, 0), "{}", stderr(&o));
    total += 1;
    // Not a terminal: no progress output.
    assert!(!stderr(&o).contains("MB read"), "{}", stderr(&o));

    let paths: Vec<&Path> = files.iter().map(|(p, _)| p.as_path()).collect();
    let o = ingest(&store, &paths, &[]);
    assert_eq!(summary(&o), (0, total - 1, 0));
    assert!(o.status.success());

    let o = verbatim(&store, &["docs", "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), total);
    assert!(lines
        .iter()
        .all(|v| v["id"].as_str().is_some_and(|id| id.len() == 32)));
    let sources: Vec<&str> = lines.iter().filter_map(|v| v["source"].as_str()).collect();
    assert!(
        sources.iter().any(|s| s.ends_with("d.jsonl#line-2")),
        "{sources:?}"
    );
    assert!(
        sources.iter().any(|s| s.ends_with("e.warc.gz#record-3")),
        "{sources:?}"
    );
    assert!(sources.contains(&"-"), "{sources:?}");
}

#[test]
fn bad_inputs_are_reported_and_good_ones_kept() {
    let d = tempfile::tempdir().unwrap();
    let store = d.path().join("v.db");
    let dir = d.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let w = |name: &str, data: &[u8]| std::fs::write(dir.join(name), data).unwrap();
    w("good1.txt", article(1).as_bytes());
    w("good2.txt.gz", &gz(article(2).as_bytes()));
    w("empty.txt", b"");
    w(
        "blob.bin",
        &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 0, 0, 0, 9],
    );
    let mut cut = gz(article(3).as_bytes());
    cut.truncate(cut.len() / 2);
    w("cut.txt.gz", &cut);
    w("bomb.txt.gz", &gz(&vec![b' '; 4 << 20]));
    let mut cut_warc = warc(&[("https://mh.example/1", &html(1))]);
    let second = warc(&[("https://mh.example/2", &html(2))]);
    cut_warc.extend_from_slice(&second[..second.len() - 30]);
    w("cut.warc.gz", &cut_warc);
    let lines = format!(
        "{}\n{{\"text\": \"unterminated\n{}\n",
        serde_json::json!({"text": article(4)}),
        serde_json::json!({"text": article(5)})
    );
    w("mixed.jsonl", lines.as_bytes());

    let o = ingest(&store, &[&dir], &["--max-doc-bytes", "1M"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let line_for = |name: &str, reason: &str| {
        let path = dir.join(name).display().to_string();
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("verbatim: {path}")) && l.contains(reason)),
            "no line for {name} with {reason:?} in:\n{err}"
        );
    };
    line_for("empty.txt", ": empty");
    line_for("blob.bin", "binary");
    line_for("cut.txt.gz", "truncated");
    line_for("bomb.txt.gz", "decompressed size exceeds 1048576 bytes");
    line_for("cut.warc.gz", "truncated WARC");
    line_for("mixed.jsonl#line-2", "malformed JSON");
    // good1, good2, the first WARC record, and two JSONL lines.
    assert_eq!(summary(&o), (5, 0, 6));
    let o = verbatim(&store, &["stats", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["docs"], 5);
}

#[test]
fn a_missing_path_is_rejected_and_the_rest_go_on() {
    let d = tempfile::tempdir().unwrap();
    let store = d.path().join("v.db");
    let good = d.path().join("ok.txt");
    std::fs::write(&good, article(1)).unwrap();
    let missing = d.path().join("gone.txt");
    let o = ingest(&store, &[&missing, &good], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("verbatim: {}: no such file", missing.display())));
    assert_eq!(summary(&o), (1, 0, 1));
}

#[test]
fn listing_showing_and_exporting() {
    let d = tempfile::tempdir().unwrap();
    let store = d.path().join("v.db");
    let files = formats(d.path());
    let paths: Vec<&Path> = files.iter().map(|(p, _)| p.as_path()).collect();
    let o = ingest(&store, &paths, &[]);
    let (n, _, _) = summary(&o);
    assert_eq!(n, 8);

    let o = verbatim(&store, &["docs", "--format", "json", "--limit", "3"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    let o = verbatim(&store, &["docs", "--format", "csv"]);
    let csv = stdout(&o);
    assert!(csv.starts_with("id,source,"), "{csv}");
    assert_eq!(csv.lines().count(), 9);
    let table = stdout(&verbatim(&store, &["docs"]));
    assert!(table.starts_with("ID "), "{table}");

    let id = v[0]["id"].as_str().unwrap().to_string();
    let o = verbatim(&store, &["show", &id, "--format", "json"]);
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["id"], id.as_str());
    assert!(
        doc["text"].as_str().unwrap().contains("Voronov")
            || doc["text"].as_str().unwrap().contains("Melnyk")
    );
    let o = verbatim(&store, &["show", &id[..10]]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(
        t.contains(&id) && t.contains("── ") && t.contains("statements"),
        "{t}"
    );
    let o = verbatim(&store, &["show", "ffffffffffffffff"]);
    assert_eq!(o.status.code(), Some(2));

    let o = verbatim(&store, &["export", "--what", "docs"]);
    let docs: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 8);
    assert!(docs.iter().all(|d| d["layers"]["blocks"].is_array()));
    let o = verbatim(&store, &["export", "--what", "docs", "--format", "json"]);
    let all: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 8);
    let o = verbatim(
        &store,
        &["export", "--what", "statements", "--format", "csv"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("id,doc_id,idx,"));
    let o = verbatim(
        &store,
        &["export", "--what", "statements", "--format", "jsonl"],
    );
    let stats: Value =
        serde_json::from_str(&stdout(&verbatim(&store, &["stats", "--format", "json"]))).unwrap();
    assert_eq!(
        stdout(&o).lines().count() as u64,
        stats["statements"].as_u64().unwrap()
    );
    assert_eq!(stats["docs"], 8);
    assert_eq!(stats["integrity_ok"], true);
}

#[test]
fn reading_commands_need_an_existing_store() {
    let d = tempfile::tempdir().unwrap();
    let store = d.path().join("none.db");
    let o = verbatim(&store, &["docs"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    assert!(!store.exists());
}

#[test]
fn kill_9_mid_ingest_leaves_committed_batches_intact() {
    let d = tempfile::tempdir().unwrap();
    let store = d.path().join("v.db");
    let input = d.path().join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
    let docs = 30_000;
    for n in 0..docs {
        writeln!(
            f,
            "{}",
            serde_json::json!({"text": article(n), "outlet": "Kessel Times"})
        )
        .unwrap();
    }
    drop(f);
    let batch = 40;
    let mut child = Command::new(BIN)
        .args([
            "--store",
            store.to_str().unwrap(),
            "ingest",
            "--batch",
            &batch.to_string(),
        ])
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first committed batch, then kill without warning.
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let o = verbatim(&store, &["docs", "--format", "jsonl", "--limit", "1"]);
        if o.status.success() && !o.stdout.is_empty() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no batch committed"
        );
    }
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let o = verbatim(&store, &["stats", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["integrity_ok"], true);
    let kept = v["docs"].as_u64().unwrap() as usize;
    eprintln!("killed with {kept} of {docs} documents committed");
    assert!(kept > 0);
    // Every document is distinct, so whole batches only: no half-written transaction.
    assert_eq!(
        kept % batch,
        0,
        "{kept} docs is not whole batches of {batch}"
    );
    let o = verbatim(&store, &["export", "--what", "docs"]);
    assert_eq!(stdout(&o).lines().count(), kept);
    // Finishing the job later adds exactly what was missing.
    let o = ingest(
        &store,
        &[&input],
        &["--depth", "extract", "--batch", "1000"],
    );
    assert_eq!(summary(&o), (docs - kept, kept, 0));
}

/// The demo corpus and bad inputs in `examples/`.
#[test]
fn examples_corpus_and_bad_inputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    if !root.join("corpus").is_dir() || !root.join("bad").is_dir() {
        eprintln!("skipping: {} not found", root.display());
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let store = d.path().join("v.db");
    let o = ingest(&store, &[&root.join("corpus")], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (new, _, rejected) = summary(&o);
    assert!(new >= 10 && rejected == 0);
    let o = ingest(&store, &[&root.join("bad")], &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for name in [
        "empty.txt",
        "random.bin",
        "bomb.txt.gz",
        "truncated.txt.gz",
        "truncated.warc.gz",
        "mixed.jsonl#line-",
    ] {
        if root
            .join("bad")
            .join(name.split('#').next().unwrap())
            .exists()
        {
            assert!(err.contains(name), "{name} not reported:\n{err}");
        }
    }
}

#[test]
fn default_store_is_in_the_user_data_dir() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("a.txt");
    std::fs::write(&input, article(1)).unwrap();
    let o = Command::new(BIN)
        .env_remove("VERBATIM_STORE")
        .env("HOME", d.path())
        .env("XDG_DATA_HOME", d.path().join("data"))
        .arg("ingest")
        .arg(&input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.path().join("data/verbatim/verbatim.db").is_file());
    // The environment variable names the store too.
    let other = d.path().join("env.db");
    let o = Command::new(BIN)
        .env("VERBATIM_STORE", &other)
        .arg("ingest")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(summary(&o), (1, 0, 0));
    assert!(other.is_file());
}

#[test]
fn bench_ingest_times_ingest_and_index_apart_and_together() {
    let d = tempfile::tempdir().unwrap();
    for n in 0..4 {
        std::fs::write(d.path().join(format!("a{n}.txt")), article(n)).unwrap();
    }
    let dir = d.path().display().to_string();
    let run = |extra: &[&str]| -> Vec<Value> {
        let mut args = vec!["bench", "ingest", dir.as_str(), "--repeat", "2", "--json"];
        args.extend(extra);
        let o = verbatim(&d.path().join("unused.db"), &args);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let lines = run(&[]);
    let names: Vec<&str> = lines.iter().map(|v| v["bench"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "bench ingest (read, detect, decompress, hash, store)",
            "  then the full-text index",
            "  ingest and index together",
        ]
    );
    let secs = |v: &Value| v["best"]["secs"].as_f64().unwrap();
    for v in &lines {
        assert_eq!(v["docs"], 4);
        assert!(secs(v) > 0.0);
    }
    // Together is the sum of the two phases, run by run, so never faster than either.
    assert!(secs(&lines[2]) >= secs(&lines[0]) && secs(&lines[2]) >= secs(&lines[1]));
    let now = run(&["--index-now"]);
    assert_eq!(now.len(), 1);
    assert_eq!(now[0]["docs"], 4);
}
