//! `ingest`: files, directories and stdin become [`Source`]s, streamed one at a time.
//!
//! Entry point: [`read`]. A path may be a file, a directory (walked recursively in sorted
//! order, hidden entries skipped) or `-` for stdin. The format is detected by content:
//!
//! - gzip (magic `1f 8b`, multi-member) is decompressed, then its content detected;
//! - WARC (`WARC/1.` first line): `response` records with an HTML or text HTTP payload
//!   become sources named `path#record-N` (N counts every record, from 1), with the
//!   HTTP headers stripped, chunked transfer and gzip/deflate content encoding undone;
//! - JSON Lines (first non-blank byte `{`): one object per line with `text` or `html`
//!   and optional `url`, `title`, `published`, `outlet`, `authors`, named `path#line-N`;
//!   a malformed line is an error for that line and the other lines go on;
//! - HTML (`<!doctype html`, `<html`, `<head`, `<body`, … near the start);
//! - else plain text.
//!
//! [`Source::format`] is what the extract stage must parse (`Html` or `Text`);
//! [`Meta::format`] records the container the source arrived in (`Warc`, `Jsonl`, …).
//!
//! Decisions about bad input:
//! - empty or whitespace-only → rejected `empty`;
//! - binary (a NUL byte or more than 10% control bytes in the first 8 KB) → rejected;
//! - more than [`Options::max_doc_bytes`] for one document (after decompression) →
//!   rejected, without ever holding more than that in memory (gzip bombs);
//! - truncated gzip or WARC → an error for that file, after the documents read before it;
//! - invalid UTF-8 is decoded lossily, never rejected: for plain text the charset is
//!   guessed (chardetng) and the bytes transcoded to UTF-8 here, with a warning in
//!   [`Meta::warnings`]; HTML keeps its bytes for the extract stage, which honours
//!   `<meta charset>`, except when an HTTP header names a charset and the page declares
//!   none: then it is transcoded here (with a warning) so the header is not lost.

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use flate2::read::{MultiGzDecoder, ZlibDecoder};
use verbatim_core::{Format, Meta, Source};

/// Default cap on one document's decompressed size: 32 MiB.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 32 << 20;

/// Bytes looked at to detect a format and to judge binary content.
const HEAD: usize = 8 << 10;
/// Read buffer: large reads keep syscalls and gzip refills rare.
const BUF: usize = 256 << 10;
/// Longest WARC or HTTP header line we accept.
const MAX_HEADER_LINE: usize = 64 << 10;

#[derive(Clone, Debug)]
pub struct Options {
    /// A document larger than this (after decompression) is rejected.
    pub max_doc_bytes: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// One input that could not be read; displays as `PATH: reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// A path, `path#line-N`, `path#record-N`, or `-`.
    pub path: String,
    pub reason: String,
}

impl InputError {
    fn new(path: impl Into<String>, reason: impl Into<String>) -> InputError {
        InputError {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for InputError {}

/// Stream the sources found under `paths`, in order. Nothing is read before it is asked
/// for, and at most one document (plus a read buffer) is held at a time.
pub fn read(paths: &[PathBuf], opts: &Options) -> Sources {
    Sources {
        pending: paths.iter().cloned().collect(),
        walk: None,
        current: None,
        opts: opts.clone(),
    }
}

type Walk = Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>;

/// The iterator [`read`] returns.
pub struct Sources {
    pending: VecDeque<PathBuf>,
    walk: Option<Walk>,
    current: Option<Stream>,
    opts: Options,
}

enum Input {
    Stdin,
    File(PathBuf),
}

impl Iterator for Sources {
    type Item = Result<Source, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(stream) = &mut self.current {
                match stream.next() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            let input = match self.next_input()? {
                Ok(input) => input,
                Err(e) => return Some(Err(e)),
            };
            let (name, reader): (String, io::Result<Box<dyn Read + Send>>) = match input {
                Input::Stdin => ("-".to_string(), Ok(Box::new(io::stdin()))),
                Input::File(path) => (
                    path.display().to_string(),
                    File::open(&path).map(|f| Box::new(f) as Box<dyn Read + Send>),
                ),
            };
            let reader = match reader {
                Ok(r) => r,
                Err(e) => return Some(Err(InputError::new(name, io_reason(&e)))),
            };
            match open(name, reader, &self.opts) {
                Opened::One(item) => return Some(item),
                Opened::Stream(s) => self.current = Some(s),
            }
        }
    }
}

impl Sources {
    fn next_input(&mut self) -> Option<Result<Input, InputError>> {
        loop {
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) => {
                        if entry.file_type().is_file() {
                            return Some(Ok(Input::File(entry.into_path())));
                        }
                        continue;
                    }
                    Some(Err(e)) => {
                        let path = e
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default();
                        let reason = e.io_error().map(io_reason).unwrap_or_else(|| e.to_string());
                        return Some(Err(InputError::new(path, reason)));
                    }
                    None => self.walk = None,
                }
            }
            let path = self.pending.pop_front()?;
            if path.as_os_str() == "-" {
                return Some(Ok(Input::Stdin));
            }
            if path.is_dir() {
                self.walk = Some(Box::new(
                    walkdir::WalkDir::new(&path)
                        .follow_links(true)
                        .sort_by_file_name()
                        .into_iter()
                        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path())),
                ));
                continue;
            }
            return Some(Ok(Input::File(path)));
        }
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

enum Opened {
    One(Result<Source, InputError>),
    Stream(Stream),
}

type Reader = BufReader<Box<dyn Read + Send>>;

/// Detect what `raw` holds and either read its one document or set up a record stream.
fn open(name: String, raw: Box<dyn Read + Send>, opts: &Options) -> Opened {
    let mut raw = BufReader::with_capacity(BUF, raw);
    let gz = match raw.fill_buf() {
        Ok(b) => b.starts_with(&[0x1f, 0x8b]),
        Err(e) => return Opened::One(Err(InputError::new(name, io_reason(&e)))),
    };
    let mut input: Box<dyn Read + Send> = if gz {
        Box::new(MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    };
    let mut head = Vec::with_capacity(HEAD);
    if let Err(e) = (&mut input).take(HEAD as u64).read_to_end(&mut head) {
        if head.is_empty() {
            return Opened::One(Err(InputError::new(name, read_reason(&e, gz))));
        }
        // Records before a truncation still count: replay the error after them.
        input = Box::new(Failed(Some(e)));
    }
    let first = head.iter().position(|b| !b.is_ascii_whitespace());
    if first.is_none() && head.len() < HEAD {
        return Opened::One(Err(InputError::new(name, "empty")));
    }
    let container_gz = gz;
    if head.starts_with(b"WARC/1.") {
        let reader = BufReader::with_capacity(BUF, chain(head, input));
        return Opened::Stream(Stream::Warc(WarcReader {
            name,
            input: reader,
            record: 0,
            done: false,
            max: opts.max_doc_bytes,
            gz: container_gz,
        }));
    }
    if first.is_some_and(|i| head[i] == b'{') {
        let reader = BufReader::with_capacity(BUF, chain(head, input));
        return Opened::Stream(Stream::Jsonl(JsonlReader {
            name,
            input: reader,
            line: 0,
            buf: Vec::new(),
            done: false,
            max: opts.max_doc_bytes,
            gz: container_gz,
        }));
    }
    // One document: read it whole, but never more than the cap.
    let mut bytes = head;
    let room = (opts.max_doc_bytes + 1).saturating_sub(bytes.len() as u64);
    if let Err(e) = input.take(room).read_to_end(&mut bytes) {
        return Opened::One(Err(InputError::new(name, read_reason(&e, gz))));
    }
    if bytes.len() as u64 > opts.max_doc_bytes {
        let what = if gz { "decompressed size" } else { "size" };
        return Opened::One(Err(InputError::new(
            name,
            format!("{what} exceeds {} bytes", opts.max_doc_bytes),
        )));
    }
    let mut meta = Meta {
        source: name.clone(),
        ..Meta::default()
    };
    Opened::One(
        document(bytes, None, &mut meta)
            .map(|(format, bytes)| {
                meta.format = Some(format);
                Source {
                    meta,
                    format,
                    bytes,
                }
            })
            .map_err(|reason| InputError::new(name, reason)),
    )
}

/// A reader that fails once with the error it holds, then reads as empty.
struct Failed(Option<io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

fn chain(head: Vec<u8>, rest: Box<dyn Read + Send>) -> Box<dyn Read + Send> {
    Box::new(Cursor::new(head).chain(rest))
}

fn read_reason(e: &io::Error, gz: bool) -> String {
    if gz
        && matches!(
            e.kind(),
            io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
        )
    {
        format!("truncated or corrupt gzip stream ({e})")
    } else {
        io_reason(e)
    }
}

/// Judge one document's bytes: reject empty and binary content, tell HTML from text and
/// get text into UTF-8. `charset` is what an HTTP header declared, if anything.
fn document(
    bytes: Vec<u8>,
    charset: Option<&str>,
    meta: &mut Meta,
) -> Result<(Format, Vec<u8>), String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty".into());
    }
    // UTF-16 holds NUL bytes by design: decode it before the binary test.
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, _) = enc.decode_with_bom_removal(&bytes);
            meta.warnings.push(format!("decoded from {}", enc.name()));
            let bytes = text.into_owned().into_bytes();
            let format = if looks_like_html(&bytes) {
                Format::Html
            } else {
                Format::Text
            };
            return Ok((format, bytes));
        }
    }
    if let Some(why) = binary(&bytes[..bytes.len().min(HEAD)]) {
        return Err(why);
    }
    let declared = charset.and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    if looks_like_html(&bytes) {
        let head = &bytes[..bytes.len().min(1024)];
        let in_page = memchr::memmem::find(&head.to_ascii_lowercase(), b"charset").is_some();
        if let Some(enc) = declared.filter(|e| *e != encoding_rs::UTF_8 && !in_page) {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
            meta.warnings.push(lossy_warning(
                format!("decoded from {} as the HTTP header declared", enc.name()),
                had_errors,
            ));
            return Ok((Format::Html, text.into_owned().into_bytes()));
        }
        return Ok((Format::Html, bytes));
    }
    Ok((Format::Text, to_utf8(bytes, declared, meta)))
}

/// Text as UTF-8: kept as is when valid, else decoded with the declared or guessed charset.
fn to_utf8(
    bytes: Vec<u8>,
    declared: Option<&'static encoding_rs::Encoding>,
    meta: &mut Meta,
) -> Vec<u8> {
    if std::str::from_utf8(&bytes).is_ok() {
        return bytes;
    }
    let (enc, how) = match declared.filter(|e| *e != encoding_rs::UTF_8) {
        Some(e) => (e, "as the HTTP header declared"),
        None => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(&bytes, true);
            (det.guess(None, chardetng::Utf8Detection::Deny), "(guessed)")
        }
    };
    let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
    meta.warnings.push(lossy_warning(
        format!("not valid UTF-8; decoded as {} {how}", enc.name()),
        had_errors,
    ));
    text.into_owned().into_bytes()
}

fn lossy_warning(mut w: String, had_errors: bool) -> String {
    if had_errors {
        w.push_str(", undecodable bytes replaced");
    }
    w
}

/// Why `head` looks binary, if it does.
fn binary(head: &[u8]) -> Option<String> {
    if memchr::memchr(0, head).is_some() {
        return Some("binary content (NUL bytes)".into());
    }
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    if control * 10 > head.len() {
        return Some(format!(
            "binary content ({}% control bytes)",
            control * 100 / head.len()
        ));
    }
    None
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else { return false };
    if head[start] != b'<' {
        return false;
    }
    let lower = head[start..].to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<article",
        b"<div",
        b"<p>",
    ]
    .iter()
    .any(|tag| memchr::memmem::find(&lower, tag).is_some())
}

enum Stream {
    Jsonl(JsonlReader),
    Warc(WarcReader),
}

impl Iterator for Stream {
    type Item = Result<Source, InputError>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Stream::Jsonl(r) => r.next(),
            Stream::Warc(r) => r.next(),
        }
    }
}

enum Line {
    Eof,
    Ok,
    TooLong,
}

/// Read one line (without its `\n` or `\r\n`) into `buf`; past `max` bytes the rest of the
/// line is skipped rather than buffered.
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    buf.clear();
    let mut any = false;
    let mut too_long = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        any = true;
        let (take, found) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i, true),
            None => (avail.len(), false),
        };
        if !too_long {
            if buf.len() + take > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&avail[..take]);
            }
        }
        r.consume(if found { take + 1 } else { take });
        if found {
            break;
        }
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(if !any {
        Line::Eof
    } else if too_long {
        Line::TooLong
    } else {
        Line::Ok
    })
}

struct JsonlReader {
    name: String,
    input: Reader,
    line: usize,
    buf: Vec<u8>,
    done: bool,
    max: u64,
    gz: bool,
}

#[derive(serde::Deserialize)]
struct JsonDoc {
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    authors: Option<Authors>,
    language: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Authors {
    One(String),
    Many(Vec<String>),
}

impl Iterator for JsonlReader {
    type Item = Result<Source, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let max = usize::try_from(self.max).unwrap_or(usize::MAX);
            let read = read_line(&mut self.input, &mut self.buf, max);
            self.line += 1;
            let at = format!("{}#line-{}", self.name, self.line);
            match read {
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::new(at, read_reason(&e, self.gz))));
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong) => {
                    return Some(Err(InputError::new(
                        at,
                        format!("line exceeds {} bytes", self.max),
                    )))
                }
                Ok(Line::Ok) => {
                    if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    return Some(json_source(&self.buf, at));
                }
            }
        }
        None
    }
}

fn json_source(line: &[u8], at: String) -> Result<Source, InputError> {
    let doc: JsonDoc = serde_json::from_slice(line)
        .map_err(|e| InputError::new(at.clone(), format!("malformed JSON line ({e})")))?;
    let (format, body) = match (doc.text, doc.html) {
        (Some(t), _) if !t.trim().is_empty() => (Format::Text, t),
        (_, Some(h)) if !h.trim().is_empty() => (Format::Html, h),
        (None, None) => {
            return Err(InputError::new(at, "no \"text\" or \"html\" field"));
        }
        _ => return Err(InputError::new(at, "empty")),
    };
    let mut meta = Meta {
        source: at,
        url: doc.url,
        title: doc.title,
        outlet: doc.outlet,
        language: doc.language,
        format: Some(Format::Jsonl),
        ..Meta::default()
    };
    meta.authors = match doc.authors {
        Some(Authors::One(a)) => vec![a],
        Some(Authors::Many(a)) => a,
        None => Vec::new(),
    };
    if let Some(p) = doc.published.filter(|p| !p.trim().is_empty()) {
        match parse_date(&p) {
            Some(d) => meta.published = Some(d),
            None => meta.warnings.push(format!("unparsed published date {p:?}")),
        }
    }
    Ok(Source {
        meta,
        format,
        bytes: body.into_bytes(),
    })
}

/// RFC 3339, a naive date-time taken as UTC, or a bare date at midnight UTC.
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d.and_utc());
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

struct WarcReader {
    name: String,
    input: Reader,
    record: usize,
    done: bool,
    max: u64,
    gz: bool,
}

impl Iterator for WarcReader {
    type Item = Result<Source, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.record() {
                Ok(Some(source)) => return Some(source),
                Ok(None) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

impl WarcReader {
    fn fail(&self, reason: String) -> InputError {
        InputError::new(&self.name, reason)
    }

    /// Read one record. `Ok(None)`: skipped, or the end. `Ok(Some(Err))`: this record is
    /// bad but the next can be read. `Err`: the file cannot be read further.
    fn record(&mut self) -> Result<Option<Result<Source, InputError>>, InputError> {
        let mut line = Vec::new();
        // Skip the blank lines that end the previous record.
        loop {
            match read_line(&mut self.input, &mut line, MAX_HEADER_LINE) {
                Err(e) => return Err(self.fail(self.truncated(&e))),
                Ok(Line::Eof) => {
                    self.done = true;
                    return Ok(None);
                }
                Ok(Line::TooLong) => {
                    return Err(
                        self.fail(format!("record {}: header line too long", self.record + 1))
                    )
                }
                Ok(Line::Ok) if line.is_empty() => continue,
                Ok(Line::Ok) => break,
            }
        }
        self.record += 1;
        let n = self.record;
        if !line.starts_with(b"WARC/") {
            return Err(self.fail(format!("record {n}: not a WARC record header")));
        }
        let (mut kind, mut uri, mut length) = (None, None, None);
        loop {
            match read_line(&mut self.input, &mut line, MAX_HEADER_LINE) {
                Err(e) => return Err(self.fail(self.truncated(&e))),
                Ok(Line::Eof) => {
                    return Err(self.fail(format!("truncated WARC: record {n} ends in its header")))
                }
                Ok(Line::TooLong) => {
                    return Err(self.fail(format!("record {n}: header line too long")))
                }
                Ok(Line::Ok) if line.is_empty() => break,
                Ok(Line::Ok) => {
                    let Some((k, v)) = split_header(&line) else {
                        continue;
                    };
                    match k.to_ascii_lowercase().as_str() {
                        "warc-type" => kind = Some(v.to_ascii_lowercase()),
                        "warc-target-uri" => {
                            uri = Some(v.trim_start_matches('<').trim_end_matches('>').to_string())
                        }
                        "content-length" => length = v.parse::<u64>().ok(),
                        _ => {}
                    }
                }
            }
        }
        let Some(length) = length else {
            return Err(self.fail(format!("record {n}: no valid Content-Length")));
        };
        let at = format!("{}#record-{n}", self.name);
        let wanted = kind.as_deref() == Some("response");
        if !wanted || length > self.max {
            let copied = io::copy(&mut (&mut self.input).take(length), &mut io::sink())
                .map_err(|e| self.fail(self.truncated(&e)))?;
            if copied < length {
                return Err(self.fail(format!(
                    "truncated WARC: record {n} has {copied} of {length} bytes"
                )));
            }
            if wanted {
                let reason = format!("size exceeds {} bytes", self.max);
                return Ok(Some(Err(InputError::new(at, reason))));
            }
            return Ok(None);
        }
        let mut content = Vec::with_capacity(length as usize);
        (&mut self.input)
            .take(length)
            .read_to_end(&mut content)
            .map_err(|e| self.fail(self.truncated(&e)))?;
        if (content.len() as u64) < length {
            return Err(self.fail(format!(
                "truncated WARC: record {n} has {} of {length} bytes",
                content.len()
            )));
        }
        Ok(http_source(content, at, uri, self.max))
    }

    fn truncated(&self, e: &io::Error) -> String {
        let why = read_reason(e, self.gz);
        format!("truncated WARC at record {} ({why})", self.record.max(1))
    }
}

fn split_header(line: &[u8]) -> Option<(String, String)> {
    let i = memchr::memchr(b':', line)?;
    let k = String::from_utf8_lossy(&line[..i]).trim().to_string();
    let v = String::from_utf8_lossy(&line[i + 1..]).trim().to_string();
    Some((k, v))
}

/// The page inside a WARC response record, if it is an HTML or text page.
fn http_source(
    content: Vec<u8>,
    at: String,
    url: Option<String>,
    max: u64,
) -> Option<Result<Source, InputError>> {
    let (mut ctype, mut chunked, mut encoding) = (None, false, None);
    let body_start;
    if content.starts_with(b"HTTP/") {
        let end = memchr::memmem::find(&content, b"\r\n\r\n")
            .map(|i| (i, i + 4))
            .or_else(|| memchr::memmem::find(&content, b"\n\n").map(|i| (i, i + 2)));
        let (head_end, start) = end.unwrap_or((content.len(), content.len()));
        let head = &content[..head_end];
        let mut lines = head.split(|&b| b == b'\n');
        let status = lines.next().unwrap_or_default();
        let code = status.split(|&b| b == b' ').nth(1).unwrap_or_default();
        if !code.starts_with(b"2") {
            return None; // Redirects and errors hold no article.
        }
        for l in lines {
            let l = l.strip_suffix(b"\r").unwrap_or(l);
            let Some((k, v)) = split_header(l) else {
                continue;
            };
            match k.to_ascii_lowercase().as_str() {
                "content-type" => ctype = Some(v.to_ascii_lowercase()),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => encoding = Some(v.to_ascii_lowercase()),
                _ => {}
            }
        }
        body_start = start;
    } else {
        body_start = 0;
    }
    let mime = ctype
        .as_deref()
        .map(|c| c.split(';').next().unwrap_or("").trim().to_string());
    let charset = ctype.as_deref().and_then(|c| {
        c.split(';')
            .filter_map(|p| p.trim().strip_prefix("charset="))
            .next()
            .map(|s| s.trim_matches('"').to_string())
    });
    match mime.as_deref() {
        None | Some("text/html" | "application/xhtml+xml" | "text/plain" | "") => {}
        Some(_) => return None,
    }
    let mut body = content;
    body.drain(..body_start);
    if chunked {
        match dechunk(&body) {
            Some(b) => body = b,
            None => return Some(Err(InputError::new(at, "malformed chunked HTTP body"))),
        }
    }
    match encoding.as_deref() {
        Some("gzip" | "x-gzip") => match inflate(MultiGzDecoder::new(&body[..]), max) {
            Ok(b) => body = b,
            Err(e) => return Some(Err(InputError::new(at, e))),
        },
        Some("deflate") => match inflate(ZlibDecoder::new(&body[..]), max) {
            Ok(b) => body = b,
            Err(e) => return Some(Err(InputError::new(at, e))),
        },
        _ => {}
    }
    let mut meta = Meta {
        source: at.clone(),
        url,
        format: Some(Format::Warc),
        ..Meta::default()
    };
    let result = document(body, charset.as_deref(), &mut meta).map(|(mut format, bytes)| {
        // The header's word counts when the bytes do not say HTML themselves.
        if mime.as_deref() == Some("text/html") && format == Format::Text {
            format = Format::Html;
        }
        Source {
            meta,
            format,
            bytes,
        }
    });
    Some(result.map_err(|reason| InputError::new(at, reason)))
}

fn inflate(mut r: impl Read, max: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.by_ref()
        .take(max + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad HTTP content encoding ({e})"))?;
    if out.len() as u64 > max {
        return Err(format!("decompressed size exceeds {max} bytes"));
    }
    Ok(out)
}

/// Undo HTTP chunked transfer encoding.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let eol = memchr::memchr(b'\n', b)?;
        let size_line = std::str::from_utf8(&b[..eol]).ok()?.trim();
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        b = &b[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        if b.len() < size {
            // A truncated last chunk: keep what arrived.
            out.extend_from_slice(b);
            return Some(out);
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size..];
        b = b
            .strip_prefix(b"\r\n")
            .or_else(|| b.strip_prefix(b"\n"))
            .unwrap_or(b);
        if b.is_empty() {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn all(paths: &[PathBuf], opts: &Options) -> Vec<Result<Source, InputError>> {
        read(paths, opts).collect()
    }

    fn one(dir: &Path, name: &str, data: &[u8]) -> Result<Source, InputError> {
        let p = dir.join(name);
        std::fs::write(&p, data).unwrap();
        let mut v = all(&[p], &Options::default());
        assert_eq!(v.len(), 1, "{name}: one item expected");
        v.pop().unwrap()
    }

    fn warc_record(kind: &str, uri: &str, content: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
            content.len()
        )
        .into_bytes();
        r.extend_from_slice(content);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(ctype: &str, body: &[u8]) -> Vec<u8> {
        let mut r = format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n").into_bytes();
        r.extend_from_slice(body);
        r
    }

    #[test]
    fn detects_text_and_html_by_content() {
        let d = tempfile::tempdir().unwrap();
        let t = one(d.path(), "a.html", b"Minister Vell said talks were over.\n").unwrap();
        assert_eq!(t.format, Format::Text);
        assert_eq!(t.meta.format, Some(Format::Text));
        let h = one(
            d.path(),
            "page.txt",
            b"\n<!DOCTYPE html><html><body><p>Hi</p></body></html>",
        )
        .unwrap();
        assert_eq!(h.format, Format::Html);
        assert!(h.meta.source.ends_with("page.txt"));
    }

    #[test]
    fn rejects_empty_binary_and_missing() {
        let d = tempfile::tempdir().unwrap();
        let e = one(d.path(), "empty.txt", b"").unwrap_err();
        assert_eq!(e.reason, "empty");
        assert_eq!(
            one(d.path(), "ws.txt", b" \n\t\n").unwrap_err().reason,
            "empty"
        );
        let e = one(d.path(), "x.bin", b"ELF\0\0\x01\x02binary").unwrap_err();
        assert!(e.reason.starts_with("binary"), "{e}");
        let ctl: Vec<u8> = (0..1000u32)
            .map(|i| if i % 3 == 0 { 1 } else { b'a' })
            .collect();
        assert!(one(d.path(), "c.txt", &ctl)
            .unwrap_err()
            .reason
            .contains("control"));
        let missing = d.path().join("nope.txt");
        let e = all(std::slice::from_ref(&missing), &Options::default())
            .pop()
            .unwrap()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: no such file or directory", missing.display())
        );
    }

    #[test]
    fn gzip_is_decompressed_then_detected() {
        let d = tempfile::tempdir().unwrap();
        let s = one(
            d.path(),
            "a.txt.gz",
            &gz(b"<html><body>Hello</body></html>"),
        )
        .unwrap();
        assert_eq!(s.format, Format::Html);
        assert_eq!(s.bytes, b"<html><body>Hello</body></html>");
        let mut t = gz(b"The talks resumed on Monday, the ministry said in a statement.");
        t.truncate(t.len() - 10);
        let e = one(d.path(), "t.gz", &t).unwrap_err();
        assert!(e.reason.contains("truncated or corrupt gzip"), "{e}");
    }

    #[test]
    fn size_cap_stops_gzip_bombs() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("bomb.gz");
        std::fs::write(&p, gz(&vec![b'a'; 1 << 20])).unwrap();
        let opts = Options {
            max_doc_bytes: 4096,
        };
        let e = all(&[p], &opts).pop().unwrap().unwrap_err();
        assert_eq!(e.reason, "decompressed size exceeds 4096 bytes");
        let p = d.path().join("spaces.gz");
        std::fs::write(&p, gz(&vec![b' '; 1 << 20])).unwrap();
        let e = all(&[p], &opts).pop().unwrap().unwrap_err();
        assert_eq!(e.reason, "decompressed size exceeds 4096 bytes");
        let p = d.path().join("big.txt");
        std::fs::write(&p, vec![b'a'; 5000]).unwrap();
        assert_eq!(
            all(&[p], &opts).pop().unwrap().unwrap_err().reason,
            "size exceeds 4096 bytes"
        );
    }

    #[test]
    fn invalid_utf8_text_is_transcoded_with_a_warning() {
        let d = tempfile::tempdir().unwrap();
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251
            .encode("Министр иностранных дел заявил, что переговоры продолжатся в понедельник.");
        let s = one(d.path(), "ru.txt", &cp1251).unwrap();
        let text = String::from_utf8(s.bytes).unwrap();
        assert!(text.starts_with("Министр"), "{text}");
        assert!(
            s.meta.warnings[0].contains("windows-1251"),
            "{:?}",
            s.meta.warnings
        );
    }

    #[test]
    fn jsonl_lines_become_sources_and_bad_lines_errors() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("feed.jsonl");
        let data = concat!(
            "{\"text\": \"Vell said no.\", \"url\": \"https://k.example/1\", \"published\": \"2026-03-02\", \"outlet\": \"Kessel Times\"}\n",
            "{\"text\": broken\n",
            "\n",
            "{\"html\": \"<html><body>x</body></html>\", \"published\": \"2026-03-02T10:00:00+02:00\", \"title\": \"T\"}\r\n",
            "{\"url\": \"u\"}\n",
            "{\"text\": \"Late line.\", \"published\": \"someday\"}"
        );
        std::fs::write(&p, data).unwrap();
        let v = all(std::slice::from_ref(&p), &Options::default());
        assert_eq!(v.len(), 5);
        let a = v[0].as_ref().unwrap();
        assert_eq!(a.bytes, b"Vell said no.");
        assert_eq!(a.format, Format::Text);
        assert_eq!(a.meta.format, Some(Format::Jsonl));
        assert_eq!(a.meta.source, format!("{}#line-1", p.display()));
        assert_eq!(a.meta.outlet.as_deref(), Some("Kessel Times"));
        assert_eq!(
            a.meta.published.unwrap().to_rfc3339(),
            "2026-03-02T00:00:00+00:00"
        );
        let e = v[1].as_ref().unwrap_err();
        assert!(
            e.path.ends_with("#line-2") && e.reason.starts_with("malformed JSON"),
            "{e}"
        );
        let h = v[2].as_ref().unwrap();
        assert_eq!(
            (h.format, h.meta.title.as_deref()),
            (Format::Html, Some("T"))
        );
        assert!(h.meta.source.ends_with("#line-4"));
        assert_eq!(
            h.meta.published.unwrap().to_rfc3339(),
            "2026-03-02T08:00:00+00:00"
        );
        assert!(v[3].as_ref().unwrap_err().reason.contains("no \"text\""));
        assert_eq!(v[4].as_ref().unwrap().meta.warnings.len(), 1);
    }

    #[test]
    fn jsonl_overlong_line_is_skipped_not_buffered() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f.jsonl");
        let long = format!("{{\"text\": \"{}\"}}\n", "a".repeat(10_000));
        std::fs::write(&p, format!("{long}{{\"text\": \"short\"}}\n")).unwrap();
        let v = all(
            &[p],
            &Options {
                max_doc_bytes: 1000,
            },
        );
        assert_eq!(v[0].as_ref().unwrap_err().reason, "line exceeds 1000 bytes");
        assert_eq!(v[1].as_ref().unwrap().bytes, b"short");
    }

    #[test]
    fn warc_responses_become_sources() {
        let d = tempfile::tempdir().unwrap();
        let mut w = warc_record("warcinfo", "", b"software: test\r\n");
        w.extend(warc_record(
            "request",
            "https://a.example/x",
            b"GET /x HTTP/1.1\r\n\r\n",
        ));
        w.extend(warc_record(
            "response",
            "<https://a.example/x>",
            &http(
                "text/html; charset=utf-8",
                b"<html><body><p>Vell spoke.</p></body></html>",
            ),
        ));
        w.extend(warc_record(
            "response",
            "https://a.example/i.png",
            &http("image/png", b"\x89PNG"),
        ));
        let chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n";
        w.extend(warc_record("response", "https://a.example/t", chunked));
        // Each record its own gzip member, as .warc.gz files are.
        let p = d.path().join("crawl.warc.gz");
        let mut z = Vec::new();
        for rec in w.split_inclusive(|_| false) {
            z.extend(gz(rec));
        }
        std::fs::write(&p, &z).unwrap();
        let v: Vec<Source> = all(std::slice::from_ref(&p), &Options::default())
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].format, Format::Html);
        assert_eq!(v[0].meta.url.as_deref(), Some("https://a.example/x"));
        assert_eq!(v[0].meta.source, format!("{}#record-3", p.display()));
        assert_eq!(v[0].bytes, b"<html><body><p>Vell spoke.</p></body></html>");
        assert_eq!(v[1].bytes, b"Hello world");
        assert_eq!(v[1].meta.source, format!("{}#record-5", p.display()));
    }

    #[test]
    fn warc_http_charset_is_honoured() {
        let d = tempfile::tempdir().unwrap();
        let (body, _, _) =
            encoding_rs::WINDOWS_1251.encode("<html><body><p>Заявление министра</p></body></html>");
        let w = warc_record(
            "response",
            "https://r.example/",
            &http("text/html; charset=windows-1251", &body),
        );
        let s = one(d.path(), "r.warc", &w).unwrap();
        assert!(String::from_utf8(s.bytes).unwrap().contains("Заявление"));
        assert!(s.meta.warnings[0].contains("windows-1251"));
    }

    #[test]
    fn truncated_warc_yields_earlier_records_then_an_error() {
        let d = tempfile::tempdir().unwrap();
        let mut w = warc_record(
            "response",
            "https://a.example/1",
            &http("text/html", b"<html><body>One</body></html>"),
        );
        let second = warc_record(
            "response",
            "https://a.example/2",
            &http("text/html", b"<html><body>Two two two</body></html>"),
        );
        w.extend_from_slice(&second[..second.len() - 20]);
        let p = d.path().join("cut.warc");
        std::fs::write(&p, &w).unwrap();
        let v = all(std::slice::from_ref(&p), &Options::default());
        assert_eq!(v.len(), 2);
        assert!(v[0].is_ok());
        let e = v[1].as_ref().unwrap_err();
        assert_eq!(e.path, p.display().to_string());
        assert!(e.reason.contains("truncated WARC"), "{e}");
        // Cut inside a gzip member: the same, through the decoder.
        let mut z = gz(&warc_record(
            "response",
            "https://a.example/1",
            &http("text/html", b"<html><body>One</body></html>"),
        ));
        let g = gz(&second);
        z.extend_from_slice(&g[..g.len() / 2]);
        let p = d.path().join("cut.warc.gz");
        std::fs::write(&p, &z).unwrap();
        let v = all(&[p], &Options::default());
        assert!(v[0].is_ok());
        assert!(
            v[1].as_ref().unwrap_err().reason.contains("truncated"),
            "{:?}",
            v[1]
        );
    }

    #[test]
    fn directories_are_walked_sorted_skipping_hidden() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("sub")).unwrap();
        std::fs::create_dir_all(d.path().join(".git")).unwrap();
        for (name, text) in [
            ("b.txt", "B"),
            ("a.txt", "A"),
            ("sub/c.txt", "C"),
            (".hidden.txt", "H"),
            (".git/d.txt", "D"),
        ] {
            std::fs::write(d.path().join(name), text).unwrap();
        }
        let got: Vec<Vec<u8>> = all(&[d.path().to_path_buf()], &Options::default())
            .into_iter()
            .map(|r| r.unwrap().bytes)
            .collect();
        assert_eq!(got, vec![b"A".to_vec(), b"B".to_vec(), b"C".to_vec()]);
    }

    #[test]
    fn a_file_gone_after_listing_is_an_error_and_the_walk_goes_on() {
        let d = tempfile::tempdir().unwrap();
        for name in ["a.txt", "b.txt", "c.txt"] {
            std::fs::write(d.path().join(name), name).unwrap();
        }
        let mut it = read(&[d.path().to_path_buf()], &Options::default());
        assert_eq!(it.next().unwrap().unwrap().bytes, b"a.txt");
        std::fs::remove_file(d.path().join("b.txt")).unwrap();
        let e = it.next().unwrap().unwrap_err();
        assert!(e.path.ends_with("b.txt"), "{e}");
        assert_eq!(it.next().unwrap().unwrap().bytes, b"c.txt");
        assert!(it.next().is_none());
    }

    /// The demo corpus and bad inputs shipped in `examples/`, when present.
    #[test]
    fn examples_when_present() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        if !root.join("corpus").is_dir() || !root.join("bad").is_dir() {
            eprintln!("skipping: {} not found", root.display());
            return;
        }
        let good = all(&[root.join("corpus")], &Options::default());
        let errors: Vec<_> = good.iter().filter_map(|r| r.as_ref().err()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(good.len() >= 10, "{} sources", good.len());
        for f in ["jsonl", "warc.gz", "txt.gz", "html"] {
            assert!(
                good.iter()
                    .any(|r| r.as_ref().unwrap().meta.source.contains(&format!(".{f}"))),
                "no source from a .{f} file"
            );
        }
        let bad = all(&[root.join("bad")], &Options::default());
        let reason = |name: &str| -> Vec<String> {
            bad.iter()
                .filter_map(|r| r.as_ref().err())
                .filter(|e| e.path.contains(name))
                .map(|e| e.reason.clone())
                .collect()
        };
        let has = |name: &str, want: &str| {
            let got = reason(name);
            assert!(got.iter().any(|r| r.contains(want)), "{name}: {got:?}");
        };
        if root.join("bad/empty.txt").exists() {
            has("empty.txt", "empty");
        }
        if root.join("bad/bomb.txt.gz").exists() {
            has("bomb.txt.gz", "decompressed size exceeds");
        }
        if root.join("bad/random.bin").exists() {
            has("random.bin", "binary");
        }
        if root.join("bad/truncated.txt.gz").exists() {
            has("truncated.txt.gz", "truncated");
        }
        if root.join("bad/truncated.warc.gz").exists() {
            has("truncated.warc.gz", "truncated");
        }
    }

    #[test]
    fn dates_parse() {
        assert!(parse_date("2026-03-02T10:00:00Z").is_some());
        assert!(parse_date("2026-03-02 10:00:00").is_some());
        assert!(parse_date("2 March").is_none());
    }
}
