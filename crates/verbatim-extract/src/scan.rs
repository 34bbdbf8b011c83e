//! A cheap single-pass tag scanner run before the real HTML parser.
//!
//! It (1) drops scripts (but JSON-LD), styles, comments and templates, which are most of a modern
//! page's bytes and none of its text, (2) caps element nesting so that no recursive walk
//! downstream can overflow the stack on a hostile 100,000-deep DOM, and (3) collects the
//! metadata that lives in tags: `<meta>`, `<link rel=canonical>`, `<time>`, `<title>`,
//! `<html lang>` and JSON-LD blocks.

/// Deepest element nesting passed on to the parser; deeper open tags are dropped.
pub const MAX_DEPTH: usize = 180;

/// What the scanner found besides the cleaned HTML.
#[derive(Debug, Default)]
pub struct Scanned {
    pub html: String,
    /// `<meta>` tags: (name/property/itemprop/http-equiv, lower-cased; content).
    pub metas: Vec<(String, String)>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    pub title: Option<String>,
    /// `datetime` attributes of `<time>` elements, in order (the first marked `pubdate` or
    /// `itemprop=datePublished` first).
    pub times: Vec<String>,
    pub json_ld: Vec<String>,
    /// Open tags dropped to cap the nesting depth.
    pub flattened: usize,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "frame", "isindex",
];
/// Elements whose content is not text and whose end tag we must find literally.
const RAW: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "textarea", "xmp",
];
/// Elements an open tag of the same name closes implicitly (`<p>a<p>b`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "option", "tr", "td", "th"];

struct Open {
    name: String,
    kept: bool,
}

/// Scan `html` once; see the module docs.
pub fn scan(html: &str) -> Scanned {
    let b = html.as_bytes();
    let mut out = Scanned {
        html: String::with_capacity(html.len() / 2),
        ..Scanned::default()
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut kept_depth = 0usize;
    let mut i = 0usize;
    let mut text_start = 0usize;
    let mut in_title: Option<usize> = None;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        let Some(tag) = parse_tag(html, lt) else {
            i = lt + 1;
            continue;
        };
        out.html.push_str(&html[text_start..lt]);
        let end = tag.end;
        match tag.kind {
            TagKind::Comment => {}
            TagKind::Other => out.html.push_str(&html[lt..end]),
            TagKind::Close => {
                let name = tag.name.as_str();
                if name == "title" {
                    if let Some(s) = in_title.take() {
                        if out.title.is_none() {
                            let t = decode_entities(html[s..lt].trim());
                            if !t.is_empty() {
                                out.title = Some(t);
                            }
                        }
                    }
                }
                // Find the matching open element near the top of the stack.
                let found = stack.iter().rev().take(512).position(|o| o.name == name);
                match found {
                    Some(k) => {
                        let mut emit = false;
                        for _ in 0..=k {
                            let o = stack.pop().expect("position found");
                            if o.kept {
                                kept_depth -= 1;
                            }
                            emit = o.kept;
                        }
                        if emit {
                            out.html.push_str(&html[lt..end]);
                        }
                    }
                    None => {
                        if kept_depth < MAX_DEPTH {
                            out.html.push_str(&html[lt..end]);
                        }
                    }
                }
            }
            TagKind::Open => {
                let name = tag.name.as_str();
                collect(&mut out, name, &tag.attrs);
                if RAW.contains(&name) && !tag.self_closing {
                    let close = find_close(html, end, name);
                    if name == "script" && is_json_ld(&tag.attrs) {
                        out.json_ld.push(html[end..close.0].to_string());
                        // Kept: the extractor reads `articleBody` from it.
                        out.html.push_str(&html[lt..close.1]);
                    }
                    // Scripts/styles vanish; other raw elements too (no article text there).
                    i = close.1;
                    text_start = close.1;
                    continue;
                }
                if name == "title" {
                    in_title = Some(end);
                }
                if VOID.contains(&name) || tag.self_closing {
                    if kept_depth < MAX_DEPTH {
                        out.html.push_str(&html[lt..end]);
                    }
                } else {
                    if SELF_CLOSING_SIBLINGS.contains(&name)
                        && stack.last().is_some_and(|o| o.name == name)
                    {
                        let o = stack.pop().expect("checked");
                        if o.kept {
                            kept_depth -= 1;
                        }
                    }
                    let kept = kept_depth < MAX_DEPTH;
                    if kept {
                        kept_depth += 1;
                        out.html.push_str(&html[lt..end]);
                    } else {
                        out.flattened += 1;
                    }
                    stack.push(Open {
                        name: tag.name,
                        kept,
                    });
                }
            }
        }
        i = end;
        text_start = end;
    }
    out.html.push_str(&html[text_start..]);
    out
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

enum TagKind {
    Open,
    Close,
    Comment,
    /// `<!DOCTYPE>`, `<?xml?>`, CDATA: passed through.
    Other,
}

struct Tag {
    kind: TagKind,
    name: String,
    attrs: Vec<(String, String)>,
    self_closing: bool,
    /// Byte offset just past the tag.
    end: usize,
}

/// Parse the tag starting at `lt` (`html[lt] == '<'`); `None` if it is text.
fn parse_tag(html: &str, lt: usize) -> Option<Tag> {
    let b = html.as_bytes();
    let rest = &html[lt..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->").map_or(html.len(), |k| lt + 4 + k + 3);
        return Some(simple(TagKind::Comment, end));
    }
    let next = *b.get(lt + 1)?;
    if next == b'!' || next == b'?' {
        let end = memchr(b'>', &b[lt..]).map_or(html.len(), |k| lt + k + 1);
        return Some(simple(TagKind::Other, end));
    }
    let (close, name_start) = if next == b'/' {
        (true, lt + 2)
    } else {
        (false, lt + 1)
    };
    if !b.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut j = name_start;
    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
        j += 1;
    }
    let name = html[name_start..j].to_ascii_lowercase();
    // Attributes, honouring quotes so a `>` inside a value does not end the tag.
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
            if b[j] == b'/' {
                self_closing = true;
            }
            j += 1;
        }
        if j >= b.len() {
            return Some(Tag {
                kind: if close { TagKind::Close } else { TagKind::Open },
                name,
                attrs,
                self_closing,
                end: b.len(),
            });
        }
        if b[j] == b'>' {
            j += 1;
            break;
        }
        self_closing = false;
        let ks = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
            j += 1;
        }
        if j == ks {
            j += 1;
            continue;
        }
        let key = html[ks..j].to_ascii_lowercase();
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = String::new();
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                let vs = j + 1;
                let ve = memchr(q, &b[vs..]).map_or(b.len(), |k| vs + k);
                value = html[vs..ve].to_string();
                j = (ve + 1).min(b.len());
            } else {
                let vs = j;
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                    j += 1;
                }
                value = html[vs..j].to_string();
            }
        }
        if attrs.len() < 64 {
            attrs.push((key, value));
        }
    }
    Some(Tag {
        kind: if close { TagKind::Close } else { TagKind::Open },
        name,
        attrs,
        self_closing,
        end: j,
    })
}

fn simple(kind: TagKind, end: usize) -> Tag {
    Tag {
        kind,
        name: String::new(),
        attrs: Vec::new(),
        self_closing: false,
        end,
    }
}

/// (start of the end tag, offset just past it) for raw element `name` opened before `from`.
fn find_close(html: &str, from: usize, name: &str) -> (usize, usize) {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(k) = memchr(b'<', &b[i..]) {
        let lt = i + k;
        if b.get(lt + 1) == Some(&b'/')
            && b.len() >= lt + 2 + name.len()
            && b[lt + 2..lt + 2 + name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            let gt = memchr(b'>', &b[lt..]).map_or(b.len(), |k| lt + k + 1);
            return (lt, gt);
        }
        i = lt + 1;
    }
    (html.len(), html.len())
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn is_json_ld(attrs: &[(String, String)]) -> bool {
    attr(attrs, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

fn collect(out: &mut Scanned, name: &str, attrs: &[(String, String)]) {
    match name {
        "meta" => {
            let key = attr(attrs, "property")
                .or_else(|| attr(attrs, "name"))
                .or_else(|| attr(attrs, "itemprop"))
                .or_else(|| attr(attrs, "http-equiv"));
            if let (Some(k), Some(v)) = (key, attr(attrs, "content")) {
                if out.metas.len() < 512 && !v.trim().is_empty() {
                    out.metas
                        .push((k.trim().to_ascii_lowercase(), decode_entities(v.trim())));
                }
            }
        }
        "link" => {
            let canonical = attr(attrs, "rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            });
            if canonical && out.canonical.is_none() {
                if let Some(h) = attr(attrs, "href").filter(|h| !h.trim().is_empty()) {
                    out.canonical = Some(decode_entities(h.trim()));
                }
            }
        }
        "html" => {
            if let Some(l) = attr(attrs, "lang").or_else(|| attr(attrs, "xml:lang")) {
                out.lang = Some(l.trim().to_string());
            }
        }
        "time" => {
            if let Some(dt) = attr(attrs, "datetime").filter(|d| !d.trim().is_empty()) {
                let marked = attrs.iter().any(|(k, _)| k == "pubdate")
                    || attr(attrs, "itemprop").is_some_and(|p| p.contains("datePublished"));
                if marked {
                    out.times.insert(0, dt.trim().to_string());
                } else if out.times.len() < 64 {
                    out.times.push(dt.trim().to_string());
                }
            }
        }
        _ => {}
    }
}

/// Decode the few entities that matter in attribute values and titles.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let semi = rest.bytes().take(12).position(|c| c == b';');
        let decoded = semi.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "hellip" => Some('…'),
                _ => {
                    let num = ent.strip_prefix('#')?;
                    let n = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(n)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_styles_comments_keeps_json_ld() {
        let html = r#"<html lang="en"><head><title>Talks in Kessel &amp; Marn</title>
<script>var x = "<p>not text</p>";</script><style>p{color:red}</style>
<script type="application/ld+json">{"datePublished":"2031-03-04"}</script>
<meta property="og:site_name" content="Marn Herald"><link rel="canonical" href="https://marnherald.example/a">
</head><body><!-- <p>hidden</p> --><p>Voronov spoke.</p><time datetime="2031-03-04T10:00Z">x</time></body></html>"#;
        let s = scan(html);
        assert!(!s.html.contains("not text"));
        assert!(!s.html.contains("color:red"));
        assert!(!s.html.contains("hidden"));
        assert!(s.html.contains("<p>Voronov spoke.</p>"));
        assert_eq!(s.json_ld, vec![r#"{"datePublished":"2031-03-04"}"#]);
        assert_eq!(s.title.as_deref(), Some("Talks in Kessel & Marn"));
        assert_eq!(s.lang.as_deref(), Some("en"));
        assert_eq!(s.canonical.as_deref(), Some("https://marnherald.example/a"));
        assert!(s
            .metas
            .contains(&("og:site_name".into(), "Marn Herald".into())));
        assert_eq!(s.times, vec!["2031-03-04T10:00Z"]);
    }

    #[test]
    fn caps_nesting_depth() {
        let n = 100_000;
        let html = format!(
            "<html><body>{}<p>deep text</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let s = scan(&html);
        assert!(s.flattened > n - MAX_DEPTH - 10);
        assert!(s.html.contains("deep text"));
        let opens = s.html.matches("<div>").count();
        let closes = s.html.matches("</div>").count();
        assert!(opens <= MAX_DEPTH, "{opens}");
        assert_eq!(opens, closes);
    }

    #[test]
    fn unclosed_script_and_broken_tags_terminate() {
        let s = scan("<p>a < b and c<d</p><script>while(1){}");
        assert!(s.html.contains("a < b"));
        let s = scan("<div class=\"x>y\"><p unterminated");
        assert!(s.html.starts_with("<div"));
        let s = scan("<");
        assert_eq!(s.html, "<");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("A &amp; B &#8217;s &#x2014; &bogus; &"),
            "A & B ’s — &bogus; &"
        );
        assert_eq!(decode_entities("&quot; —\u{a0} x"), "\" —\u{a0} x");
    }
}
