#!/usr/bin/env python3
"""Regenerate the binary / derived fixtures of the verbatim demo corpus.

Stdlib only, deterministic (gzip mtime=0, fixed UUIDs, fixed PRNG seed), so
running it twice gives byte-identical output.  Run from anywhere:

    python3 examples/make_binary_fixtures.py

Sources live in examples/corpus-src/; outputs go to examples/corpus/ and
examples/bad/.  After writing, the script re-parses every WARC it produced
and checks Content-Length framing, so a broken generator fails loudly.
"""

import base64
import gzip
import hashlib
import json
import random
import uuid
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "corpus-src"
CORPUS = HERE / "corpus"
BAD = HERE / "bad"

# Fixed namespace so record ids are stable across runs.
NS = uuid.UUID("6f0c7a52-1d6e-4c1b-9a51-7e2b8d3c0a01")


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"wrote {path.relative_to(HERE.parent)} ({len(data)} bytes)")


# --------------------------------------------------------------------------
# windows-1251 page
# --------------------------------------------------------------------------

def make_cp1251() -> None:
    text = (SRC / "10_vna_lindqvist_kessel.cp1251.html").read_text("utf-8")
    # strict: fail if the source contains a character cp1251 cannot hold
    write(CORPUS / "10_vna_lindqvist_kessel.cp1251.html", text.encode("cp1251"))


# --------------------------------------------------------------------------
# gzip article
# --------------------------------------------------------------------------

def make_txt_gz() -> bytes:
    raw = (SRC / "11_baltic_wire_prisoner_exchange.txt").read_bytes()
    data = gz(raw)
    write(CORPUS / "11_baltic_wire_prisoner_exchange.txt.gz", data)
    return data


# --------------------------------------------------------------------------
# JSONL feed
# --------------------------------------------------------------------------

JSONL_ITEMS = [
    {
        "src": "1_marn_herald_melnyk_dovra.txt",
        "field": "text",
        "url": "https://www.marnherald.example/news/2027/02/17/melnyk-ships-dovra",
        "title": "Melnyk urges Alliance to ‘match words with ships’ ahead of Dovra meeting",
        "published": "2027-02-17T15:40:00+02:00",
        "outlet": "Marn Herald",
    },
    {
        "src": "2_kessel_times_orlov_dovra.html",
        "field": "html",
        "url": "https://www.kesseltimes.example/politics/2027/02/17/orlov-dovra-show",
        "title": "Orlov: Dovra meeting “a show for cameras”",
        "published": "2027-02-17T18:10:00+01:00",
        "outlet": "Kessel Times",
    },
    {
        "src": "3_baltic_wire_woronow.txt",
        "field": "text",
        "url": "https://balticwire.example/europe/2027-02-19/woronow-vesterholm-third-round",
        "title": "Woronow says Kessel ready for third Vesterholm round",
        "published": "2027-02-19T16:00:00Z",
        "outlet": "Baltic Wire",
    },
]


def make_jsonl() -> None:
    lines = []
    for item in JSONL_ITEMS:
        body = (SRC / "jsonl" / item["src"]).read_text("utf-8").rstrip("\n")
        rec = {
            "url": item["url"],
            "title": item["title"],
            "published": item["published"],
            "outlet": item["outlet"],
            item["field"]: body,
        }
        lines.append(json.dumps(rec, ensure_ascii=False))
    write(CORPUS / "12_wire_feed.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))


# --------------------------------------------------------------------------
# WARC
# --------------------------------------------------------------------------

WARC_PAGES = [
    ("1_balticwire_brody_denial.html",
     "https://balticwire.example/europe/2027-02-16/kessel-denies-brody-crossing",
     "2027-02-16T13:02:11Z", "Tue, 16 Feb 2027 13:02:11 GMT"),
    ("2_marnherald_dovra_outcome.html",
     "https://www.marnherald.example/news/2027/02/18/alliance-more-eyes-north",
     "2027-02-18T18:47:03Z", "Thu, 18 Feb 2027 18:47:03 GMT"),
    ("3_vna_voronov_dovra.html",
     "https://vna.example/en/politics/2027/02/19/voronov-dovra",
     "2027-02-19T09:31:40Z", "Fri, 19 Feb 2027 09:31:40 GMT"),
]


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_record(headers: list, block: bytes) -> bytes:
    head = "WARC/1.1\r\n"
    for k, v in headers:
        head += f"{k}: {v}\r\n"
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def make_warc() -> bytes:
    info_id = f"<urn:uuid:{uuid.uuid5(NS, 'warcinfo')}>"
    info_block = (
        "software: verbatim make_binary_fixtures.py\r\n"
        "format: WARC File Format 1.1\r\n"
        "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
        "description: verbatim demo crawl (fictional outlets), February 2027\r\n"
    ).encode("utf-8")
    members = [gz(warc_record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", "2027-02-19T09:30:00Z"),
        ("WARC-Record-ID", info_id),
        ("WARC-Filename", "13_crawl_feb2027.warc.gz"),
        ("Content-Type", "application/warc-fields"),
    ], info_block))]
    for name, uri, wdate, hdate in WARC_PAGES:
        payload = (SRC / "warc" / name).read_bytes()
        http_head = (
            "HTTP/1.1 200 OK\r\n"
            f"Date: {hdate}\r\n"
            "Server: nginx\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(payload)}\r\n"
            "Connection: close\r\n"
            "\r\n"
        ).encode("ascii")
        block = http_head + payload
        members.append(gz(warc_record([
            ("WARC-Type", "response"),
            ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(NS, uri)}>"),
            ("WARC-Warcinfo-ID", info_id),
            ("WARC-Date", wdate),
            ("WARC-Target-URI", uri),
            ("WARC-Block-Digest", sha1_b32(block)),
            ("WARC-Payload-Digest", sha1_b32(payload)),
            ("Content-Type", "application/http; msgtype=response"),
        ], block)))
    data = b"".join(members)
    write(CORPUS / "13_crawl_feb2027.warc.gz", data)
    return data


def parse_warc(data: bytes) -> list:
    """Minimal WARC reader used as a self-check (gzip multi-member aware)."""
    raw = gzip.decompress(data)  # concatenated members decompress as one stream
    out, pos = [], 0
    while pos < len(raw):
        end = raw.index(b"\r\n\r\n", pos)
        lines = raw[pos:end].decode("utf-8").split("\r\n")
        assert lines[0] in ("WARC/1.0", "WARC/1.1"), lines[0]
        hdr = dict(l.split(": ", 1) for l in lines[1:])
        n = int(hdr["Content-Length"])
        block = raw[end + 4:end + 4 + n]
        assert len(block) == n, "short block"
        assert raw[end + 4 + n:end + 8 + n] == b"\r\n\r\n", "missing record trailer"
        if "WARC-Block-Digest" in hdr:
            assert hdr["WARC-Block-Digest"] == sha1_b32(block)
        if hdr["WARC-Type"] == "response":
            hend = block.index(b"\r\n\r\n")
            http = block[:hend].decode("ascii").split("\r\n")
            assert http[0].startswith("HTTP/1.1 200")
            hh = dict(l.split(": ", 1) for l in http[1:])
            assert int(hh["Content-Length"]) == len(block) - hend - 4
        out.append((hdr["WARC-Type"], hdr.get("WARC-Target-URI"), n))
        pos = end + 8 + n
    return out


# --------------------------------------------------------------------------
# bad inputs
# --------------------------------------------------------------------------

def make_bad(txt_gz: bytes, warc: bytes) -> None:
    rng = random.Random(2027)
    blob = bytearray(rng.randbytes(4096))
    for i in range(0, len(blob), 97):  # make sure there are plenty of NULs
        blob[i] = 0
    write(BAD / "random.bin", bytes(blob))

    write(BAD / "empty.txt", b"")

    latin1 = (
        "Voronov met the envoy at a caf\u00e9 near the Kessel opera.\n"
        "\u00abWe will see\u00bb, the minister said, according to the K\u00f6rber desk.\n"
        "Temperatures fell to \u221212\u00b0C overnight \u2014 \u00bd of the line was frozen.\n"
    ).replace("\u2212", "-").replace("\u2014", "-").encode("latin-1")
    write(BAD / "latin1.txt", latin1)

    write(BAD / "truncated.txt.gz", txt_gz[: len(txt_gz) * 3 // 5])

    # warcinfo + first response intact, second response cut mid-member
    ends, rest, pos = [], warc, 0
    while rest:  # find gzip member boundaries
        dobj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        dobj.decompress(rest)
        pos += len(rest) - len(dobj.unused_data)
        ends.append(pos)
        rest = dobj.unused_data
    cut = ends[1] + (ends[2] - ends[1]) // 2
    write(BAD / "truncated.warc.gz", warc[:cut])

    write(BAD / "bomb.txt.gz", gz(b" " * (64 * 1024 * 1024)))

    good = [
        {"url": "https://balticwire.example/a", "title": "Short item one", "published": "2027-02-20T10:00:00Z",
         "outlet": "Baltic Wire", "text": "Pavel Orlov said Kessel had \"nothing to add\" to earlier statements."},
        {"url": "https://balticwire.example/b", "title": "Short item two", "published": "2027-02-20T11:00:00Z",
         "outlet": "Baltic Wire", "text": "\u201cWe are still talking,\u201d Karin Lindqvist told reporters in Vesterholm."},
        {"url": "https://balticwire.example/d", "title": "Short item four", "published": "2027-02-20T13:00:00Z",
         "outlet": "Baltic Wire", "text": "Oksana Hrytsenko said Marn would send a delegation on Monday."},
    ]
    lines = [json.dumps(g, ensure_ascii=False) for g in good]
    broken = '{"url": "https://balticwire.example/c", "title": "Short item three", "text": "Voronov said the'
    lines.insert(2, broken)
    write(BAD / "mixed.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))


def main() -> None:
    make_cp1251()
    txt_gz = make_txt_gz()
    make_jsonl()
    warc = make_warc()
    recs = parse_warc(warc)
    assert [r[0] for r in recs] == ["warcinfo", "response", "response", "response"], recs
    for r in recs:
        print("  warc record:", r)
    make_bad(txt_gz, warc)
    # self-checks on bad inputs
    try:
        parse_warc((BAD / "truncated.warc.gz").read_bytes())
    except (EOFError, ValueError, AssertionError):
        pass
    else:
        raise SystemExit("truncated.warc.gz unexpectedly parsed")
    assert len((BAD / "bomb.txt.gz").read_bytes()) < 200 * 1024


if __name__ == "__main__":
    main()
