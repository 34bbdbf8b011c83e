//! Print the mentions `verbatim-actors` finds in text files (whole file, no extraction).
//! `cargo run --release -p verbatim-actors --example mentions -- FILE... [--date YYYY-MM-DD]`

use chrono::NaiveDate;
use verbatim_actors::{mentions_in, Kb};

fn main() {
    let mut date = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--date" {
            date = args
                .next()
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        } else {
            files.push(a);
        }
    }
    let kb = Kb::builtin();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable UTF-8 file");
        for m in mentions_in(&text, date, &kb) {
            println!(
                "{f}\t{:?}\t{}\t{:?}\t{}",
                m.kind,
                &text[m.span.range()].replace('\n', " "),
                m.actor_id.as_deref().unwrap_or("-"),
                m.actor.as_deref().unwrap_or("-")
            );
        }
    }
}
