//! Tokens: words, numbers, punctuation and quotation marks, as byte spans.
//!
//! One pass over the bytes, no allocation per token. Apostrophes inside or at the end of
//! words ("Ostrava’s", "protesters’", "’90s") stay in the word so they are never taken
//! for quotation marks.

use verbatim_core::{Span, Token, TokenKind};

/// Whether a quotation mark opens or closes a quotation, as far as its shape and
/// surroundings tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteRole {
    Open,
    Close,
    Ambiguous,
}

/// Any character used as a quotation mark.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '＂'
            | '「'
            | '」'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›' | '`')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Letters, digits and combining marks (decomposed accents) make up words.
#[inline]
fn is_wordy(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// Whether the quotation mark `tok` opens or closes a quotation. Curly marks and
/// guillemets say so by shape (with German „…“ and Danish »…« read from context);
/// straight marks by whether space lies before or after them.
pub fn quote_role(text: &str, tok: Token) -> QuoteRole {
    let Some(c) = char_at(text, tok.span.start as usize) else {
        return QuoteRole::Ambiguous;
    };
    let before = char_before(text, tok.span.start as usize);
    let after = char_at(text, tok.span.end as usize);
    let open_ctx = before.is_none_or(|b| {
        b.is_whitespace() || matches!(b, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':') || {
            is_quote_char(b) && matches!(b, '“' | '‘' | '«' | '„' | '‚' | '"' | '\'')
        }
    });
    let close_ctx = after.is_none_or(|a| {
        a.is_whitespace()
            || matches!(
                a,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '…' | '-'
            )
            || matches!(a, '”' | '’' | '»' | '"' | '\'')
    });
    let ctx = match (open_ctx, close_ctx) {
        (true, false) => QuoteRole::Open,
        (false, true) => QuoteRole::Close,
        _ => QuoteRole::Ambiguous,
    };
    match c {
        '„' | '‚' | '‟' | '‛' | '「' => QuoteRole::Open,
        '”' | '’' | '」' => QuoteRole::Close,
        // English openers that close German quotations.
        '“' | '‘' | '«' | '‹' => {
            if ctx == QuoteRole::Close {
                QuoteRole::Close
            } else {
                QuoteRole::Open
            }
        }
        // French/Russian closers that open Danish/German quotations.
        '»' | '›' => {
            if ctx == QuoteRole::Open {
                QuoteRole::Open
            } else {
                QuoteRole::Close
            }
        }
        _ => ctx,
    }
}

/// Tokenise `text[start..end]`, appending to `out`.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let first = out.len();
    let mut i = start;
    // A single quotation is open: a trailing apostrophe after "s" may close it.
    let mut single_open = false;
    while i < end {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            char_at(text, i).unwrap_or(' ')
        };
        let len = c.len_utf8();
        if c.is_whitespace() || c.is_control() {
            i += len;
            continue;
        }
        if is_wordy(c) {
            i = push_word(text, i, end, out);
            continue;
        }
        if is_apostrophe(c) {
            // Elided years ("the ’90s") and the like: an apostrophe then two digits.
            let d1 = bytes.get(i + len).copied().unwrap_or(0);
            let d2 = bytes.get(i + len + 1).copied().unwrap_or(0);
            let d3 = bytes.get(i + len + 2).copied().unwrap_or(b' ');
            if d1.is_ascii_digit() && d2.is_ascii_digit() && !d3.is_ascii_digit() {
                let before_ok = char_before(text, i).is_none_or(|p| !is_wordy(p));
                if before_ok {
                    let e = push_word(text, i + len, end, out);
                    out.last_mut().expect("word pushed").span.start = i as u32;
                    i = e;
                    continue;
                }
            }
            // Plural possessive ("the protesters’ demands") when no single quotation is open.
            if !single_open && out.len() > first {
                let last = *out.last().expect("non-empty");
                let after = char_at(text, i + len);
                if last.kind == TokenKind::Word
                    && last.span.end as usize == i
                    && matches!(bytes[i - 1], b's' | b'S')
                    && after.is_none_or(|a| a.is_whitespace() || matches!(a, ',' | ';' | ')'))
                {
                    out.last_mut().expect("non-empty").span.end = (i + len) as u32;
                    i += len;
                    continue;
                }
            }
        }
        if is_quote_char(c) {
            let tok = Token {
                span: Span::new(i, i + len),
                kind: TokenKind::Quote,
            };
            if is_single_quote(c) {
                match quote_role(text, tok) {
                    QuoteRole::Open => single_open = true,
                    QuoteRole::Close => single_open = false,
                    QuoteRole::Ambiguous => {}
                }
            }
            out.push(tok);
            i += len;
            continue;
        }
        // Runs of the same mark are one token: "...", "--", "?!", "!!".
        let mut e = i + len;
        match c {
            '.' => {
                while e < end && bytes[e] == b'.' {
                    e += 1;
                }
            }
            '-' => {
                while e < end && bytes[e] == b'-' {
                    e += 1;
                }
            }
            '?' | '!' => {
                while e < end && matches!(bytes[e], b'?' | b'!') {
                    e += 1;
                }
            }
            _ => {}
        }
        out.push(Token {
            span: Span::new(i, e),
            kind: TokenKind::Punct,
        });
        i = e;
    }
}

/// Push the word or number starting at `i`; return where it ends.
fn push_word(text: &str, i: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    let mut letters = false;
    // Start of the current hyphenated part, for acronyms like "R-S.C.".
    let mut part = i;
    while j < end {
        let b = bytes[j];
        // Fast path: ASCII letters and digits.
        if b.is_ascii_alphanumeric() {
            letters |= !b.is_ascii_digit();
            j += 1;
            continue;
        }
        // Other ASCII bytes end the word unless one of the joiners below: skips decoding
        // the next char at the usual space after a word.
        if b < 0x80 && !matches!(b, b'\'' | b'-' | b'.' | b',' | b':') {
            break;
        }
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = char_at(text, j).unwrap_or(' ');
            (c, c.len_utf8())
        };
        if is_wordy(c) {
            letters |= !c.is_ascii_digit();
            j += len;
            continue;
        }
        let next = if j + len < end {
            char_at(text, j + len)
        } else {
            None
        };
        let next_wordy = next.is_some_and(is_wordy);
        // Internal apostrophes and hyphens: "Ostrava’s", "Thomas-Greenfield", "2022-01-26".
        if (is_apostrophe(c) || is_hyphen(c)) && next_wordy && j > i {
            j += len;
            if is_hyphen(c) {
                part = j;
            }
            continue;
        }
        // Separators inside numbers: "3.5", "1,000", "18:04".
        if matches!(c, '.' | ',' | ':')
            && !letters
            && bytes[j - 1].is_ascii_digit()
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            j += 1;
            continue;
        }
        // Dotted acronyms keep their final stop: "U.S.", "U.N.", "a.m.", "e.g.".
        if c == '.' && next.is_some_and(char::is_alphabetic) && single_letter(text, part, j) {
            let mut k = j;
            let mut segments = 1;
            while let Some(l) = char_at(text, k + 1).filter(|l| l.is_alphabetic()) {
                let after = k + 1 + l.len_utf8();
                if after < end && bytes[after] == b'.' {
                    k = after;
                    segments += 1;
                } else {
                    break;
                }
            }
            if segments >= 2 {
                j = k + 1;
                letters = true;
            }
        }
        break;
    }
    out.push(Token {
        span: Span::new(i, j),
        kind: if letters {
            TokenKind::Word
        } else {
            TokenKind::Number
        },
    });
    j
}

/// Whether `text[i..j]` is exactly one letter.
fn single_letter(text: &str, i: usize, j: usize) -> bool {
    let mut cs = text[i..j].chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        out.iter().map(|t| (t.span.text(text), t.kind)).collect()
    }

    fn words(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(s, _)| s).collect()
    }

    use TokenKind::*;

    #[test]
    fn words_numbers_punct() {
        assert_eq!(
            toks("Voronov met 12 envoys."),
            vec![
                ("Voronov", Word),
                ("met", Word),
                ("12", Number),
                ("envoys", Word),
                (".", Punct)
            ]
        );
    }

    #[test]
    fn apostrophes_stay_in_words() {
        assert_eq!(
            words("Let’s see Ostrava’s plan, don't wait."),
            vec![
                "Let’s",
                "see",
                "Ostrava’s",
                "plan",
                ",",
                "don't",
                "wait",
                "."
            ]
        );
        assert_eq!(words("back in the ’90s"), vec!["back", "in", "the", "’90s"]);
        assert_eq!(words("the envoys’ talks"), vec!["the", "envoys’", "talks"]);
        assert_eq!(words("the envoys' talks"), vec!["the", "envoys'", "talks"]);
    }

    #[test]
    fn closing_single_quote_after_s_is_a_quote() {
        let t = toks("‘We will cross the rivers’ he said");
        assert_eq!(t[0], ("‘", Quote));
        assert_eq!(t[6], ("’", Quote));
        assert_eq!(t[5], ("rivers", Word));
    }

    #[test]
    fn hyphens_acronyms_decimals() {
        assert_eq!(
            words("Thomas-Greenfield of the U.S. and U.N. said 3.5% of 1,000 at 18:04, e.g. now"),
            vec![
                "Thomas-Greenfield",
                "of",
                "the",
                "U.S.",
                "and",
                "U.N.",
                "said",
                "3.5",
                "%",
                "of",
                "1,000",
                "at",
                "18:04",
                ",",
                "e.g.",
                "now"
            ]
        );
        assert_eq!(words("at 6 p.m. sharp"), vec!["at", "6", "p.m.", "sharp"]);
        // A lone initial is not an acronym: the stop stays separate.
        assert_eq!(words("J. R. Smith"), vec!["J", ".", "R", ".", "Smith"]);
        assert_eq!(toks("2022-01-26")[0], ("2022-01-26", Number));
        assert_eq!(toks("COVID-19")[0], ("COVID-19", Word));
        assert_eq!(
            words("Kask, R-S.C. said"),
            vec!["Kask", ",", "R-S.C.", "said"]
        );
    }

    #[test]
    fn runs_of_marks() {
        assert_eq!(words("Wait... what?! No--never"), {
            vec!["Wait", "...", "what", "?!", "No", "--", "never"]
        });
        assert_eq!(words("so…"), vec!["so", "…"]);
    }

    #[test]
    fn every_quote_style_is_a_quote_token() {
        for q in [
            "“a”", "‘a’", "\"a\"", "'a'", "«a»", "„a“", "‚a‘", "»a«", "‹a›",
        ] {
            let t = toks(q);
            assert_eq!(t.len(), 3, "{q}");
            assert_eq!(t[0].1, Quote, "{q}");
            assert_eq!(t[2].1, Quote, "{q}");
        }
    }

    #[test]
    fn quote_roles() {
        let roles = |text: &str| -> Vec<QuoteRole> {
            let mut out = Vec::new();
            tokenize(text, 0, text.len(), &mut out);
            out.iter()
                .filter(|t| t.kind == Quote)
                .map(|t| quote_role(text, *t))
                .collect()
        };
        use QuoteRole::*;
        assert_eq!(roles("He said \"go now\" and left"), vec![Open, Close]);
        assert_eq!(roles("“Go,” he said"), vec![Open, Close]);
        assert_eq!(roles("«Да», сказал он"), vec![Open, Close]);
        assert_eq!(roles("„Wir gehen“, sagte er"), vec![Open, Close]);
        assert_eq!(roles("»Wir gehen«, sagte er"), vec![Open, Close]);
        assert_eq!(roles("a \" b"), vec![Ambiguous]);
    }

    #[test]
    fn byte_offsets_with_multibyte_text() {
        let text = "«Мы уйдём», — сказал Воронов.";
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        for t in &out {
            assert!(text.is_char_boundary(t.span.start as usize));
            assert!(text.is_char_boundary(t.span.end as usize));
        }
        let got: Vec<&str> = out.iter().map(|t| t.span.text(text)).collect();
        assert_eq!(
            got,
            vec!["«", "Мы", "уйдём", "»", ",", "—", "сказал", "Воронов", "."]
        );
        assert_eq!(out[1].span, Span::new(2, 6));
    }

    #[test]
    fn respects_the_range() {
        let text = "skip this. Take that.";
        let mut out = Vec::new();
        tokenize(text, 11, text.len(), &mut out);
        assert_eq!(out[0].span.text(text), "Take");
        assert_eq!(out.len(), 3);
    }
}
