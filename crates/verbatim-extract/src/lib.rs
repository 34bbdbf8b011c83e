//! `extract`: HTML → article; scraped text → clean blocks; glued pages split.
//!
//! Entry point: [`extract`]. For plain text the document's text is the input text,
//! unchanged (offsets stay valid in the original file); for HTML it is the article text.

use verbatim_core::{Article, Block, BlockKind, Doc, Source, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError(pub String);

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for ExtractError {}

/// Turn one source into a document with `blocks` and `articles` layers.
// Baseline: plain text, one block per non-empty line, one article. Replaced by the real stage.
pub fn extract(source: &Source) -> Result<Doc, ExtractError> {
    let text = String::from_utf8_lossy(&source.bytes).into_owned();
    let mut doc = Doc::new(text, source.meta.clone());
    let mut start = 0;
    let text = doc.text.clone();
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let s = start + (line.len() - line.trim_start().len());
            doc.layers.blocks.push(Block {
                span: Span::new(s, s + t.len()),
                kind: BlockKind::Body,
                article: Some(0),
            });
        }
        start += line.len();
    }
    doc.layers.articles.push(Article {
        span: Span::new(0, text.len()),
        ..Article::default()
    });
    Ok(doc)
}
