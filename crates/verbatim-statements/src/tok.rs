//! The stage's view of the text: the text layer's tokens per paragraph, with quote marks
//! told apart by kind and direction; its own sentence ranges and quote regions.
//! Byte-level and allocation-light, because the stage must keep up with the cleaner
//! (≥ 10 MB/s on one core).

use std::ops::Range;

use verbatim_core::{Token, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct,
    /// A quotation mark: `open` says which way it faces once resolved.
    Quote,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub s: u32,
    pub e: u32,
    pub kind: Kind,
    /// First char is uppercase.
    pub cap: bool,
    /// For quotes: 1 double, 2 single; 0 otherwise.
    pub mark: u8,
    /// For quotes: +1 looks like an opening mark, -1 closing, 0 cannot tell.
    pub dir: i8,
    /// Index of the paragraph (block) this token is in.
    pub para: u32,
}

impl Tok {
    pub fn range(&self) -> Range<usize> {
        self.s as usize..self.e as usize
    }
}

/// Quote marks we know, with their kind (1 double, 2 single) and default direction.
fn quote_char(c: char) -> Option<(u8, i8)> {
    Some(match c {
        '“' | '„' | '«' => (1, 1),
        '”' | '»' => (1, -1),
        '"' => (1, 0),
        '‘' | '‚' | '‹' => (2, 1),
        '’' | '›' => (2, -1),
        '\'' => (2, 0),
        _ => return None,
    })
}

/// Abbreviations that keep their period (so "Mr." does not end a sentence).
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "st", "jr", "sr", "lt", "col", "sgt",
    "prof", "rev", "capt", "cmdr", "adm", "maj", "gov", "pres", "del", "no", "vs", "etc", "inc",
    "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "r", "d", "i",
];

fn is_abbrev(w: &str) -> bool {
    if w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "J. Smith"
    }
    let lw = w.to_ascii_lowercase();
    ABBREV.contains(&lw.as_str()) || (lw.len() <= 6 && lw.contains('.'))
}

/// Which way a quote mark at `s..e` faces: opening after space, closing before it.
fn guess_dir(text: &str, s: usize, e: usize, lo: usize, hi: usize, def: i8) -> i8 {
    let prev = text[..s].chars().next_back();
    let next = text[e..].chars().next();
    let left_open = s == lo
        || prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | ':'));
    let right_open = e >= hi
        || next.is_none_or(|n| {
            n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '—' | '–')
        });
    if left_open && !right_open {
        1
    } else if !left_open && right_open {
        -1
    } else {
        def
    }
}

/// The stage's tokens for one paragraph `range`, appending to `out`: the text layer's
/// tokens `layer` in that range, or, where the document has no such layer (bare text in
/// training and tests), the same tokenizer run here.
pub fn tokenize(
    text: &str,
    layer: Option<&[Token]>,
    range: Range<usize>,
    para: u32,
    out: &mut Vec<Tok>,
) {
    match layer {
        Some(all) => {
            let lo = all.partition_point(|t| (t.span.start as usize) < range.start);
            let hi = lo + all[lo..].partition_point(|t| (t.span.end as usize) <= range.end);
            from_layer(text, &all[lo..hi], range, para, out);
        }
        None => {
            let mut own = Vec::new();
            verbatim_text::tokens::tokenize(text, range.start, range.end, &mut own);
            from_layer(text, &own, range, para, out);
        }
    }
}

/// Text-layer tokens to the stage's: quote marks get their kind and the way they face; a
/// period after an abbreviation or initial joins it ("Mr.", "J."), so that it ends no
/// sentence; typewriter doubles ('' and ``) are one mark. Marks this stage does not
/// pair (‟, 「) are punctuation.
fn from_layer(text: &str, layer: &[Token], range: Range<usize>, para: u32, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < layer.len() {
        let t = layer[k];
        let (s, mut e) = (t.span.start as usize, t.span.end as usize);
        k += 1;
        match t.kind {
            TokenKind::Word | TokenKind::Number => {
                // Numbers with a slash are one word: "9/11", "24/7".
                while t.kind == TokenKind::Number
                    && bytes.get(e) == Some(&b'/')
                    && layer.get(k + 1).is_some_and(|n| {
                        n.kind == TokenKind::Number
                            && n.span.start as usize == e + 1
                            && bytes[e + 1].is_ascii_digit()
                    })
                    && bytes[e - 1].is_ascii_digit()
                {
                    e = layer[k + 1].span.end as usize;
                    k += 2;
                }
                if e - s <= 6
                    && bytes.get(e) == Some(&b'.')
                    && layer
                        .get(k)
                        .is_some_and(|n| n.span.start as usize == e && n.span.end as usize == e + 1)
                    && is_abbrev(&text[s..e])
                {
                    e += 1;
                    k += 1;
                }
                out.push(Tok {
                    s: s as u32,
                    e: e as u32,
                    kind: Kind::Word,
                    cap: if bytes[s] < 0x80 {
                        bytes[s].is_ascii_uppercase()
                    } else {
                        text[s..].chars().next().is_some_and(char::is_uppercase)
                    },
                    mark: 0,
                    dir: 0,
                    para,
                });
            }
            TokenKind::Quote => {
                let b = bytes[s];
                let double = matches!(b, b'\'' | b'`')
                    && layer.get(k).is_some_and(|n| {
                        n.kind == TokenKind::Quote && n.span.start as usize == e && bytes[e] == b
                    });
                let (mark, dir) = if double {
                    k += 1;
                    e += 1;
                    let dir = if b == b'`' {
                        1
                    } else {
                        guess_dir(text, s, e, range.start, range.end, 0)
                    };
                    (1, dir)
                } else {
                    match text[s..].chars().next().and_then(quote_char) {
                        Some((mark, def)) => {
                            (mark, guess_dir(text, s, e, range.start, range.end, def))
                        }
                        None => (0, 0),
                    }
                };
                out.push(Tok {
                    s: s as u32,
                    e: e as u32,
                    kind: if mark == 0 { Kind::Punct } else { Kind::Quote },
                    cap: false,
                    mark,
                    dir,
                    para,
                });
            }
            TokenKind::Punct => out.push(Tok {
                s: s as u32,
                e: e as u32,
                kind: Kind::Punct,
                cap: false,
                mark: 0,
                dir: 0,
                para,
            }),
        }
    }
}

/// Sentence ranges (token indices) within one paragraph's tokens `toks[r]`.
pub fn sentences(text: &str, toks: &[Tok], r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = r.start;
    let mut i = r.start;
    while i < r.end {
        let t = &toks[i];
        let ends = t.kind == Kind::Punct && {
            // ("..." and "?!" are one token.)
            let w = &text[t.range()];
            w == "…" || w.bytes().all(|b| matches!(b, b'.' | b'!' | b'?'))
        };
        if ends {
            // Swallow closing quotes/brackets that belong to this sentence.
            let mut j = i + 1;
            while j < r.end
                && ((toks[j].kind == Kind::Quote && toks[j].dir <= 0)
                    || matches!(&text[toks[j].range()], ")" | "." | "!" | "?"))
            {
                j += 1;
            }
            // The next sentence must start with a capital, a digit or an opening quote.
            let next_ok = j >= r.end || {
                let n = &toks[j];
                n.cap
                    || n.kind == Kind::Quote
                    || text[n.range()]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_numeric())
            };
            if next_ok && j > start {
                out.push(start..j);
                start = j;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    if start < r.end {
        out.push(start..r.end);
    }
}

/// A top-level quotation: tokens `open..=close` (the marks included when present).
#[derive(Clone, Debug)]
pub struct Quote {
    pub open: usize,
    pub close: usize,
    /// Whether a closing mark was found (unbalanced quotes end at the paragraph's end).
    pub closed: bool,
    /// Quotes of one multi-paragraph quotation share a group id.
    pub group: usize,
}

/// Pair quote marks into top-level quotations. `paras` are token ranges per paragraph.
/// Single marks nested inside a double quotation (and vice versa) are ignored; apostrophes
/// ("Let’s", "allies’") are told apart from closing marks by whether a quote is open.
pub fn quotes(text: &str, toks: &[Tok], paras: &[Range<usize>]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let mut carry: Option<(u8, usize)> = None; // open mark kind and group, from the paragraph before
    for (pi, p) in paras.iter().enumerate() {
        let mut open: Option<(usize, u8, usize)> = None; // (token, mark, group)
        if let Some((mark, group)) = carry.take() {
            // A multi-paragraph quote: this paragraph re-opens with the same mark.
            if let Some(first) = toks.get(p.start) {
                if p.start < p.end
                    && first.kind == Kind::Quote
                    && first.mark == mark
                    && first.dir >= 0
                {
                    open = Some((p.start, mark, group));
                }
            }
        }
        let mut i = p.start;
        if open.is_some() {
            i += 1;
        }
        while i < p.end {
            let t = &toks[i];
            if t.kind != Kind::Quote {
                i += 1;
                continue;
            }
            match open {
                None => {
                    // Trailing ’ after a word with no quote open is an apostrophe.
                    if t.dir >= 0 {
                        // The group id is assigned when the quote is pushed.
                        open = Some((i, t.mark, usize::MAX));
                    }
                }
                Some((o, m, g)) => {
                    if t.mark == m && t.dir <= 0 {
                        let group = if g == usize::MAX { out.len() } else { g };
                        out.push(Quote {
                            open: o,
                            close: i,
                            closed: true,
                            group,
                        });
                        open = None;
                    } else if t.mark == m && t.dir > 0 && m == 1 {
                        // Two opening doubles in a row: the first was never closed.
                        let group = if g == usize::MAX { out.len() } else { g };
                        out.push(Quote {
                            open: o,
                            close: i - 1,
                            closed: false,
                            group,
                        });
                        open = Some((i, m, usize::MAX));
                    }
                    // A different mark inside a quotation is a nested quote: ignored.
                }
            }
            i += 1;
        }
        if let Some((o, m, g)) = open {
            let group = if g == usize::MAX { out.len() } else { g };
            if p.end > o + 1 {
                out.push(Quote {
                    open: o,
                    close: p.end - 1,
                    closed: false,
                    group,
                });
                // Continue into the next paragraph only if it opens with the same mark,
                // and only a quotation that opens its sentence or follows a colon, comma
                // or verb of speech: "Grayson said Murphy's stance is “really an amorphous
                // position." left unclosed is a slip, not the start of a long quotation.
                let before = o.checked_sub(1).filter(|&b| b >= p.start);
                let starts_speech = before.is_none_or(|b| {
                    let w = text[toks[b].range()].to_ascii_lowercase();
                    matches!(
                        w.as_str(),
                        ":" | "," | "." | "—" | "said" | "says" | "added" | "told" | "wrote"
                    )
                });
                if let Some(next) = paras.get(pi + 1).filter(|_| starts_speech) {
                    if next.start < next.end {
                        let f = &toks[next.start];
                        if f.kind == Kind::Quote && f.mark == m && f.dir >= 0 {
                            carry = Some((m, group));
                        }
                    }
                }
            }
        }
    }
    out
}
