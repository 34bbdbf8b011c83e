//! Times the HTML extractor page by page and prints its bodies as JSON lines.
//!
//!     cargo run --release -p verbatim-extract --example html_bench -- DIR [--raw] > pred.jsonl
//!
//! `--raw` runs rs-trafilatura alone on the raw bytes (no scan, no cleanup), for comparison.
//! Timing (single thread, after reading and gunzipping, after one warm-up page) goes to
//! stderr.

use std::io::Read;
use std::time::Instant;

use verbatim_core::{Format, Meta, Source};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().expect("usage: html_bench DIR [--raw]");
    let raw = args.iter().any(|a| a == "--raw");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    // One untimed run first: the regexes compile on first use, once per process.
    let warm = Source {
        meta: Meta::default(),
        format: Format::Html,
        bytes: b"<html><body><p>Voronov spoke in Kessel on Tuesday.</p></body></html>".to_vec(),
    };
    let _ = verbatim_extract::extract(&warm);
    let cpu0 = cpu_seconds();
    let mut times = Vec::new();
    let mut total_bytes = 0usize;
    let mut total_secs = 0f64;
    for p in paths {
        let mut bytes = std::fs::read(&p).expect("read");
        if p.extension().is_some_and(|e| e == "gz") {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .expect("gunzip");
            bytes = out;
        }
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let id = name.split('.').next().unwrap().to_string();
        let t = Instant::now();
        let body = if raw {
            rs_trafilatura::extract_bytes(&bytes)
                .map(|r| r.content_text)
                .unwrap_or_default()
        } else {
            let src = Source {
                meta: Meta {
                    source: name.clone(),
                    ..Meta::default()
                },
                format: Format::Html,
                bytes: bytes.clone(),
            };
            let doc = verbatim_extract::extract(&src).expect("extract");
            doc.article_body_text(0)
        };
        let secs = t.elapsed().as_secs_f64();
        total_bytes += bytes.len();
        total_secs += secs;
        times.push((secs * 1000.0, name));
        println!("{}", serde_json::json!({"id": id, "body": body}));
    }
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = times.len();
    if n == 0 {
        return;
    }
    eprintln!(
        "pages {n}: min {:.1} ms, median {:.1} ms, max {:.1} ms ({}); {:.1} MB in {:.2} s = {:.1} MB/s on one core",
        times[0].0,
        times[n / 2].0,
        times[n - 1].0,
        times[n - 1].1,
        total_bytes as f64 / 1e6,
        total_secs,
        total_bytes as f64 / 1e6 / total_secs
    );
    if let Some(cpu) = cpu {
        // Wall time suffers when other jobs share the cores; CPU time does not.
        eprintln!(
            "process CPU time {cpu:.2} s = {:.1} MB per CPU-second (includes reading and gunzipping)",
            total_bytes as f64 / 1e6 / cpu
        );
    }
    for (ms, name) in times.iter().rev().take(5) {
        eprintln!("  slowest: {ms:.1} ms {name}");
    }
}

/// User + system CPU time of this process (Linux `/proc`, 100 ticks a second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
