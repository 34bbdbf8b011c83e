//! `text`: sentences, tokens and dates as layers over a document's blocks.
//!
//! Entry point: [`annotate`]. Every block is annotated, whatever its kind; sentences
//! never cross blocks.

pub mod dates;
pub mod sentences;
pub mod tokens;

pub use tokens::{is_quote_char, quote_role, QuoteRole};

use chrono::{DateTime, Utc};
use verbatim_core::{Article, Block, Doc, Meta, Sentence};

/// The text of a span; inlined here, unlike `Span::text` across crates, for hot loops.
#[inline]
pub(crate) fn slice(text: &str, span: verbatim_core::Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

/// Add the `sentences`, `tokens` and `dates` layers (replacing any already there).
pub fn annotate(doc: &mut Doc) {
    annotate_with(doc, true);
}

/// `annotate`, optionally without dates (lets the benchmark time the parts).
fn annotate_with(doc: &mut Doc, with_dates: bool) {
    let text = doc.text.as_str();
    let layers = &mut doc.layers;
    layers.tokens.clear();
    layers.sentences.clear();
    layers.dates.clear();
    // Rough sizes: a token per ~5 bytes, a sentence per ~25 tokens.
    layers.tokens.reserve(text.len() / 5);
    let mut spans = Vec::new();
    for (bi, block) in layers.blocks.iter().enumerate() {
        let start = (block.span.start as usize).min(text.len());
        let end = (block.span.end as usize).min(text.len());
        let first = layers.tokens.len();
        tokens::tokenize(text, start, end, &mut layers.tokens);
        let toks = &layers.tokens[first..];
        spans.clear();
        sentences::split(text, toks, &mut spans);
        layers.sentences.extend(spans.iter().map(|&span| Sentence {
            span,
            block: bi as u32,
        }));
        if !with_dates {
            continue;
        }
        let published = published_for(block, &layers.articles, &doc.meta);
        dates::find(text, &layers.tokens[first..], published, &mut layers.dates);
    }
}

/// The date relative expressions resolve against: the block's article's, its parent
/// article's (a live-blog entry), or the document's.
fn published_for(block: &Block, articles: &[Article], meta: &Meta) -> Option<DateTime<Utc>> {
    let article = block.article.and_then(|a| articles.get(a as usize));
    article
        .and_then(|a| a.published)
        .or_else(|| {
            article
                .and_then(|a| a.parent)
                .and_then(|p| articles.get(p as usize))
                .and_then(|p| p.published)
        })
        .or(meta.published)
}

#[cfg(test)]
mod tests {
    use super::*;
    use verbatim_core::{Article, Meta, TokenKind};

    /// One block per non-empty line, all in one article.
    pub(crate) fn doc_of_lines(text: &str) -> Doc {
        Doc::of_lines(text.to_string(), Meta::default())
    }

    #[test]
    fn sentences_stay_inside_blocks() {
        let text = "Voronov spoke in Kessel\nHrytsenko replied. “We will see.”\n";
        let mut doc = doc_of_lines(text);
        annotate(&mut doc);
        let got: Vec<(&str, u32)> = doc
            .layers
            .sentences
            .iter()
            .map(|s| (doc.slice(s.span), s.block))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Voronov spoke in Kessel", 0),
                ("Hrytsenko replied.", 1),
                ("“We will see.”", 1)
            ]
        );
        // Every token lies in exactly one sentence and layers are sorted.
        let l = &doc.layers;
        assert!(l
            .tokens
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start));
        for t in &l.tokens {
            assert_eq!(
                l.sentences
                    .iter()
                    .filter(|s| s.span.contains(t.span))
                    .count(),
                1
            );
        }
        assert_eq!(
            l.tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Quote)
                .count(),
            2
        );
    }

    #[test]
    fn annotate_replaces_old_layers() {
        let mut doc = doc_of_lines("One. Two.");
        annotate(&mut doc);
        annotate(&mut doc);
        assert_eq!(doc.layers.sentences.len(), 2);
        assert_eq!(doc.layers.tokens.len(), 4);
    }

    #[test]
    fn dates_resolve_against_the_right_article() {
        use chrono::{NaiveDate, TimeZone};
        let text =
            "Voronov spoke on Tuesday.\nHrytsenko replied on Tuesday.\nKask left on Tuesday.\n";
        let mut doc = doc_of_lines(text);
        // Article 0: Wednesday 26 January 2022; article 1: a live-blog entry of article 0
        // without its own date; block 2 belongs to no article and falls back to the doc's.
        doc.layers.articles[0].published =
            Some(Utc.with_ymd_and_hms(2022, 1, 26, 9, 0, 0).unwrap());
        doc.layers.articles.push(Article {
            parent: Some(0),
            ..Article::default()
        });
        doc.layers.blocks[1].article = Some(1);
        doc.layers.blocks[2].article = None;
        doc.meta.published = Some(Utc.with_ymd_and_hms(2022, 2, 10, 9, 0, 0).unwrap());
        annotate(&mut doc);
        let got: Vec<Option<NaiveDate>> = doc.layers.dates.iter().map(|d| d.date).collect();
        let ymd = |m, d| NaiveDate::from_ymd_opt(2022, m, d);
        assert_eq!(got, vec![ymd(1, 25), ymd(1, 25), ymd(2, 8)]);
        // No date anywhere: relative dates stay unresolved.
        let mut bare = doc_of_lines(text);
        annotate(&mut bare);
        assert_eq!(bare.layers.dates.len(), 3);
        assert!(bare.layers.dates.iter().all(|d| d.date.is_none()));
    }

    /// Guard for speed work: dumps every layer over PolNeAR to `$VERBATIM_TEXT_DUMP`, to
    /// diff before and after a change.
    #[test]
    #[ignore]
    fn dump_polnear() {
        use chrono::TimeZone;
        use std::fmt::Write;
        let dir = std::path::Path::new("/work/shared/eval/polnear-train/texts");
        let (Ok(out), Ok(entries)) = (std::env::var("VERBATIM_TEXT_DUMP"), std::fs::read_dir(dir))
        else {
            eprintln!(
                "skipped: set VERBATIM_TEXT_DUMP and provide {}",
                dir.display()
            );
            return;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        let mut s = String::new();
        for p in paths {
            let Ok(t) = std::fs::read_to_string(&p) else {
                continue;
            };
            let mut doc = doc_of_lines(&t);
            doc.meta.published = Some(Utc.with_ymd_and_hms(2016, 3, 9, 12, 0, 0).unwrap());
            annotate(&mut doc);
            let l = &doc.layers;
            let _ = writeln!(s, "# {}", p.display());
            for x in &l.sentences {
                let _ = writeln!(s, "S {:?}", x);
            }
            for x in &l.tokens {
                let _ = writeln!(s, "T {:?}", x);
            }
            for x in &l.dates {
                let _ = writeln!(s, "D {:?} {:?}", x, doc.slice(x.span));
            }
        }
        std::fs::write(out, s).unwrap();
    }

    /// Throughput over PolNeAR: `cargo test -p verbatim-text --release -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput_polnear() {
        let dir = std::path::Path::new("/work/shared/eval/polnear-train/texts");
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("skipped: {} not found", dir.display());
            return;
        };
        let mut docs = Vec::new();
        for e in entries.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                docs.push(doc_of_lines(&t));
            }
        }
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        // Best of several runs: the machine is shared.
        let mut time = |with_dates: bool| {
            let mut best = f64::MAX;
            for _ in 0..10 {
                let t0 = std::time::Instant::now();
                for d in docs.iter_mut() {
                    annotate_with(d, with_dates);
                }
                best = best.min(t0.elapsed().as_secs_f64());
            }
            best
        };
        let no_dates = time(false);
        let best = time(true);
        let (mut sents, mut toks, mut dates) = (0, 0, 0);
        for d in &docs {
            sents += d.layers.sentences.len();
            toks += d.layers.tokens.len();
            dates += d.layers.dates.len();
        }
        let mb = bytes as f64 / 1e6;
        eprintln!(
            "{} docs, {mb:.2} MB: annotate {:.1} ms = {:.1} MB/s (tokens+sentences alone {:.1} MB/s); \
             {sents} sentences, {toks} tokens, {dates} dates",
            docs.len(),
            best * 1e3,
            mb / best,
            mb / no_dates
        );
        assert!(sents > 0 && toks > 0);
    }
}
