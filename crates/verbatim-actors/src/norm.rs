//! Name keys that fold transliteration variants together, provisional ids, and
//! corpus-level clustering of names that the knowledge base does not know.

use std::collections::HashMap;

/// Fold one word to its transliteration-insensitive key: ASCII (deunicode), lowercase,
/// letters and digits only, then Russian/Ukrainian romanisation folding
/// (zh→z, kh→h, ck→k, ph→f, w→v, y/j→i, g→h, ie→e, final ff→v, doubled letters single).
///
/// `Zelensky`, `Zelenskyy`, `Zelenskiy` and `Zhelensky` share `zelenski`;
/// `Sergei`, `Sergey` and `Sergej` share `serhei`; `Voronoff` and `Woronow` give `voronov`.
pub fn fold_word(word: &str) -> String {
    let mut out = Vec::with_capacity(word.len());
    fold_into(word, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`fold_word`], appended to `out` and folded in place there: no buffers of its own.
fn fold_into(word: &str, out: &mut Vec<u8>) {
    let base = out.len();
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase()),
        );
    } else {
        let a = deunicode::deunicode(word);
        out.extend(
            a.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase()),
        );
    }
    if out.len() - base > 3 && out.ends_with(b"ff") {
        out.truncate(out.len() - 2);
        out.push(b'v');
    }
    // Writes (at `w`) never pass reads (at `i`): each step reads at least one byte and
    // writes at most one.
    let end = out.len();
    let mut w = base;
    let mut i = base;
    while i < end {
        let c = out[i];
        let next = if i + 1 < end { Some(out[i + 1]) } else { None };
        let (folded, skip) = match (c, next) {
            (b'z', Some(b'h')) => (b'z', 2),
            (b'k', Some(b'h')) => (b'h', 2),
            (b'c', Some(b'k')) => (b'k', 2),
            (b'p', Some(b'h')) => (b'f', 2),
            (b'w', _) => (b'v', 1),
            (b'y' | b'j', _) => (b'i', 1),
            (b'g', _) => (b'h', 1),
            _ => (c, 1),
        };
        let last = (w > base).then(|| out[w - 1]);
        // "ie" → "e" (Yevgeny/Evgeny, Kiev): drop an `i` right before an `e`.
        if folded == b'e' && last == Some(b'i') {
            w -= 1;
        }
        let last = (w > base).then(|| out[w - 1]);
        if last != Some(folded) || folded.is_ascii_digit() {
            out[w] = folded;
            w += 1;
        }
        i += skip;
    }
    out.truncate(w);
}

/// The key of a multi-word name: each word folded, joined by one space.
pub fn name_key(name: &str) -> String {
    let mut out = Vec::with_capacity(name.len());
    for w in name.split(|c: char| c.is_whitespace() || c == '.' || c == ',') {
        let mark = out.len();
        if !out.is_empty() {
            out.push(b' ');
        }
        let start = out.len();
        fold_into(w, &mut out);
        if out.len() == start {
            out.truncate(mark);
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A stable provisional id for an actor the knowledge base does not know:
/// `prefix` (`p` person, `o` organisation, `x` other) + `:` + 64-bit FNV-1a of the key.
pub fn provisional_id(prefix: &str, key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{prefix}:{h:016x}")
}

/// Whether two folded words are spelling variants: equal, or close by edit distance
/// (one edit from 5 letters, Jaro-Winkler ≥ 0.92 from 6).
pub fn words_close(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    // Variants keep their first letter and roughly their length: cheap rejections first.
    if la.min(lb) < 5 || la.abs_diff(lb) > 2 || a.as_bytes()[0] != b.as_bytes()[0] {
        return false;
    }
    if within_one_edit(a, b) {
        return true;
    }
    la.min(lb) >= 6 && strsim::jaro_winkler(a, b) >= 0.92
}

/// `strsim::levenshtein(a, b) <= 1` without its allocation and full table: keys are
/// ASCII after folding, so bytes are chars.
fn within_one_edit(a: &str, b: &str) -> bool {
    if !a.is_ascii() || !b.is_ascii() {
        return strsim::levenshtein(a, b) <= 1;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if p == a.len() {
        return true;
    }
    if a.len() == b.len() {
        a[p + 1..] == b[p + 1..]
    } else {
        a[p..] == b[p + 1..]
    }
}

/// Whether two folded given names can belong to one person: equal, one an initial of
/// the other, or a spelling variant (Voldemir/Volodymyr).
pub fn given_compatible(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.len() == 1 || b.len() == 1 {
        return a.as_bytes()[0] == b.as_bytes()[0];
    }
    if a.as_bytes()[0] != b.as_bytes()[0] {
        return false;
    }
    words_close(a, b) || strsim::jaro_winkler(a, b) >= 0.85
}

/// Whether two full-name keys (from [`name_key`]) can name the same person: surnames
/// (last words) are variants and given names, where both have one, are compatible.
pub fn names_compatible(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (Some((fa, sa)), Some((fb, sb))) = (split_key(a), split_key(b)) else {
        return false;
    };
    if !words_close(sa, sb) {
        return false;
    }
    match (fa, fb) {
        (Some(x), Some(y)) => given_compatible(x, y),
        // A bare surname joins a full name only on the exact surname.
        _ => sa == sb,
    }
}

/// (first word if the name has more than one, last word).
fn split_key(key: &str) -> Option<(Option<&str>, &str)> {
    let mut words = key.split(' ');
    let first = words.next()?;
    match key.rsplit(' ').next() {
        Some(last) if last.len() != key.len() => Some((Some(first), last)),
        _ => Some((None, first)),
    }
}

/// Cluster names across a corpus by rule and evidence: same folded key, or compatible
/// full names (variant surnames plus compatible given names). A bare surname joins a
/// cluster only when exactly one cluster holds full names with that surname.
///
/// Returns, for each input name, the index of its cluster's representative: the
/// longest (then first) name in the cluster. Names in one cluster share the value.
pub fn cluster<S: AsRef<str>>(names: &[S]) -> Vec<usize> {
    let keys: Vec<String> = names.iter().map(|n| name_key(n.as_ref())).collect();
    let mut parent: Vec<usize> = (0..names.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    fn union(p: &mut [usize], a: usize, b: usize) {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            p[ra.max(rb)] = ra.min(rb);
        }
    }
    // Block by the first letter of the surname: variants here keep it.
    let mut blocks: HashMap<u8, Vec<usize>> = HashMap::new();
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if k.is_empty() {
            continue;
        }
        if let Some(&j) = by_key.get(k.as_str()) {
            union(&mut parent, i, j);
            continue;
        }
        by_key.insert(k, i);
        if let Some((first, last)) = split_key(k) {
            if first.is_some() {
                blocks.entry(last.as_bytes()[0]).or_default().push(i);
            }
        }
    }
    for members in blocks.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if names_compatible(&keys[i], &keys[j]) {
                    union(&mut parent, i, j);
                }
            }
        }
    }
    // Bare surnames: join the only cluster whose full names carry that surname.
    let mut surname_roots: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some((Some(_), last)) = split_key(k) {
            let r = find(&mut parent, i);
            let v = surname_roots.entry(last).or_default();
            if !v.contains(&r) {
                v.push(r);
            }
        }
    }
    for (i, k) in keys.iter().enumerate() {
        if let Some((None, last)) = split_key(k) {
            if let Some(roots) = surname_roots.get(last) {
                if roots.len() == 1 {
                    union(&mut parent, i, roots[0]);
                }
            }
        }
    }
    // Representative: the longest name of each cluster.
    let mut best: HashMap<usize, usize> = HashMap::new();
    for i in 0..names.len() {
        let r = find(&mut parent, i);
        let e = best.entry(r).or_insert(i);
        if names[i].as_ref().len() > names[*e].as_ref().len() {
            *e = i;
        }
    }
    (0..names.len())
        .map(|i| best[&find(&mut parent, i)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_romanisation_variants() {
        for v in [
            "Zelensky",
            "Zelenskyy",
            "Zelenskiy",
            "Zhelensky",
            "Zelenskij",
        ] {
            assert_eq!(fold_word(v), "zelenski", "{v}");
        }
        assert_eq!(fold_word("Sergei"), fold_word("Sergey"));
        assert_eq!(fold_word("Sergej"), fold_word("Sergey"));
        assert_eq!(fold_word("Voronoff"), fold_word("Voronov"));
        assert_eq!(fold_word("Woronow"), fold_word("Voronov"));
        assert_eq!(fold_word("Melnik"), fold_word("Melnyk"));
        assert_eq!(fold_word("Hrytsenko"), fold_word("Gritsenko"));
        assert_eq!(fold_word("Donbass"), fold_word("Donbas"));
        assert_eq!(fold_word("Luhansk"), fold_word("Lugansk"));
        assert_eq!(fold_word("Yevgeny"), fold_word("Evgeny"));
        assert_eq!(fold_word("Çavuşoğlu"), fold_word("Cavusoglu"));
        assert_ne!(fold_word("Lavrov"), fold_word("Lavorov"));
        assert_ne!(fold_word("Putin"), fold_word("Pupin"));
    }

    #[test]
    fn close_words_need_length() {
        assert!(words_close("lavrov", "lavorov"));
        assert!(!words_close("bush", "rush"));
        assert!(!words_close("ivanov", "smirnov") && !words_close("petrov", "popov"));
        assert!(given_compatible("voldemir", &fold_word("Volodymyr")));
        assert!(given_compatible("i", "ilia"));
        assert!(!given_compatible("hillari", "bill"));
    }

    #[test]
    fn one_edit_matches_levenshtein() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "abd",
            "abcd",
            "lavrov",
            "lavorov",
            "lavrova",
            "avrov",
            "lavro",
            "lavrvo",
            "zelenski",
            "zelenskii",
            "žlenski",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    within_one_edit(a, b),
                    strsim::levenshtein(a, b) <= 1,
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn provisional_ids_are_stable_and_distinct() {
        let a = provisional_id("p", &name_key("Ilya Voronov"));
        assert_eq!(a, provisional_id("p", &name_key("Ilia Voronoff")));
        assert!(a.starts_with("p:") && a.len() == 18);
        assert_ne!(a, provisional_id("p", &name_key("Taras Melnyk")));
    }

    #[test]
    fn clusters_fictional_variants() {
        let names = [
            "Ilya Voronov",     // 0
            "Ilia Voronoff",    // 1
            "Ilya Woronow",     // 2
            "Voronov",          // 3
            "Taras Melnyk",     // 4
            "Taras Melnik",     // 5
            "Oksana Hrytsenko", // 6
            "Oksana Gritsenko", // 7
            "Olga Voronova",    // 8: a different person
            "Anton Melnyk",     // 9: shares a surname, other given name
            "Melnyk",           // 10: two Melnyk clusters: stays alone
            "Ilja Woronow",     // 11
            "Taras Mel'nyk",    // 12
        ];
        let c = cluster(&names);
        assert!(c[0] == c[1] && c[1] == c[2] && c[2] == c[3]);
        assert_eq!(c[4], c[5]);
        assert_eq!(c[6], c[7]);
        assert_ne!(c[0], c[8]);
        assert_ne!(c[4], c[9]);
        assert_eq!(c[10], 10);
        assert_eq!(c[11], c[0]);
        assert_eq!(c[12], c[4]);
        assert_ne!(c[0], c[4]);
        // The representative is the longest name of the cluster.
        assert_eq!(names[c[3]].len(), 13);
    }
}

/// FNV-1a: a fast hasher for the short string keys of the word and name maps.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A hash map with [`Fnv`] hashing.
pub(crate) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;
