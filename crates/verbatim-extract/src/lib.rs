//! `extract`: HTML → article; scraped text → clean blocks; glued pages split.
//!
//! Entry point: [`extract`]. For plain text the document's text is the input text,
//! unchanged (offsets stay valid in the original file); for HTML it is the article body,
//! paragraphs separated by a blank line, with title and metadata beside it.

mod charset;
mod dates;
mod html;
mod scan;
pub mod text;

use verbatim_core::{BlockKind, Doc, Format, Source};

pub use charset::decode;
pub use html::MAX_HTML_BYTES;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError(pub String);

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for ExtractError {}

/// Turn one source into a document with `blocks` and `articles` layers.
pub fn extract(source: &Source) -> Result<Doc, ExtractError> {
    match source.format {
        Format::Html => html::extract(source),
        Format::Text => extract_text(source),
        f => Err(ExtractError(format!(
            "{} is a container: read it with ingest first",
            f.as_str()
        ))),
    }
}

fn extract_text(source: &Source) -> Result<Doc, ExtractError> {
    let decoded = charset::decode(&source.bytes, false);
    let mut meta = source.meta.clone();
    meta.format.get_or_insert(Format::Text);
    if let Some(w) = decoded.warning {
        meta.warnings.push(w);
    }
    let mut doc = Doc::new(decoded.text.into_owned(), meta);
    let (blocks, articles) = text::segment(&doc.text, &doc.meta);
    doc.layers.blocks = blocks;
    doc.layers.articles = articles;
    text::mark_datelines(&mut doc);
    // Language per article, from its own body.
    let mut largest = (0usize, None);
    for i in 0..doc.layers.articles.len() {
        let body = doc.article_body_text(i as u32);
        let lang = detect_language(&body);
        if body.len() > largest.0 {
            largest = (body.len(), lang.clone());
        }
        doc.layers.articles[i].language = lang;
    }
    if doc.meta.language.is_none() {
        doc.meta.language = largest.1;
    }
    if doc.meta.title.is_none() {
        doc.meta.title = doc.layers.articles.first().and_then(|a| a.title.clone());
    }
    debug_assert!(doc.layers.blocks.iter().all(|b| b.article.is_some()));
    Ok(doc)
}

/// The languages news in this domain comes in; a short list keeps detection cheap.
static DETECTOR: std::sync::LazyLock<whatlang::Detector> = std::sync::LazyLock::new(|| {
    use whatlang::Lang::*;
    whatlang::Detector::with_allowlist(vec![
        Eng, Rus, Ukr, Bel, Deu, Fra, Spa, Ita, Por, Pol, Nld, Tur, Ces, Slk, Slv, Hrv, Srp, Bul,
        Ron, Hun, Fin, Swe, Dan, Nob, Est, Lav, Lit, Ell, Heb, Ara, Pes, Cmn, Jpn, Kor, Hin, Kat,
        Hye, Aze, Uzb,
    ])
});

/// ISO 639-3 code of the text's language, when whatlang is reasonably sure.
pub fn detect_language(text: &str) -> Option<String> {
    // Half a kilobyte of prose is enough for whatlang to be sure, and detection was the
    // costliest part of cleaning plain text.
    let sample = prefix(text, 512);
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return None;
    }
    // A headline and a byline can hold too few function words; a longer sample of an
    // English text holds enough, for a small part of one whatlang call's cost.
    if english_by_function_words(sample) || english_by_function_words(prefix(text, 2048)) {
        return Some("eng".to_string());
    }
    let info = DETECTOR.detect(sample)?;
    (info.is_reliable() || info.confidence() > 0.3).then(|| info.lang().code().to_string())
}

/// The longest prefix of `text` of at most `n` bytes that ends on a char boundary.
fn prefix(text: &str, n: usize) -> &str {
    let mut end = text.len().min(n);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Most input is English news: a share of English function words settles it without the
/// trigram model, which costs more than the rest of cleaning put together.
pub(crate) fn english_by_function_words(sample: &str) -> bool {
    const FUNCTION_WORDS: [&str; 20] = [
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "said", "with", "was",
        "he", "it", "as", "by", "at", "his", "has",
    ];
    let (mut words, mut hits) = (0usize, 0usize);
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if w.len() <= 4 && FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            hits += 1;
        }
    }
    words >= 30 && hits * 5 >= words
}

/// An HTML `lang` tag ("en-GB", "ru") → ISO 639-3, for the languages we expect to meet.
pub fn lang_from_tag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let code = match primary.as_str() {
        "en" => "eng",
        "ru" => "rus",
        "uk" => "ukr",
        "de" => "deu",
        "fr" => "fra",
        "es" => "spa",
        "it" => "ita",
        "pl" => "pol",
        "pt" => "por",
        "nl" => "nld",
        "tr" => "tur",
        "ar" => "ara",
        "zh" => "cmn",
        "ja" => "jpn",
        "be" => "bel",
        "ro" => "ron",
        "cs" => "ces",
        "hu" => "hun",
        "sv" => "swe",
        "fi" => "fin",
        "lt" => "lit",
        "lv" => "lav",
        "et" => "est",
        p if p.len() == 3 => return Some(p.to_string()),
        _ => return None,
    };
    Some(code.to_string())
}

/// Convenience: the kinds of an article's blocks, in order (used by tests and tools).
pub fn article_kinds(doc: &Doc, article: u32) -> Vec<BlockKind> {
    doc.layers
        .blocks
        .iter()
        .filter(|b| b.article == Some(article))
        .map(|b| b.kind)
        .collect()
}

#[cfg(test)]
mod tests;
