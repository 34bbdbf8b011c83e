//! Whole-page tests on fictional fixtures that imitate the shapes of real scraped pages.

use super::*;
use chrono::{TimeZone, Utc};
use verbatim_core::{Meta, Source};

fn text_source(text: &str) -> Source {
    Source {
        meta: Meta {
            source: "page.txt".into(),
            ..Meta::default()
        },
        format: Format::Text,
        bytes: text.as_bytes().to_vec(),
    }
}

fn titles(doc: &Doc) -> Vec<String> {
    doc.layers
        .articles
        .iter()
        .map(|a| a.title.clone().unwrap_or_default())
        .collect()
}

fn all_bodies(doc: &Doc) -> String {
    (0..doc.layers.articles.len() as u32)
        .map(|i| doc.article_body_text(i))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A live blog, then wire stories glued after it, then a blog theme footer.
const LIVE_BLOG: &str = "Featured image of post Valdoria tells citizens in Ostrava ‘to leave now’: Live

Valdoria tells citizens in Ostrava ‘to leave now’: Live

Valdoria tells citizens in Ostrava ‘to leave now’: Live

img]

Valdorian embassy in Marn warns the situation can worsen with ‘little notice’.

The Valdorian embassy in Marn urged citizens to consider leaving, calling the situation “unpredictable”.

Here are all the latest updates:

40 seconds ago (00:05 GMT)

Voronov delivers written reply to Ostravan proposals

Foreign Minister Ilya Voronov handed a written reply to the Ostravan ambassador in Kessel, his ministry said.

“The document opens a door to a settlement,” Voronov said.

Ilya Voronov at the ministry in Kessel [File: Ana Petrov/Baltic Wire]

25 mins ago (23:40 GMT)

Hrytsenko says troop build-up is ‘not enough for an offensive’

Ostravan Foreign Minister Oksana Hrytsenko told reporters the forces near the river were “insufficient for a full offensive”.

To read more on this topic, click here.

2 hours ago (22:10 GMT)

Marn Herald: talks to resume in neutral city

The Marn Herald reported that mediators were preparing a new round.

Valdoria and Ostrava clash over river line

img]

KESSEL (VNA) — Valdoria on Tuesday rejected Ostrava’s ceasefire proposal, the foreign ministry said.

Voronov told lawmakers the proposal “rewards provocation”.

ADVERTISEMENT

“We will not allow our initiative to drown in endless talk,” he said.

Luka Brenn in Marn contributed.

Why Kessel television tells a different story

img]

Marn, Ostrava (Baltic Wire) Tanks are rolling toward the border, if you watch Kessel television.

Viewers see a mirror image of the crisis, analysts said.

Licensed under CC BY-NC-SA 4.0
使用 Hugo 建立
主題 StackJimmy 設計
";

#[test]
fn live_blog_and_glued_wire_stories() {
    let mut src = text_source(LIVE_BLOG);
    src.meta.published = Some(Utc.with_ymd_and_hms(2031, 3, 5, 12, 0, 0).unwrap());
    let doc = extract(&src).unwrap();
    assert_eq!(doc.text, LIVE_BLOG, "plain text is kept byte for byte");
    let t = titles(&doc);
    assert_eq!(
        t,
        vec![
            "Valdoria tells citizens in Ostrava ‘to leave now’: Live",
            "Voronov delivers written reply to Ostravan proposals",
            "Hrytsenko says troop build-up is ‘not enough for an offensive’",
            "Marn Herald: talks to resume in neutral city",
            "Valdoria and Ostrava clash over river line",
            "Why Kessel television tells a different story",
        ]
    );
    let a = &doc.layers.articles;
    assert_eq!(a[0].parent, None);
    assert_eq!(
        (a[1].parent, a[2].parent, a[3].parent),
        (Some(0), Some(0), Some(0))
    );
    assert_eq!((a[4].parent, a[5].parent), (None, None));
    // Entries resolved against the page day; newest first, so 23:40 is the day before.
    let ts = |i: usize| a[i].published.unwrap().format("%F %R").to_string();
    assert_eq!(ts(1), "2031-03-05 00:05");
    assert_eq!(ts(2), "2031-03-04 23:40");
    assert_eq!(ts(3), "2031-03-04 22:10");
    assert_eq!(a[4].dateline.as_deref(), Some("KESSEL (VNA)"));
    assert_eq!(a[4].outlet.as_deref(), Some("VNA"));
    assert_eq!(
        a[5].dateline.as_deref(),
        Some("Marn, Ostrava (Baltic Wire)")
    );
    assert!(doc
        .article_body_text(4)
        .starts_with("Valdoria on Tuesday rejected"));
    // The live blog's span covers its entries.
    assert!(a[0].span.contains(a[3].span));
    let bodies = all_bodies(&doc);
    for junk in [
        "Featured image",
        "img]",
        "ADVERTISEMENT",
        "Licensed under",
        "Hugo",
        "StackJimmy",
        "[File:",
        "click here",
        "contributed",
        "seconds ago",
        "latest updates",
    ] {
        assert!(!bodies.contains(junk), "{junk} in body:\n{bodies}");
    }
    let kinds = article_kinds(&doc, 0);
    assert_eq!(
        kinds.iter().filter(|k| **k == BlockKind::Headline).count(),
        1
    );
    assert!(doc
        .layers
        .blocks
        .iter()
        .any(|b| b.kind == BlockKind::Caption && doc.slice(b.span).contains("[File:")));
    assert!(doc.layers.blocks.iter().all(|b| b.article.is_some()));
    assert_eq!(
        doc.layers
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::EntryTime)
            .count(),
        3
    );
    // Blocks are ordered, non-overlapping lines.
    for w in doc.layers.blocks.windows(2) {
        assert!(w[0].span.end <= w[1].span.start);
    }
    assert_eq!(a[0].language.as_deref(), Some("eng"));
}

/// A glued page: one story, bullet stories appended, a headline glued onto the last
/// paragraph, then a comment form.
const GLUED: &str = "Valdoria rejects Ostravan ‘aggression’ claims

0
812
Protesters in Marn hold placards outside the Valdorian consulate on the river embankment

VALDORIA has ruled out further talks with Ostrava unless its security demands are met.

Foreign Minister Ilya Voronov made the remark at a joint press conference in Kessel on Tuesday.
‘We are waiting for answers to our proposals,’ he said.
Ostrava rejects the allegations and says its deployments are defensive.

  • A senior Ostravan general says the army stands ready to defend the river crossings.

In a Tuesday meeting with foreign attachés, the general said the country had achieved self-sufficiency in artillery.
‘We do not need help from anyone,’ he added.

  • Meanwhile, Kessel is marking Harvest Day with events across the country.

The ceremonies are mostly held online this year.
The day commemorates the end of the 1890 famine in the northern provinces of Valdoria.Valdoria-Ostrava talks, Hrytsenko: “Let’s negotiate”. Voronov: “Withdraw first”

After weeks of shelling, Ostravan Foreign Minister Oksana Hrytsenko again asked Kessel for talks.

Read more

Voronov’s words

“We cannot recognise the current government in Marn,” the minister said.

See also  Voronov meets Hrytsenko: ‘Relations are hard to fix’ - World

Leave a Reply

Your email address will not be published. Required fields are marked *
";

#[test]
fn glued_page_bullets_and_comment_form() {
    let doc = extract(&text_source(GLUED)).unwrap();
    assert_eq!(doc.text, GLUED);
    let t = titles(&doc);
    assert_eq!(t.len(), 4, "{t:?}");
    assert_eq!(t[0], "Valdoria rejects Ostravan ‘aggression’ claims");
    assert!(t[1].starts_with("A senior Ostravan general"));
    assert!(t[2].starts_with("Meanwhile, Kessel is marking"));
    assert_eq!(
        t[3],
        "Valdoria-Ostrava talks, Hrytsenko: “Let’s negotiate”. Voronov: “Withdraw first”"
    );
    // The glued paragraph ends where the headline begins.
    let b2 = doc.article_body_text(2);
    assert!(b2.ends_with("provinces of Valdoria."), "{b2}");
    assert!(doc.article_body_text(3).contains("We cannot recognise"));
    let bodies = all_bodies(&doc);
    for junk in [
        "Read more",
        "See also",
        "Leave a Reply",
        "email address",
        "812",
        "Voronov’s words",
        "Protesters in Marn hold placards",
    ] {
        assert!(!bodies.contains(junk), "{junk} in body:\n{bodies}");
    }
    assert!(doc
        .article_body_text(0)
        .contains("We are waiting for answers"));
    // The bullet itself is not part of the text the block covers.
    assert!(doc
        .article_body_text(1)
        .starts_with("A senior Ostravan general"));
}

#[test]
fn invalid_utf8_text_is_decoded_with_warning() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1251
        .encode("Министр Илья Воронов заявил, что переговоры с Остравой продолжатся в Марне на следующей неделе.\n");
    let src = Source {
        bytes: bytes.into_owned(),
        ..text_source("")
    };
    let doc = extract(&src).unwrap();
    assert!(doc.text.contains("Илья Воронов"));
    assert!(!doc.meta.warnings.is_empty());
    assert_eq!(doc.layers.articles[0].language.as_deref(), Some("rus"));
}

#[test]
fn non_english_article_is_marked() {
    let page = "Voronov besucht Marn\n\nDer valdorische Außenminister Ilya Voronov ist am Dienstag zu Gesprächen in Marn eingetroffen, wie das Ministerium mitteilte.\n\nEr sagte, die Verhandlungen seien schwierig, aber notwendig.\n";
    let doc = extract(&text_source(page)).unwrap();
    assert_eq!(doc.layers.articles[0].language.as_deref(), Some("deu"));
    assert_eq!(doc.meta.language.as_deref(), Some("deu"));
}

#[test]
fn empty_and_odd_text_does_not_panic() {
    for t in [
        "",
        "\n\n\n",
        "x",
        "img]\n",
        "•\n",
        "12 mins ago (99:99 GMT)\n",
        "\r\n\r\nA\r\n",
    ] {
        let doc = extract(&text_source(t)).unwrap();
        assert_eq!(doc.text, t);
        for b in &doc.layers.blocks {
            assert!(b.span.end as usize <= t.len());
        }
    }
}

#[test]
fn huge_lines_stay_linear() {
    let line = "Voronov said.Kessel ".repeat(250_000);
    let page = format!("Talks\n\n{line}\n{}\n", "x".repeat(1 << 20));
    let t = std::time::Instant::now();
    let doc = extract(&text_source(&page)).unwrap();
    assert_eq!(doc.text, page);
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}

#[test]
fn containers_are_refused() {
    let mut s = text_source("{}");
    s.format = Format::Warc;
    assert!(extract(&s).is_err());
}

/// Reads the real seed pages when present: every line lands in a block of some article,
/// and no boilerplate survives in any body.
#[test]
fn seeds_when_present() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} not found", dir.display());
        return;
    };
    for e in entries.flatten() {
        let bytes = std::fs::read(e.path()).unwrap();
        let src = Source {
            bytes,
            ..text_source("")
        };
        let doc = extract(&src).unwrap();
        let bodies = all_bodies(&doc);
        for junk in [
            "Leave a Reply",
            "Required fields",
            "Hide Caption",
            "ADVERTISEMENT",
            "See also",
            "img]",
            "Licensed under",
            "Featured image",
        ] {
            assert!(!bodies.contains(junk), "{}: {junk}", e.path().display());
        }
    }
}

/// An agency page: site label first, then the headline, a date line and a photo credit.
const AGENCY_PAGE: &str = "Valdoria News Agency

Hrytsenko : Marn will not bow to pressure from Kessel

04.03.2031 11:42

Photo: Baltic Wire / Luka Brenn

MARN, March 4 (Baltic Wire) - Ostrava will not bow to pressure, Foreign Minister Oksana Hrytsenko told the assembly on Tuesday.

«We will answer every step with a step», - the minister said.

Read also:

Voronov to visit Vesterholm next week
Nordic Council envoy returns to Marn

X
Telegram
Email

Licensed under CC BY-NC-SA 4.0
Hugo で構築されています。
テーマ Stack は Jimmy によって設計されています。
";

#[test]
fn agency_page_title_date_and_footer() {
    let doc = extract(&text_source(AGENCY_PAGE)).unwrap();
    assert_eq!(doc.layers.articles.len(), 1);
    let a = &doc.layers.articles[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Hrytsenko : Marn will not bow to pressure from Kessel")
    );
    assert_eq!(
        a.published.unwrap().format("%F %R").to_string(),
        "2031-03-04 11:42"
    );
    assert_eq!(a.dateline.as_deref(), Some("MARN, March 4 (Baltic Wire)"));
    assert_eq!(a.outlet.as_deref(), Some("Baltic Wire"));
    assert_eq!(
        doc.article_body_text(0),
        "Ostrava will not bow to pressure, Foreign Minister Oksana Hrytsenko told the assembly on Tuesday.\n\n«We will answer every step with a step», - the minister said."
    );
}

#[test]
fn dateline_without_agency() {
    let page = "Hrytsenko addresses the assembly\n\nMARN -- Ostravan Foreign Minister Oksana Hrytsenko told lawmakers on Tuesday that talks would go on.\n\nShe spoke for forty minutes.\n";
    let doc = extract(&text_source(page)).unwrap();
    let a = &doc.layers.articles[0];
    assert_eq!(a.dateline.as_deref(), Some("MARN"));
    assert_eq!(a.outlet, None);
    assert!(doc
        .article_body_text(0)
        .starts_with("Ostravan Foreign Minister"));
    // Not a dateline: a sentence that merely starts with a capitalised word and a dash.
    let page = "Talks\n\nKessel - and Marn - agreed on nothing, officials said on Monday.\n";
    let doc = extract(&text_source(page)).unwrap();
    assert_eq!(doc.layers.articles[0].dateline, None);
}

#[test]
fn language_fast_path_only_claims_english_prose() {
    let en = "The foreign minister of Valdoria said on Tuesday that the talks in Kessel had \
              reached a point where neither side could claim a victory, and that he would \
              travel to Marn at the end of the week to meet his counterpart for a second round.";
    let de = "Der Außenminister von Valdoria sagte am Dienstag, dass die Gespräche in Kessel \
              einen Punkt erreicht hätten, an dem keine Seite einen Sieg für sich beanspruchen \
              könne, und dass er am Ende der Woche nach Marn reisen werde.";
    let ru = "Министр иностранных дел Валдории заявил во вторник, что переговоры в Кесселе \
              зашли в тупик и что ни одна из сторон не может заявить о победе, а в конце недели \
              он отправится в Марн для второго раунда встреч.";
    assert_eq!(crate::detect_language(en).as_deref(), Some("eng"));
    assert!(!crate::english_by_function_words(de));
    assert_eq!(crate::detect_language(de).as_deref(), Some("deu"));
    assert_eq!(crate::detect_language(ru).as_deref(), Some("rus"));
}

#[test]
fn an_english_body_under_a_foreign_headline_is_english() {
    // The first half kilobyte is mostly a German headline and standfirst.
    let head = "Außenminister von Valdoria: Gespräche in Kessel gescheitert, keine Einigung \
                über Grenzfragen, nächste Runde in Marn erst im Frühjahr geplant. Opposition \
                fordert Rücktritt des Ministers und Neuwahlen noch vor dem Sommer, Regierung \
                lehnt ab und verweist auf laufende Verhandlungen mit dem Nachbarland. Beobachter \
                erwarten schwierige Wochen für Koalition, Parlament und Außenministerium.\n";
    let body = "The foreign minister of Valdoria said on Tuesday that the talks in Kessel had \
                reached a point where neither side could claim a victory, and that he would \
                travel to Marn at the end of the week to meet his counterpart. ";
    let text = format!("{head}{}", body.repeat(6));
    assert!(!crate::english_by_function_words(
        &text[..text.floor_char_boundary(512)]
    ));
    assert_eq!(crate::detect_language(&text).as_deref(), Some("eng"));
}
