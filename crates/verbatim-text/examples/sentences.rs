//! Print the sentences (and dates) `annotate` finds in text files, one block per
//! non-empty line: `cargo run -p verbatim-text --example sentences -- [--spans] FILE...`.
//! `--spans` prints `S|T<TAB>file<TAB>start<TAB>end` per sentence and token instead. `PUBLISHED` (RFC 3339)
//! sets the article date.

use verbatim_core::{Doc, Meta};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let spans_only = args.iter().any(|a| a == "--spans");
    for path in args.iter().filter(|a| *a != "--spans") {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let mut doc = Doc::of_lines(text, Meta::default());
        doc.layers.articles[0].published =
            std::env::var("PUBLISHED").ok().and_then(|p| p.parse().ok());
        verbatim_text::annotate(&mut doc);
        if spans_only {
            let name = path.rsplit('/').next().unwrap_or(path);
            for s in &doc.layers.sentences {
                println!("S\t{name}\t{}\t{}", s.span.start, s.span.end);
            }
            for t in &doc.layers.tokens {
                println!("T\t{name}\t{}\t{}", t.span.start, t.span.end);
            }
            continue;
        }
        println!("== {path}");
        for s in &doc.layers.sentences {
            println!("[{}] {}", s.block, doc.slice(s.span));
        }
        for d in &doc.layers.dates {
            println!("DATE {:?} -> {:?} {:?}", doc.slice(d.span), d.date, d.time);
        }
    }
}
