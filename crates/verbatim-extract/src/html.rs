//! HTML → one article: body paragraphs from `rs-trafilatura`, metadata of our own.
//!
//! Before the parser sees the page, [`crate::scan`] strips scripts and styles and caps
//! the nesting depth; parsing then runs on a thread with a large stack as a second guard.

use chrono::{DateTime, Utc};
use serde_json::Value;
use verbatim_core::{Article, Block, BlockKind, Doc, Source, Span};

use crate::charset;
use crate::dates;
use crate::scan::{self, Scanned};
use crate::text::{classify_line, headline_like, is_number_line, Kind};
use crate::ExtractError;

/// Pages larger than this (after stripping scripts and styles) are cut, with a warning:
/// no news article needs more, and it bounds the parser's time and memory.
pub const MAX_HTML_BYTES: usize = 8 << 20;

/// Stack for the parser thread; html5ever and the extractor recurse over the tree.
const PARSER_STACK: usize = 256 << 20;

pub fn extract(source: &Source) -> Result<Doc, ExtractError> {
    let decoded = charset::decode(&source.bytes, true);
    let mut meta = source.meta.clone();
    meta.format.get_or_insert(source.format);
    if let Some(w) = decoded.warning {
        meta.warnings.push(w);
    }
    let mut scanned = scan::scan(&decoded.text);
    drop(decoded.text);
    if scanned.flattened > 0 {
        meta.warnings.push(format!(
            "nesting deeper than {} levels: {} tags flattened",
            scan::MAX_DEPTH,
            scanned.flattened
        ));
    }
    if scanned.html.len() > MAX_HTML_BYTES {
        let mut cut = MAX_HTML_BYTES;
        while !scanned.html.is_char_boundary(cut) {
            cut -= 1;
        }
        meta.warnings.push(format!(
            "page of {} bytes cut to {} bytes before parsing",
            scanned.html.len(),
            cut
        ));
        scanned.html.truncate(cut);
    }
    let url = meta
        .url
        .clone()
        .or_else(|| scanned.canonical.clone())
        .or_else(|| meta_value(&scanned, &["og:url"]).map(str::to_string));
    let opts = rs_trafilatura::Options {
        url: url.clone(),
        // We only meet news pages; skipping the page classifier saves time.
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        ..rs_trafilatura::Options::default()
    };
    let html = std::mem::take(&mut scanned.html);
    let result = std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(PARSER_STACK)
            .spawn_scoped(s, || rs_trafilatura::extract_with_options(&html, &opts))
            .map_err(|e| ExtractError(format!("cannot start parser thread: {e}")))?
            .join()
            .map_err(|_| ExtractError("HTML parser panicked".into()))
    })?;
    let ld = json_ld(&scanned);
    let (paragraphs, rs_meta) = match result {
        Ok(r) => {
            let mut ps = paragraphs(&r.content_text);
            drop_related_tail(&mut ps);
            drop_dated_teasers(&mut ps);
            prefer_ld_body(&mut ps, &ld);
            (ps, Some(r.metadata))
        }
        Err(e) => {
            meta.warnings.push(format!("no article body found: {e}"));
            (Vec::new(), None)
        }
    };

    // Text: body paragraphs separated by a blank line; blocks are the paragraphs.
    let mut text = String::new();
    let mut blocks = Vec::with_capacity(paragraphs.len());
    let title_key = meta
        .title
        .as_deref()
        .or(rs_meta.as_ref().and_then(|m| m.title.as_deref()))
        .or(scanned.title.as_deref())
        .map(norm);
    let mut in_body = false;
    let mut lead_date = None;
    let mut lead_heads: Vec<usize> = Vec::new();
    for p in &paragraphs {
        // The extractor repeats the headline as the first paragraph; it is not body.
        if !in_body
            && title_key
                .as_deref()
                .is_some_and(|t| !t.is_empty() && norm(p) == t)
        {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        let mut kind = match classify_line(p) {
            // Bare numbers and tiny labels in a page are table cells, not counters or icons.
            Kind::Boilerplate if !is_number_line(p) && p.chars().count() > 2 => {
                BlockKind::Boilerplate
            }
            Kind::Caption => BlockKind::Caption,
            Kind::Byline => BlockKind::Byline,
            _ => BlockKind::Body,
        };
        // Before the first sentence, a date line ("05.02.2031 13:20") is not body, and
        // nor are the headline-like lines (title, subtitle) just above it.
        if kind == BlockKind::Body && !in_body {
            if p.split_whitespace().count() <= 8 && p.chars().any(|c| c.is_ascii_digit()) {
                if let Some(d) = dates::parse(p).or_else(|| dates::parse_text(p)) {
                    lead_date.get_or_insert(d);
                    kind = BlockKind::Boilerplate;
                    for &i in &lead_heads {
                        let b: &mut Block = &mut blocks[i];
                        b.kind = BlockKind::Headline;
                    }
                    lead_heads.clear();
                }
            }
            if kind == BlockKind::Body && headline_like(p) {
                lead_heads.push(blocks.len());
            } else {
                in_body = kind == BlockKind::Body;
            }
        }
        blocks.push(Block {
            span: Span::new(start, text.len()),
            kind,
            article: Some(0),
        });
    }

    let rs = rs_meta.unwrap_or_default();
    let title = meta
        .title
        .clone()
        .or_else(|| rs.title.clone().filter(|t| !t.trim().is_empty()))
        .or_else(|| meta_value(&scanned, &["og:title", "twitter:title"]).map(str::to_string))
        .or_else(|| scanned.title.clone())
        .map(|t| scan::decode_entities(t.trim()));
    let published = meta
        .published
        .or_else(|| published(&scanned, &ld, url.as_deref(), rs.date.or(lead_date), &text));
    let mut authors = meta.authors.clone();
    if authors.is_empty() {
        authors = authors_of(&scanned, &ld, rs.author.as_deref());
    }
    let outlet = meta
        .outlet
        .clone()
        .or_else(|| meta_value(&scanned, &["og:site_name", "application-name"]).map(str::to_string))
        .or_else(|| ld_publisher(&ld))
        .or_else(|| rs.sitename.clone().filter(|s| !s.trim().is_empty()))
        .or_else(|| url.as_deref().and_then(host))
        .map(|o| o.split(" | ").next().unwrap_or(&o).trim().to_string());
    let body: String = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Body)
        .map(|b| b.span.text(&text))
        .collect::<Vec<_>>()
        .join("\n");
    let language = crate::detect_language(&body).or_else(|| {
        scanned
            .lang
            .as_deref()
            .or(meta_value(&scanned, &["content-language", "og:locale"]))
            .and_then(crate::lang_from_tag)
    });

    meta.url = url;
    meta.title = title.clone();
    meta.published = published;
    meta.authors = authors.clone();
    meta.outlet = outlet.clone();
    meta.language = language.clone();
    let article = Article {
        span: Span::new(0, text.len()),
        title,
        published,
        authors,
        outlet,
        dateline: None,
        language,
        parent: None,
    };
    let mut doc = Doc::new(text, meta);
    doc.layers.blocks = blocks;
    doc.layers.articles.push(article);
    crate::text::mark_datelines(&mut doc);
    Ok(doc)
}

/// The extractor's text as paragraphs: one per line, whitespace collapsed.
fn paragraphs(content: &str) -> Vec<String> {
    content
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// A short heading that opens the non-article tail of a page: related links, tags, ads.
static TAIL_HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(related( articles| posts| stories| news| content)?|more (from|in|on|stories|news|articles)\b.*|you (may|might) (also )?(like|be interested in|enjoy)|recommended( for you| stories| articles)?|sponsored( links| content)?|tags?|topics|further reading|latest news|most (read|popular)|popular (posts|stories)|trending( now)?|関連記事|artikel terkait|mehr zum thema|te puede interesar|похожие (новости|статьи)|ti potrebbe interessare)[\s.:…!]*$",
    )
    .expect("valid regex")
});

/// Cut the page tail from a "Related" / "Tags" / "You may also like" heading on. Only in
/// the second half of the words: "Read also" style inline links are left alone (the
/// headline they point to is often body), and so is an early heading that may be a
/// section title.
fn drop_related_tail(ps: &mut Vec<String>) {
    let words: Vec<usize> = ps.iter().map(|p| p.split_whitespace().count()).collect();
    let total: usize = words.iter().sum();
    let mut seen = 0;
    for (i, p) in ps.iter().enumerate() {
        if i > 0 && seen * 2 >= total && words[i] <= 8 && TAIL_HEADING.is_match(p) {
            ps.truncate(i);
            return;
        }
        seen += words[i];
    }
}

/// A bare timestamp line: "11/20/2019 01:14 PM", "20.11.2019 13:14".
static DATE_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}( \d{1,2}:\d{2}( ?[AP]M)?)?$")
        .expect("valid regex")
});

/// Drop runs of three or more teasers (a short headline, maybe a byline, then a bare
/// timestamp): a news ticker or a list of other stories, never prose.
fn drop_dated_teasers(ps: &mut Vec<String>) {
    let dated: Vec<bool> = ps.iter().map(|p| DATE_LINE.is_match(p)).collect();
    let short = |i: usize| !dated[i] && ps[i].split_whitespace().count() <= 20;
    // Length of the teaser starting at `i`: up to three short lines and the timestamp.
    let teaser = |i: usize| {
        (1..=3)
            .take_while(|&k| i + k - 1 < ps.len() && short(i + k - 1))
            .find(|&k| i + k < ps.len() && dated[i + k])
            .map(|k| k + 1)
    };
    let mut keep = vec![true; ps.len()];
    let mut i = 0;
    while i < ps.len() {
        let (mut j, mut n) = (i, 0);
        while let Some(len) = teaser(j) {
            j += len;
            n += 1;
        }
        if n >= 3 {
            keep[i..j].iter_mut().for_each(|k| *k = false);
            i = j;
        } else {
            i += 1;
        }
    }
    let mut k = keep.iter();
    ps.retain(|_| *k.next().expect("same length"));
}

/// The longest JSON-LD `articleBody`, as paragraphs (it may hold HTML).
fn ld_article_body(ld: &[Value]) -> Option<Vec<String>> {
    let raw = ld
        .iter()
        .filter_map(|v| v.get("articleBody")?.as_str())
        .max_by_key(|s| s.len())?;
    static BLOCK_TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)</?(p|h[1-6]|li|br|div|blockquote|ul|ol|tr)\b[^>]*>")
            .expect("valid regex")
    });
    static TAG: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"<[^>]*>").expect("valid regex"));
    let text = BLOCK_TAG.replace_all(raw, "\n");
    let text = TAG.replace_all(&text, "");
    Some(paragraphs(&scan::decode_entities(&text)))
}

fn word_set(ps: &[String]) -> (std::collections::HashSet<String>, usize) {
    let mut set = std::collections::HashSet::new();
    let mut n = 0;
    for w in ps
        .iter()
        .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
    {
        n += 1;
        set.insert(w.to_lowercase());
    }
    (set, n)
}

/// Use the publisher's own JSON-LD `articleBody` when it is long and the extracted text
/// holds nearly all its words but is longer: the extra is page chrome or a repeated copy.
/// A truncated `articleBody` (a teaser) is refused: it must be most of the extraction's
/// length, unless the extraction has hardly a word of its own.
fn prefer_ld_body(ps: &mut Vec<String>, ld: &[Value]) {
    let Some(ab) = ld_article_body(ld) else {
        return;
    };
    let (a, na) = word_set(&ab);
    let (e, ne) = word_set(ps);
    if na < 100 || ne <= na {
        return;
    }
    let common = a.intersection(&e).count() as f64;
    let covered = common >= 0.9 * a.len() as f64;
    let no_extra = common >= 0.9 * e.len() as f64;
    if covered && (na as f64 >= 0.6 * ne as f64 || no_extra) {
        *ps = ab;
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn meta_value<'a>(s: &'a Scanned, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        s.metas
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    })
}

/// Every JSON-LD object on the page, `@graph` members flattened.
fn json_ld(s: &Scanned) -> Vec<Value> {
    let mut out = Vec::new();
    for raw in &s.json_ld {
        let Ok(v) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut todo = vec![v];
        while let Some(v) = todo.pop() {
            match v {
                Value::Array(a) => todo.extend(a),
                Value::Object(mut o) => {
                    if let Some(g) = o.remove("@graph") {
                        todo.push(g);
                    }
                    out.push(Value::Object(o));
                }
                _ => {}
            }
        }
    }
    out
}

fn is_article(v: &Value) -> bool {
    let t = |s: &str| s.contains("Article") || s.contains("Posting") || s == "Report";
    match v.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
        _ => false,
    }
}

/// Dates in order of trust: meta tags, JSON-LD, `<time>`, URL, the extractor's guess, text.
fn published(
    s: &Scanned,
    ld: &[Value],
    url: Option<&str>,
    rs_date: Option<DateTime<Utc>>,
    text: &str,
) -> Option<DateTime<Utc>> {
    const META_KEYS: &[&str] = &[
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "article.published",
        "published_time",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "sailthru.date",
        "parsely-pub-date",
        "date",
        "citation_publication_date",
        "og:updated_time",
        "article:modified_time",
    ];
    let metas = META_KEYS.iter().find_map(|k| {
        s.metas
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(k))
            .find_map(|(_, v)| dates::parse(v))
    });
    metas
        .or_else(|| {
            let articles = ld.iter().filter(|v| is_article(v));
            let others = ld.iter().filter(|v| !is_article(v));
            articles.chain(others).find_map(|v| {
                ["datePublished", "dateCreated", "uploadDate"]
                    .iter()
                    .find_map(|k| v.get(*k)?.as_str().and_then(dates::parse))
            })
        })
        .or_else(|| s.times.iter().find_map(|t| dates::parse(t)))
        .or_else(|| url.and_then(dates::from_url))
        .or(rs_date)
        .or_else(|| dates::parse_text(&text[..floor(text, 2000)]))
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ld_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| ld_names(x, out)),
        Value::Object(o) => {
            if let Some(Value::String(n)) = o.get("name") {
                out.push(n.clone());
            }
        }
        _ => {}
    }
}

fn authors_of(s: &Scanned, ld: &[Value], rs_author: Option<&str>) -> Vec<String> {
    let mut raw = Vec::new();
    for v in ld.iter().filter(|v| is_article(v)) {
        if let Some(a) = v.get("author") {
            ld_names(a, &mut raw);
        }
    }
    if raw.is_empty() {
        raw.extend(
            s.metas
                .iter()
                .filter(|(k, _)| k == "author" || k == "article:author" || k == "dc.creator")
                .map(|(_, v)| v.clone()),
        );
    }
    if raw.is_empty() {
        raw.extend(rs_author.map(str::to_string));
    }
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        for name in split_names(&r) {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
                out.push(name);
            }
        }
    }
    out
}

/// "By A, B and C" → [A, B, C]; URLs and over-long strings are not names.
pub fn split_names(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = s
        .strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .unwrap_or(s);
    s.split([';', ',', '|', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| {
            !p.is_empty()
                && p.len() <= 60
                && !p.contains("://")
                && !p.starts_with("www.")
                && p.chars().next().is_some_and(char::is_alphabetic)
                // "Example.com" and "admin" are not people.
                && (!p.contains('.') || p.contains(' '))
                && !["admin", "administrator", "staff", "editor", "redacción"]
                    .contains(&p.to_lowercase().as_str())
        })
        .collect()
}

fn ld_publisher(ld: &[Value]) -> Option<String> {
    ld.iter().find_map(|v| {
        let p = v.get("publisher")?;
        match p {
            Value::String(s) => Some(s.clone()),
            _ => p.get("name")?.as_str().map(str::to_string),
        }
    })
}

fn host(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let h = rest.split(['/', '?', '#', ':']).next()?;
    let h = h.strip_prefix("www.").unwrap_or(h);
    (!h.is_empty()).then(|| h.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use verbatim_core::{Format, Meta};

    fn src(html: &str) -> Source {
        Source {
            meta: Meta {
                source: "t.html".into(),
                ..Meta::default()
            },
            format: Format::Html,
            bytes: html.as_bytes().to_vec(),
        }
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>Voronov rejects Ostravan proposal | Kessel Times</title>
<meta property="og:site_name" content="Kessel Times">
<meta property="article:published_time" content="2031-03-04T09:15:00+01:00">
<link rel="canonical" href="https://kesseltimes.example/politics/voronov-rejects">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Voronov rejects Ostravan proposal","datePublished":"2030-01-01","author":[{"@type":"Person","name":"Mira Kalnik"},{"@type":"Person","name":"Tomas Brell"}]}]}</script>
<script>document.write("<p>tracking junk</p>")</script><style>.ad{display:none}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article><h1>Voronov rejects Ostravan proposal</h1>
<p>KESSEL (VNA) — Valdorian Foreign Minister Ilya Voronov on Tuesday rejected a ceasefire proposal put forward by the Ostrava Republic, saying it offered no guarantees for the border regions.</p>
<p>"We will not sign a document that rewards provocation," Voronov told reporters at the ministry in Kessel, adding that talks could resume once Marn withdrew its artillery from the river line.</p>
<p>Ostravan Foreign Minister Oksana Hrytsenko said in Marn that her government remained open to dialogue and would present a revised text to mediators later this month.</p>
<p>ADVERTISEMENT</p>
<p>Diplomats from both countries have met four times since the autumn, each round ending without a joint statement, according to officials familiar with the talks.</p>
</article>
<footer><p>© 2031 Kessel Times. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"#;

    #[test]
    fn article_body_and_metadata() {
        let doc = extract(&src(PAGE)).unwrap();
        let body = doc.article_body_text(0);
        assert!(body.contains("Ilya Voronov on Tuesday rejected"), "{body}");
        assert!(body.contains("revised text to mediators"));
        assert!(body.contains("without a joint statement"));
        assert!(!body.contains("tracking junk"));
        assert!(!body.contains("ADVERTISEMENT"));
        assert!(!body.contains("All rights reserved"));
        assert!(
            !body.contains("KESSEL (VNA)"),
            "dateline is not body: {body}"
        );
        let a = &doc.layers.articles[0];
        assert_eq!(
            a.title.as_deref(),
            Some("Voronov rejects Ostravan proposal")
        );
        assert_eq!(a.outlet.as_deref(), Some("Kessel Times"));
        assert_eq!(a.dateline.as_deref(), Some("KESSEL (VNA)"));
        // Meta tags outrank JSON-LD.
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2031-03-04T08:15:00+00:00"
        );
        assert_eq!(a.authors, vec!["Mira Kalnik", "Tomas Brell"]);
        assert_eq!(a.language.as_deref(), Some("eng"));
        assert_eq!(
            doc.meta.url.as_deref(),
            Some("https://kesseltimes.example/politics/voronov-rejects")
        );
        // Paragraph blocks, separated by a blank line, covering the text.
        assert!(doc.text.contains("\n\n"));
        for b in &doc.layers.blocks {
            assert!(!doc.slice(b.span).contains('\n'));
            assert_eq!(b.article, Some(0));
        }
    }

    #[test]
    fn date_falls_back_to_json_ld_then_time_then_url() {
        let no_meta = PAGE.replace("article:published_time", "x-unused");
        let doc = extract(&src(&no_meta)).unwrap();
        assert_eq!(
            doc.meta.published.unwrap().format("%F").to_string(),
            "2030-01-01"
        );
        let html = "<html><body><article><time datetime=\"2031-05-06T12:00:00Z\">May 6</time><p>Hrytsenko arrived in Kessel on Monday for a second round of talks with her Valdorian counterpart, officials said.</p><p>The meeting lasted three hours and ended without a statement, according to the Marn Herald.</p></article></body></html>";
        let doc = extract(&src(html)).unwrap();
        assert_eq!(
            doc.meta.published.unwrap().format("%F").to_string(),
            "2031-05-06"
        );
        let mut s = src(&html.replace("<time datetime=\"2031-05-06T12:00:00Z\">May 6</time>", ""));
        s.meta.url = Some("https://marnherald.example/2031/05/07/talks".into());
        let doc = extract(&s).unwrap();
        assert_eq!(
            doc.meta.published.unwrap().format("%F").to_string(),
            "2031-05-07"
        );
    }

    #[test]
    fn windows_1251_page() {
        let html = "<html><head><meta charset=\"windows-1251\"><title>Переговоры</title></head><body><article><p>Министр иностранных дел Валдории Илья Воронов заявил журналистам в Кесселе, что переговоры с Остравой продолжатся на следующей неделе в Марне.</p><p>По словам министра, делегации обсудят обмен пленными и восстановление железнодорожного сообщения между двумя странами.</p></article></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(html);
        let mut s = src("");
        s.bytes = bytes.into_owned();
        let doc = extract(&s).unwrap();
        assert!(doc.text.contains("Илья Воронов"), "{}", doc.text);
        assert_eq!(doc.meta.language.as_deref(), Some("rus"));
    }

    #[test]
    fn hostile_inputs_do_not_crash() {
        for html in [
            String::new(),
            "<".into(),
            "<html><body><p>unterminated <b><i>tags <div".into(),
            "<script>".repeat(1000),
            "<p>".repeat(100_000),
            "<b>".repeat(50_000),
            "\u{0}\u{1}<p>\u{FFFF}</p>".into(),
            format!(
                "<html><body>{}x{}</body></html>",
                "<table><tr><td>".repeat(20_000),
                "</td></tr></table>".repeat(20_000)
            ),
        ] {
            let _ = extract(&src(&html)).unwrap();
        }
    }

    #[test]
    fn deep_nesting_100k() {
        let n = 100_000;
        let para = "<p>Voronov told reporters in Kessel that the talks with Ostrava had made no progress at all this week.</p>";
        let html = format!(
            "<html><body>{}{para}{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let t = std::time::Instant::now();
        let doc = extract(&src(&html)).unwrap();
        eprintln!("100,000-deep page: {:?}", t.elapsed());
        assert!(doc.meta.warnings.iter().any(|w| w.contains("flattened")));
        assert!(doc.text.contains("talks with Ostrava"), "{}", doc.text);
    }

    #[test]
    fn huge_page_is_bounded() {
        let para = "<p>Hrytsenko said the delegation from Marn would stay in Kessel until the weekend, officials said.</p>\n";
        let n = (50 << 20) / para.len();
        let html = format!(
            "<html><body><article>{}</article></body></html>",
            para.repeat(n)
        );
        let t = std::time::Instant::now();
        let doc = extract(&src(&html)).unwrap();
        assert!(doc.meta.warnings.iter().any(|w| w.contains("cut")));
        assert!(!doc.text.is_empty());
        eprintln!("50 MB page: {:?}", t.elapsed());
    }

    #[test]
    fn names_split() {
        assert_eq!(
            split_names("By Mira Kalnik and Tomas Brell"),
            vec!["Mira Kalnik", "Tomas Brell"]
        );
        assert_eq!(
            split_names("https://x.example/author/m"),
            Vec::<String>::new()
        );
    }
}

#[cfg(test)]
mod tail_tests {
    use super::*;
    use verbatim_core::{Format, Meta};

    fn body(html: &str) -> String {
        let src = Source {
            meta: Meta::default(),
            format: Format::Html,
            bytes: html.as_bytes().to_vec(),
        };
        extract(&src).unwrap().article_body_text(0)
    }

    const PARAS: &str = "<p>Valdorian Foreign Minister Ilya Voronov met his Ostravan counterpart in Kessel on Tuesday to discuss the river border, officials said.</p>\
<p>The two ministers agreed to reopen the rail crossing at Brody and to exchange lists of detained persons before the end of the month.</p>\
<p>Oksana Hrytsenko told the Kessel Times that her government would send a delegation to Marn next week to prepare a joint statement.</p>";

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn related_heading_ends_the_body() {
        let long = "Voronov said the talks in Kessel had gone well and that a second round would follow in Marn after the holidays.";
        let mut ps = v(&[
            long,
            long,
            "You may also like...",
            "Ostrava recalls envoy",
            "Tags:",
        ]);
        drop_related_tail(&mut ps);
        assert_eq!(ps, v(&[long, long]));
        // Early in the page it may be a section title: kept.
        let mut ps = v(&["Related", long, long]);
        drop_related_tail(&mut ps);
        assert_eq!(ps.len(), 3);
        let html = format!("<html><body><article>{PARAS}<h3>Related articles</h3><p>Ostrava recalls its envoy from Kessel</p><p>Marn markets fall on border news</p></article></body></html>");
        let b = body(&html);
        assert!(b.contains("joint statement"), "{b}");
        assert!(!b.contains("Related"), "{b}");
    }

    #[test]
    fn dated_teaser_runs_are_dropped() {
        let long = "Voronov said the talks in Kessel had gone well and that a second round would follow in Marn after the holidays.";
        let mut ps = v(&[
            long,
            "Ostrava recalls envoy",
            "11/20/2031 01:14 PM",
            "Marn markets fall",
            "By Kessel Times staff",
            "11/20/2031 10:08 AM",
            "Kessel Times wins award",
            "11/19/2031 09:39 PM",
            long,
        ]);
        drop_dated_teasers(&mut ps);
        assert_eq!(ps, v(&[long, long]));
        // Two pairs are not a list.
        let mut ps = v(&[
            "Update",
            "11/20/2031 01:14 PM",
            "Update",
            "11/20/2031 03:00 PM",
        ]);
        drop_dated_teasers(&mut ps);
        assert_eq!(ps.len(), 4);
    }
}

#[cfg(test)]
mod ld_body_tests {
    use super::*;
    use verbatim_core::{Format, Meta};

    const SENT: &str =
        "Valdorian Foreign Minister Ilya Voronov met Ostravan envoys in Kessel on day";

    fn page(ld_paras: usize, page_paras: &str) -> String {
        let body: String = (0..ld_paras)
            .map(|i| format!("<p>{SENT} {i} of the talks, officials said.</p>"))
            .collect();
        let ld = serde_json::json!({"@type": "NewsArticle", "articleBody": body});
        format!("<html><head><script type=\"application/ld+json\">{ld}</script></head><body><article>{page_paras}</article></body></html>")
    }

    fn body(html: &str) -> String {
        let src = Source {
            meta: Meta::default(),
            format: Format::Html,
            bytes: html.as_bytes().to_vec(),
        };
        extract(&src).unwrap().article_body_text(0)
    }

    #[test]
    fn ld_body_replaces_a_longer_extraction_that_contains_it() {
        let paras: String = (0..12)
            .map(|i| format!("<p>{SENT} {i} of the talks, officials said.</p>"))
            .collect();
        // The page repeats the story: one copy is kept.
        let b = body(&page(12, &format!("{paras}{paras}")));
        assert_eq!(b.matches("day 3 of").count(), 1, "{b}");
        // The page adds a teaser of its own: dropped.
        let teaser = "<p>Ostrava recalls its envoy from Kessel as Marn markets fall sharply</p>";
        let b = body(&page(12, &format!("{paras}{teaser}")));
        assert!(!b.contains("recalls its envoy"), "{b}");
        assert!(b.contains("day 11 of"), "{b}");
    }

    #[test]
    fn teaser_ld_body_is_refused() {
        let paras: String = (0..12)
            .map(|i| format!("<p>{SENT} {i} of the talks, officials said. Hrytsenko answered point {i} at length in Marn.</p>"))
            .collect();
        let html = page(7, &paras);
        let b = body(&html);
        assert!(b.contains("day 11 of"), "{b}");
    }
}

#[cfg(test)]
mod lead_tests {
    use super::*;
    use verbatim_core::{Format, Meta};

    #[test]
    fn kicker_lines_and_date_before_body_are_not_body() {
        let html = "<html><head><meta charset=\"utf-8\"><meta property=\"og:title\" content=\"Voronov and Lindqvist discuss the water station\"></head><body><article>\
<h1>Воронов и Линдквист обсудили водную станцию</h1><h2>Voronov and Lindqvist discuss the water station</h2><p class=\"date\">05.02.2031 13:20</p>\
<p>KESSEL, February 5 (VNA) - Foreign Minister Ilya Voronov held talks in Kessel with the Nordic Council envoy Karin Lindqvist, the ministry said.</p>\
<p>The sides discussed the water station in Brody and the exchange of detained persons, according to the ministry.</p>\
<p>Фото: ВНА / Anton Brel</p></article></body></html>";
        let src = Source {
            meta: Meta::default(),
            format: Format::Html,
            bytes: html.as_bytes().to_vec(),
        };
        let doc = extract(&src).unwrap();
        let body = doc.article_body_text(0);
        assert!(
            body.starts_with("Foreign Minister Ilya Voronov held talks"),
            "{body}"
        );
        assert!(!body.contains("Фото"), "{body}");
        assert!(!body.contains("Воронов"), "{body}");
        let a = &doc.layers.articles[0];
        assert_eq!(a.dateline.as_deref(), Some("KESSEL, February 5 (VNA)"));
        assert_eq!(
            a.published.unwrap().format("%F %R").to_string(),
            "2031-02-05 13:20"
        );
    }
}
