//! HTML building blocks: escaping, the page frame, the day chart, span highlighting.
//! Every scraped string goes through [`esc`] (or [`enc`] inside a URL) before output.

use std::fmt::Write;

use verbatim_store::{DayCount, StatementRow, HIT_END, HIT_START};

/// Escape text for HTML content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encode a path segment or query value.
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A search snippet: escaped, with the store's hit markers turned into `<mark>`.
pub fn snippet(s: &str) -> String {
    esc(s)
        .replace(HIT_START, "<mark>")
        .replace(HIT_END, "</mark>")
}

const CSS: &str = "\
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d232b;background:#f6f7f9}\
header{background:#1d2b3a;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center}\
header a{color:#fff;text-decoration:none;font-weight:700;font-size:1.2em}\
header form{flex:1;display:flex;gap:.4em}header input{flex:1;max-width:34em;padding:.35em .6em;font-size:1em}\
main{max-width:64em;margin:0 auto;padding:1em 1.2em 3em}\
a{color:#1f5fa8}h1{font-size:1.5em;margin:.4em 0}h2{font-size:1.15em;margin:1.4em 0 .4em}\
table{border-collapse:collapse;background:#fff}td,th{padding:.25em .7em;border-bottom:1px solid #e3e6ea;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}\
ul.st{list-style:none;padding:0}ul.st li{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:.5em .8em;margin:.5em 0}\
blockquote{margin:0 0 .25em;font-size:1.02em}.meta{color:#5b6672;font-size:.88em}\
.kind{display:inline-block;padding:0 .4em;border-radius:3px;background:#e8eef6;font-size:.85em}\
mark{background:#ffe58a}mark.cue{background:#c9e7c2}mark.src{background:#cfe0fb}mark.relay,mark.aud{background:#f3d3f0}\
.text{white-space:pre-wrap;background:#fff;border:1px solid #e3e6ea;padding:1em;border-radius:6px}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{color:#5b6672}dd{margin:0}\
svg{background:#fff;border:1px solid #e3e6ea;border-radius:6px}svg rect{fill:#3f7cc4}\
.muted{color:#5b6672}nav.pager{margin:1em 0}";

/// The page frame around `body`; `q` refills the search box.
pub fn page(title: &str, q: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{} · verbatim</title><style>{CSS}</style></head><body>\
         <header><a href=\"/\">verbatim</a>\
         <form action=\"/\" method=\"get\" role=\"search\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search statements and articles\" aria-label=\"Search\">\
         <button type=\"submit\">Search</button></form></header>\
         <main>{body}</main></body></html>",
        esc(title),
        esc(q)
    )
}

/// A bar chart of counts per day as inline SVG; days without statements between the first
/// and last are shown as gaps so the time axis is honest.
pub fn day_chart(days: &[DayCount]) -> String {
    use chrono::NaiveDate;
    let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let (Some(first), Some(last)) = (
        days.first().and_then(|d| parse(&d.day)),
        days.last().and_then(|d| parse(&d.day)),
    ) else {
        return "<p class=\"muted\">No dated statements.</p>".into();
    };
    let span = (last - first).num_days().max(0) as usize + 1;
    // A very long range falls back to the days that have statements.
    let series: Vec<(String, u64)> = if span <= 400 {
        let mut v: Vec<(String, u64)> = (0..span)
            .map(|i| ((first + chrono::Days::new(i as u64)).to_string(), 0))
            .collect();
        for d in days {
            if let Some(day) = parse(&d.day) {
                v[(day - first).num_days() as usize].1 = d.count;
            }
        }
        v
    } else {
        days.iter().map(|d| (d.day.clone(), d.count)).collect()
    };
    let max = series.iter().map(|s| s.1).max().unwrap_or(1).max(1);
    let (w, h, pad) = (720.0_f64, 160.0_f64, 24.0_f64);
    let bw = (w - 2.0 * pad) / series.len() as f64;
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"Statements per day\" width=\"{w}\" height=\"{}\" \
         viewBox=\"0 0 {w} {}\" xmlns=\"http://www.w3.org/2000/svg\">",
        h + 2.0 * pad,
        h + 2.0 * pad
    );
    for (i, (day, n)) in series.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let day = esc(day);
        let bh = h * *n as f64 / max as f64;
        let _ = write!(
            svg,
            "<rect class=\"bar\" data-day=\"{day}\" data-count=\"{n}\" x=\"{:.1}\" y=\"{:.1}\" \
             width=\"{:.1}\" height=\"{bh:.1}\"><title>{day}: {n}</title></rect>",
            pad + i as f64 * bw + bw * 0.1,
            pad + h - bh,
            (bw * 0.8).max(1.0)
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{pad}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"#8a949e\"/>\
         <text x=\"{pad}\" y=\"{ty}\" font-size=\"11\" fill=\"#5b6672\">{}</text>\
         <text x=\"{x2}\" y=\"{ty}\" font-size=\"11\" fill=\"#5b6672\" text-anchor=\"end\">{}</text>\
         <text x=\"{pad}\" y=\"{my}\" font-size=\"11\" fill=\"#5b6672\">max {max}/day</text></svg>",
        esc(&series[0].0),
        esc(&series[series.len() - 1].0),
        y = pad + h,
        x2 = w - pad,
        ty = pad + h + 15.0,
        my = pad - 8.0,
    );
    svg
}

/// One statement as a list item: the content, then who, how, where, when.
pub fn statement_item(s: &StatementRow) -> String {
    let mut meta = Vec::new();
    match (&s.speaker, &s.speaker_id) {
        (Some(name), Some(id)) => meta.push(format!(
            "<a class=\"speaker\" href=\"/speaker/{}\">{}</a>",
            enc(id),
            esc(name)
        )),
        (Some(name), None) => meta.push(format!(
            "<a class=\"speaker\" href=\"/speaker/{}\">{}</a>",
            enc(name),
            esc(name)
        )),
        (None, _) => meta.push("<span class=\"muted\">unattributed</span>".into()),
    }
    meta.push(format!("<span class=\"kind\">{}</span>", esc(&s.kind)));
    if let Some(cue) = &s.cue {
        meta.push(format!("“{}”", esc(cue)));
    }
    if let Some(outlet) = &s.outlet {
        meta.push(format!(
            "<a class=\"outlet\" href=\"/outlet/{}\">{}</a>",
            enc(outlet),
            esc(outlet)
        ));
    }
    if let Some(day) = &s.day {
        meta.push(esc(day));
    }
    meta.push(format!("<a href=\"/statement/{}\">details</a>", s.id));
    format!(
        "<li class=\"statement\"><blockquote>{}</blockquote><div class=\"meta\">{}</div></li>",
        esc(&s.content),
        meta.join(" · ")
    )
}

pub fn statement_list(rows: &[StatementRow]) -> String {
    if rows.is_empty() {
        return "<p class=\"muted\">No statements.</p>".into();
    }
    let mut out = String::from("<ul class=\"st\">");
    for r in rows {
        out.push_str(&statement_item(r));
    }
    out.push_str("</ul>");
    out
}

/// `text[range]` with spans wrapped in `<mark class=...>`; spans are byte offsets into
/// `text`. Overlapping spans keep the earlier-listed one (content before cue before source).
pub fn highlight(
    text: &str,
    range: std::ops::Range<usize>,
    spans: &[(std::ops::Range<usize>, &str)],
) -> String {
    let mut chosen: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    for (r, class) in spans {
        let r = r.start.max(range.start)..r.end.min(range.end);
        let valid =
            r.start < r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end);
        if valid
            && !chosen
                .iter()
                .any(|(c, _)| c.start < r.end && r.start < c.end)
        {
            chosen.push((r, class));
        }
    }
    chosen.sort_by_key(|(r, _)| r.start);
    let mut out = String::new();
    let mut at = range.start;
    for (r, class) in chosen {
        out.push_str(&esc(&text[at..r.start]));
        let _ = write!(
            out,
            "<mark class=\"{class}\">{}</mark>",
            esc(&text[r.clone()])
        );
        at = r.end;
    }
    out.push_str(&esc(&text[at..range.end]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(enc("Kessel Times/é?"), "Kessel%20Times%2F%C3%A9%3F");
    }

    #[test]
    fn snippet_marks_hits_after_escaping() {
        let s = format!("a <b> {HIT_START}word{HIT_END}");
        assert_eq!(snippet(&s), "a &lt;b&gt; <mark>word</mark>");
    }

    #[test]
    fn highlight_marks_spans_and_escapes_between() {
        let text = "x <i>said</i> “Ja”, he said.";
        let q = text.find("“Ja”").unwrap();
        let said = text.rfind("said").unwrap();
        let out = highlight(
            text,
            0..text.len(),
            &[
                (q..q + "“Ja”".len(), "content"),
                (said..said + 4, "cue"),
                (q..q + 2, "src"),
            ],
        );
        assert_eq!(
            out,
            "x &lt;i&gt;said&lt;/i&gt; <mark class=\"content\">“Ja”</mark>, he <mark class=\"cue\">said</mark>."
        );
        // Clipped to the range; a span not on a char boundary is dropped, not a panic.
        assert_eq!(
            highlight(text, 2..5, &[(0..4, "c")]),
            "<mark class=\"c\">&lt;i</mark>&gt;"
        );
        assert_eq!(highlight("é", 0..2, &[(0..1, "c")]), "é");
    }

    #[test]
    fn chart_fills_gaps_between_days() {
        let days = [
            DayCount {
                day: "2031-03-01".into(),
                count: 2,
            },
            DayCount {
                day: "2031-03-04".into(),
                count: 1,
            },
        ];
        let svg = day_chart(&days);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("data-day=\"2031-03-04\" data-count=\"1\""));
        assert!(svg.contains(">2031-03-01<") && svg.contains(">2031-03-04<"));
        assert!(day_chart(&[]).contains("No dated statements"));
    }
}
