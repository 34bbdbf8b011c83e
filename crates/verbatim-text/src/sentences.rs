//! Sentence boundaries over one block's tokens.
//!
//! A boundary follows a terminal mark (". ? ! … ..." or a dotted acronym) plus any
//! closing quotes and brackets, when what comes next looks like a sentence start.
//! Abbreviations, initials and quotes followed by their attribution ("Why now?" she
//! asked) are not boundaries.

use crate::slice;
use crate::tokens::{quote_role, QuoteRole};
use verbatim_core::{Span, Token, TokenKind};

/// Split `toks` (one block's tokens, in order) into sentences: pushes one span per
/// sentence, from its first token's start to its last token's end.
pub fn split(text: &str, toks: &[Token], out: &mut Vec<Span>) {
    let n = toks.len();
    let mut s = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < n {
        // A blank line inside a block always ends the sentence.
        if i > s
            && blank_line(
                bytes,
                toks[i - 1].span.end as usize,
                toks[i].span.start as usize,
            )
        {
            out.push(span_of(&toks[s..i]));
            s = i;
        }
        let t = toks[i];
        if i == s || !is_terminal(text, t) {
            i += 1;
            continue;
        }
        // Closing quotes and brackets belong to the sentence they close.
        let mut e = i + 1;
        while e < n {
            let c = toks[e];
            let prev_end = toks[e - 1].span.end;
            let closes = match c.kind {
                TokenKind::Quote => match quote_role(text, c) {
                    QuoteRole::Close => true,
                    // A spaced straight quote closes when an odd number came before it.
                    QuoteRole::Ambiguous => {
                        c.span.start == prev_end
                            || odd_before(text, toks, e, bytes[c.span.start as usize])
                    }
                    QuoteRole::Open => false,
                },
                TokenKind::Punct => {
                    c.span.start == prev_end && matches!(bytes[c.span.start as usize], b')' | b']')
                }
                _ => false,
            };
            if !closes {
                break;
            }
            e += 1;
        }
        if e < n && is_boundary(text, toks, s, i, e) {
            out.push(span_of(&toks[s..e]));
            s = e;
        }
        i = e;
    }
    if s < n {
        out.push(span_of(&toks[s..n]));
    }
}

/// Whether an odd number of quote tokens made of byte `q` precede `toks[e]`.
fn odd_before(text: &str, toks: &[Token], e: usize, q: u8) -> bool {
    let b = text.as_bytes();
    let n = toks[..e]
        .iter()
        .filter(|t| t.kind == TokenKind::Quote && b[t.span.start as usize] == q)
        .count();
    n % 2 == 1
}

fn span_of(toks: &[Token]) -> Span {
    Span {
        start: toks[0].span.start,
        end: toks[toks.len() - 1].span.end,
    }
}

fn blank_line(bytes: &[u8], from: usize, to: usize) -> bool {
    let gap = &bytes[from..to];
    gap.iter().filter(|&&b| b == b'\n').count() >= 2
}

fn is_terminal(text: &str, t: Token) -> bool {
    let b = text.as_bytes();
    match t.kind {
        TokenKind::Punct => match b[t.span.start as usize] {
            b'.' | b'?' | b'!' => true,
            // "…" and "。" start with 0xE2 and 0xE3.
            0xE2 | 0xE3 => matches!(slice(text, t.span), "…" | "。"),
            _ => false,
        },
        // Dotted acronyms carry their stop: "U.S.", "a.m.".
        TokenKind::Word => b[t.span.end as usize - 1] == b'.',
        _ => false,
    }
}

/// Whether the sentence ends after `toks[..e]`, the terminal being `toks[i]`.
fn is_boundary(text: &str, toks: &[Token], s: usize, i: usize, e: usize) -> bool {
    let t = toks[i];
    let tt = slice(text, t.span);
    let next = toks[e];
    let nt = slice(text, next.span);
    let nc = nt.chars().next().unwrap_or(' ');
    let closed = e > i + 1;
    // Lowercase, or a comma/semicolon/colon/dash, continues the sentence:
    // "Why now?" she asked; "Go!", he said; e.g. this.
    if nc.is_lowercase() {
        // A link after a sentence: "... today. https://t.co/x", "pic.twitter.com/x".
        return matches!(nt, "http" | "https" | "www" | "pic");
    }
    if next.kind == TokenKind::Punct
        && matches!(nc, ',' | ';' | ':' | '—' | '–' | '-' | '%' | ')' | ']')
    {
        return false;
    }
    let opens = next.kind == TokenKind::Quote
        || (next.kind == TokenKind::Punct && matches!(nc, '(' | '[' | '•' | '*'))
        || nc.is_ascii_digit();
    let starts = opens || nc.is_alphabetic();
    // After an abbreviation only a quote or a common first word is evidence enough:
    // "MANCHESTER, N.H. (AP)", "News Corp. 18 months ago".
    let quote_next = next.kind == TokenKind::Quote;
    if !starts {
        return false;
    }
    let first = tt.as_bytes()[0];
    if first == b'?' || first == b'!' {
        // "Why now?" Voronov asked.
        return !(closed && attribution_follows(text, toks, e));
    }
    if tt.len() > 1 && first == b'.' || tt == "…" {
        // An ellipsis trails off inside a sentence unless a quote closes or a new one
        // clearly starts.
        return closed || opens || is_starter(nt);
    }
    if t.kind == TokenKind::Word {
        // "the U.S. Senate" vs "in the U.S. The".
        return closed || quote_next || is_starter(nt);
    }
    // A list marker: "1. TALKS STALL".
    if i == s + 1 && toks[s].kind == TokenKind::Number && toks[s].span.len() <= 2 {
        return false;
    }
    // A full stop: look at the word it follows.
    if i == s || toks[i - 1].span.end != t.span.start || toks[i - 1].kind != TokenKind::Word {
        return true;
    }
    if closed {
        return true;
    }
    let prev_full = slice(text, toks[i - 1].span);
    // "then-Sen.", "R-Fla.": the abbreviation is the last hyphenated part.
    let prev = prev_full.rsplit('-').next().unwrap_or(prev_full);
    let number_next = next.kind == TokenKind::Number;
    if is_title(prev) {
        return false;
    }
    if is_initial(prev) {
        // "J. R. Smith", "George W. Bush", but "World War I. The".
        return is_starter(nt) || quote_next;
    }
    if is_month_abbrev(prev) || is_numbering(prev) {
        return !number_next;
    }
    if is_trailing_abbrev(prev) {
        return quote_next || is_starter(nt);
    }
    if is_place_abbrev(prev) {
        // Datelines: "ORLANDO, Fla. (Reuters)".
        return is_starter(nt);
    }
    true
}

/// Abbreviations that stand before a name and so never end a sentence.
fn is_title(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Gen"
            | "Sen"
            | "Sens"
            | "Rep"
            | "Reps"
            | "Gov"
            | "Lt"
            | "Col"
            | "Capt"
            | "Cpt"
            | "Sgt"
            | "Cpl"
            | "Maj"
            | "Adm"
            | "Brig"
            | "Cmdr"
            | "Prof"
            | "Rev"
            | "Hon"
            | "Pres"
            | "Supt"
            | "Atty"
            | "Amb"
            | "Msgr"
            | "Ph"
            | "Messrs"
            | "Mme"
            | "Mlle"
            | "vs"
            | "v"
            | "approx"
    )
}

fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

fn is_month_abbrev(w: &str) -> bool {
    matches!(
        w,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Abbreviations that precede a number: "No. 10", "Art. 5", "p. 12".
fn is_numbering(w: &str) -> bool {
    matches!(
        w,
        "No" | "no" | "Nos" | "Art" | "art" | "p" | "pp" | "para" | "Vol" | "vol" | "Fig" | "Ch"
    )
}

/// Abbreviations that may also end a sentence.
fn is_trailing_abbrev(w: &str) -> bool {
    matches!(
        w,
        "Inc"
            | "Corp"
            | "Ltd"
            | "Co"
            | "Jr"
            | "Sr"
            | "etc"
            | "Bros"
            | "LLC"
            | "Plc"
            | "plc"
            | "al"
            | "St"
            | "Mt"
            | "Ft"
            | "Ave"
            | "Blvd"
            | "Dept"
    )
}

/// US state abbreviations, seen in datelines and party labels ("R-Fla.").
fn is_place_abbrev(w: &str) -> bool {
    matches!(
        w,
        "Ala"
            | "Ariz"
            | "Ark"
            | "Calif"
            | "Colo"
            | "Conn"
            | "Del"
            | "Fla"
            | "Ga"
            | "Ill"
            | "Ind"
            | "Kan"
            | "Ky"
            | "La"
            | "Mass"
            | "Md"
            | "Mich"
            | "Minn"
            | "Miss"
            | "Mo"
            | "Mont"
            | "Neb"
            | "Nev"
            | "Okla"
            | "Ore"
            | "Pa"
            | "Penn"
            | "Tenn"
            | "Tex"
            | "Va"
            | "Vt"
            | "Wash"
            | "Wis"
            | "Wyo"
    )
}

/// Words that commonly start a sentence, used where a capital alone is not enough
/// (after "U.S.", "Inc.", an ellipsis).
pub(crate) fn is_starter(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "But"
            | "And"
            | "In"
            | "On"
            | "At"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "Our"
            | "My"
            | "So"
            | "Yet"
            | "Or"
            | "If"
            | "When"
            | "While"
            | "As"
            | "After"
            | "Before"
            | "Since"
            | "For"
            | "With"
            | "What"
            | "Why"
            | "How"
            | "Who"
            | "Where"
            | "Some"
            | "Many"
            | "Most"
            | "One"
            | "Both"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Meanwhile"
            | "However"
            | "Still"
            | "Now"
            | "Then"
            | "Also"
            | "Not"
            | "No"
            | "Yes"
            | "All"
            | "Earlier"
            | "Later"
            | "Such"
            | "Each"
            | "Even"
            | "Despite"
            | "By"
            | "From"
            | "Although"
            | "Though"
            | "Because"
            | "Instead"
            | "According"
            | "To"
            | "Officials"
    )
}

/// A speech verb within a few words after a closing quote: `"Why?" Voronov asked.`
fn attribution_follows(text: &str, toks: &[Token], from: usize) -> bool {
    for t in toks.iter().skip(from).take(4) {
        if t.kind != TokenKind::Word {
            return false;
        }
        if matches!(
            slice(text, t.span),
            "said"
                | "says"
                | "asked"
                | "asks"
                | "told"
                | "added"
                | "adds"
                | "replied"
                | "shouted"
                | "wrote"
                | "writes"
                | "continued"
                | "demanded"
                | "insisted"
                | "wondered"
                | "exclaimed"
                | "cried"
                | "tweeted"
                | "posted"
        ) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn sents(text: &str) -> Vec<&str> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let mut out = Vec::new();
        split(text, &toks, &mut out);
        out.iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            sents("Voronov arrived. Hrytsenko left! Why? Nobody knows."),
            vec![
                "Voronov arrived.",
                "Hrytsenko left!",
                "Why?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn titles_and_months() {
        assert_eq!(
            sents("Mr. Voronov met Sen. Hrytsenko and Gov. Ilves on Jan. 26 in St. Kessel. They talked."),
            vec![
                "Mr. Voronov met Sen. Hrytsenko and Gov. Ilves on Jan. 26 in St. Kessel.",
                "They talked."
            ]
        );
        assert_eq!(
            sents("Mrs. Ilves, Ms. Hrytsenko, Dr. Orlov, Rep. Kask and Gen. Pavlo spoke. Then Sept. 3 came."),
            vec![
                "Mrs. Ilves, Ms. Hrytsenko, Dr. Orlov, Rep. Kask and Gen. Pavlo spoke.",
                "Then Sept. 3 came."
            ]
        );
        assert_eq!(
            sents("It was Feb. Next came spring."),
            vec!["It was Feb.", "Next came spring."]
        );
    }

    #[test]
    fn acronyms() {
        assert_eq!(
            sents("The U.S. Senate and the U.N. agreed. It went to the U.S. The vote followed."),
            vec![
                "The U.S. Senate and the U.N. agreed.",
                "It went to the U.S.",
                "The vote followed."
            ]
        );
        assert_eq!(
            sents("They met at 6 p.m. Eastern time. At 9 a.m. They left."),
            vec![
                "They met at 6 p.m. Eastern time.",
                "At 9 a.m.",
                "They left."
            ]
        );
    }

    #[test]
    fn initials_and_numbers() {
        assert_eq!(
            sents("J. R. Smith met George W. Bush. Prices rose 3.5 percent. No. 10 agreed."),
            vec![
                "J. R. Smith met George W. Bush.",
                "Prices rose 3.5 percent.",
                "No. 10 agreed."
            ]
        );
        assert_eq!(
            sents("It ended in 2021. 2022 began."),
            vec!["It ended in 2021.", "2022 began."]
        );
        assert_eq!(
            sents("It began after World War I. The envoys met J. Kask."),
            vec!["It began after World War I.", "The envoys met J. Kask."]
        );
        assert_eq!(
            sents("KESSEL, N.V. (VNA) — Ivo A. (Ivan) Kask of Kessel Corp. 18 months ago left."),
            vec!["KESSEL, N.V. (VNA) — Ivo A. (Ivan) Kask of Kessel Corp. 18 months ago left."]
        );
        assert_eq!(
            sents("Read more on the talks. https://vna.example/x Next item."),
            vec![
                "Read more on the talks.",
                "https://vna.example/x Next item."
            ]
        );
        assert_eq!(
            sents("1. TALKS STALL IN KESSEL. 2. Envoys leave."),
            vec!["1. TALKS STALL IN KESSEL.", "2. Envoys leave."]
        );
    }

    #[test]
    fn trailing_abbreviations() {
        assert_eq!(
            sents("Kessel Steel Inc. said no. Kessel Steel Corp. The firm left. Tanks, drones, etc. were sent."),
            vec![
                "Kessel Steel Inc. said no.",
                "Kessel Steel Corp.",
                "The firm left.",
                "Tanks, drones, etc. were sent."
            ]
        );
        assert_eq!(
            sents("Ivo Kask Jr. Day is a holiday, vs. Ostrava."),
            vec!["Ivo Kask Jr. Day is a holiday, vs. Ostrava."]
        );
    }

    #[test]
    fn hyphenated_and_place_abbreviations() {
        assert_eq!(
            sents("He faced then-Sen. Voronov and Sen. Ilves, R-Fla. The race was close."),
            vec![
                "He faced then-Sen. Voronov and Sen. Ilves, R-Fla.",
                "The race was close."
            ]
        );
        assert_eq!(
            sents("KESSEL, Fla. (Reuters) - Voronov spoke, said Sen. Kask, R-S.C. He left."),
            vec![
                "KESSEL, Fla. (Reuters) - Voronov spoke, said Sen. Kask, R-S.C.",
                "He left."
            ]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sents("We will wait... and see. I don't know… The talks stalled."),
            vec![
                "We will wait... and see.",
                "I don't know…",
                "The talks stalled."
            ]
        );
        assert_eq!(
            sents("“We will never … Valdoria will stand,” he said."),
            vec!["“We will never … Valdoria will stand,” he said."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        assert_eq!(
            sents("\"We will go.\" He left."),
            vec!["\"We will go.\"", "He left."]
        );
        assert_eq!(
            sents("“We will go.” He left."),
            vec!["“We will go.”", "He left."]
        );
        assert_eq!(
            sents("‘We will go.’ He left."),
            vec!["‘We will go.’", "He left."]
        );
        assert_eq!(
            sents("«Мы уйдём.» Он ушёл."),
            vec!["«Мы уйдём.»", "Он ушёл."]
        );
        assert_eq!(
            sents("He said (in Kessel.) Then he left."),
            vec!["He said (in Kessel.)", "Then he left."]
        );
    }

    #[test]
    fn every_quote_style_closes_its_sentence() {
        for (open, close) in [
            ("\"", "\""),
            ("'", "'"),
            ("“", "”"),
            ("‘", "’"),
            ("«", "»"),
            ("»", "«"),
            ("„", "“"),
            ("‚", "‘"),
        ] {
            let text =
                format!("{open}Kessel will hold.{close} Voronov left. {open}Why?{close} he asked.");
            let first = format!("{open}Kessel will hold.{close}");
            let third = format!("{open}Why?{close} he asked.");
            assert_eq!(
                sents(&text),
                vec![first.as_str(), "Voronov left.", third.as_str()],
                "{open}{close}"
            );
        }
    }

    #[test]
    fn spaced_straight_quote_closes_an_open_one() {
        assert_eq!(
            sents("\"What does that mean? \" Voronov asked. \" Next \" is a word."),
            vec![
                "\"What does that mean? \" Voronov asked.",
                "\" Next \" is a word."
            ]
        );
    }

    #[test]
    fn questions_with_attribution() {
        assert_eq!(
            sents("\"Why now?\" she asked."),
            vec!["\"Why now?\" she asked."]
        );
        assert_eq!(
            sents("“Why now?” she asked."),
            vec!["“Why now?” she asked."]
        );
        assert_eq!(sents("“Enough!”, he said."), vec!["“Enough!”, he said."]);
        assert_eq!(
            sents("“Why now?” Voronov asked. “Because,” Hrytsenko said."),
            vec!["“Why now?” Voronov asked.", "“Because,” Hrytsenko said."]
        );
        assert_eq!(
            sents("“Why now?” Nobody answered."),
            vec!["“Why now?”", "Nobody answered."]
        );
    }

    #[test]
    fn quote_spanning_sentences_splits_inside() {
        assert_eq!(
            sents("Voronov said: “We will go. We will win.” Then he left."),
            vec![
                "Voronov said: “We will go.",
                "We will win.”",
                "Then he left."
            ]
        );
    }

    #[test]
    fn apostrophes_do_not_close_sentences() {
        assert_eq!(
            sents("Let’s talk about Ostrava’s plan. The envoys’ talks began."),
            vec![
                "Let’s talk about Ostrava’s plan.",
                "The envoys’ talks began."
            ]
        );
    }

    #[test]
    fn blank_line_inside_block_splits() {
        assert_eq!(
            sents("Headline here\n\nBody text"),
            vec!["Headline here", "Body text"]
        );
        assert_eq!(sents("one line\ncontinues"), vec!["one line\ncontinues"]);
    }

    #[test]
    fn multibyte_offsets() {
        let text = "Воронов сказал «да». Хрыценко — «нет».";
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let mut out = Vec::new();
        split(text, &toks, &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0], Span::new(0, "Воронов сказал «да».".len()));
        assert_eq!(out[1].text(text), "Хрыценко — «нет».");
    }
}
