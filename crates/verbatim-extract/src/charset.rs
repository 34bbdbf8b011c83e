//! Bytes → UTF-8: BOM, then a declared charset (HTML `<meta>`), then detection.
//!
//! Valid UTF-8 is taken as UTF-8 whatever a page declares: legacy-encoded text with
//! non-ASCII bytes is practically never valid UTF-8, so a declaration that disagrees is
//! the one that is wrong. A declared legacy charset is checked against chardetng's guess
//! and the decoding that reads less like mojibake wins.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// Result of decoding: the text, the encoding used, and a warning when it was not plain UTF-8.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    pub warning: Option<String>,
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"#).unwrap()
});

/// The charset a page declares in its first 4 KB, if any encoding_rs knows.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

/// Decode `bytes`; `html` says whether to look for a `<meta charset>` declaration.
pub fn decode(bytes: &[u8], html: bool) -> Decoded<'_> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let warning = (enc != UTF_8 || had_errors)
            .then(|| format!("decoded as {} (byte order mark)", enc.name()));
        return Decoded {
            text,
            encoding: enc,
            warning,
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        let declared = if html { declared_charset(bytes) } else { None };
        let warning = declared
            .filter(|d| !is_utf8_family(d) && !s.is_ascii())
            .map(|d| {
                format!(
                    "declared {} but content is valid UTF-8; read as UTF-8",
                    d.name()
                )
            });
        return Decoded {
            text: Cow::Borrowed(s),
            encoding: UTF_8,
            warning,
        };
    }
    let guess = guess(bytes);
    let declared = if html {
        declared_charset(bytes).filter(|d| !is_utf8_family(d))
    } else {
        None
    };
    let (enc, why) = match declared {
        Some(d) if d == guess => (d, "declared"),
        Some(d) => {
            // Two candidates: keep the declaration unless it reads clearly worse.
            let (a, a_err) = d.decode_without_bom_handling(bytes);
            let (b, b_err) = guess.decode_without_bom_handling(bytes);
            let (sa, sb) = (mojibake_score(&a, a_err), mojibake_score(&b, b_err));
            if sb * 2.0 < sa && sa - sb > 0.01 {
                (guess, "detected; the declared charset reads as mojibake")
            } else {
                (d, "declared")
            }
        }
        None => (guess, "detected"),
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: Cow::Owned(text.into_owned()),
        encoding: enc,
        warning: Some(format!("invalid UTF-8: decoded as {} ({why})", enc.name())),
    }
}

fn is_utf8_family(e: &Encoding) -> bool {
    // A page that says UTF-16 but was served as bytes without a BOM is ASCII-compatible.
    e == UTF_8 || e == UTF_16LE || e == UTF_16BE
}

/// chardetng's guess over (at most) the first 256 KB.
pub fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(256 << 10)];
    det.feed(sample, sample.len() == bytes.len());
    det.guess(None, Utf8Detection::Allow)
}

/// How much a decoding looks wrong, per letter: replacement characters, C1 controls,
/// Latin-1 symbols (`¤ ¦ ± »`…) and case flips inside words (`ÐŸÑ€`, `рТЕБ`).
fn mojibake_score(text: &str, had_errors: bool) -> f64 {
    let mut letters = 0usize;
    let mut bad = 0usize;
    let mut latin1 = 0usize;
    let mut prev_lower = false;
    for c in text.chars() {
        if c.is_alphabetic() {
            letters += 1;
            // Accented Latin letters are a few percent of real text, most of mojibake.
            if ('\u{C0}'..='\u{FF}').contains(&c) {
                latin1 += 1;
            }
            if c.is_uppercase() && prev_lower {
                bad += 1;
            }
            prev_lower = c.is_lowercase();
        } else {
            prev_lower = false;
            if c == '\u{FFFD}' || ('\u{80}'..='\u{BF}').contains(&c) {
                bad += 1;
            }
        }
    }
    let base = (bad as f64 + latin1 as f64 / 4.0) / letters.max(1) as f64;
    if had_errors {
        base + 0.05
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_borrowed() {
        let d = decode("Voronov said «нет».".as_bytes(), false);
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(d.warning.is_none());
    }

    #[test]
    fn windows_1251_declared_is_honoured() {
        let text = "<html><head><meta charset=\"windows-1251\"></head><body><p>Министр иностранных дел Валдории заявил журналистам, что переговоры продолжатся.</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let d = decode(&bytes, true);
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1251);
        assert!(d.text.contains("Министр иностранных дел"));
    }

    #[test]
    fn koi8r_via_http_equiv() {
        let text = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body><p>Переговоры в Кесселе завершились без соглашения, сообщило агентство.</p></body></html>";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
        let d = decode(&bytes, true);
        assert_eq!(d.encoding, encoding_rs::KOI8_R);
        assert!(d.text.contains("Переговоры в Кесселе"));
    }

    #[test]
    fn wrongly_declared_latin1_falls_back_to_detection() {
        let text = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Министр иностранных дел Валдории Илья Воронов заявил журналистам в Кесселе, что переговоры с Остравой продолжатся на следующей неделе.</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let d = decode(&bytes, true);
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1251, "{}", d.text);
        assert!(d.text.contains("Илья Воронов"));
        assert!(d.warning.unwrap().contains("mojibake"));
    }

    #[test]
    fn declared_legacy_but_valid_utf8_reads_utf8() {
        let html = "<meta charset=\"windows-1251\"><p>Оксана Гриценко</p>";
        let d = decode(html.as_bytes(), true);
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.contains("Оксана"));
        assert!(d.warning.is_some());
    }

    #[test]
    fn bom_wins() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Marn Herald".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes, true);
        assert_eq!(d.text, "Marn Herald");
    }

    #[test]
    fn undeclared_invalid_utf8_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Le ministre a déclaré à la presse que la délégation était arrivée à Kessel.");
        let d = decode(&bytes, false);
        assert!(d.text.contains("déclaré"), "{}", d.text);
        assert!(d.warning.is_some());
    }
}
