// lib.mjs: the page's pure helpers, with no DOM, so that node can test them
// (tests/e2e/unit.mjs): byte offsets to text segments, the word-level diff
// that marks where sentences differ, dates, and the upload content types.
//
// Offsets in a dossier are UTF-8 byte offsets into a document's text
// (spec/report-format.md); JavaScript strings index UTF-16 code units, so
// everything that cuts text by offsets goes through Utf8Text.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8'); // replaces bad bytes, never throws

// A document's text as UTF-8 bytes, encoded once, cut by byte offsets.
export class Utf8Text {
  constructor(str) {
    this.bytes = encoder.encode(str ?? '');
    this.length = this.bytes.length;
  }

  // The nearest character boundary at or after OFF, within [0, length]:
  // an offset inside a multi-byte character (bad data) moves forward.
  boundary(off) {
    let i = Math.max(0, Math.min(this.length, Math.trunc(Number(off) || 0)));
    while (i < this.length && (this.bytes[i] & 0xc0) === 0x80) i++;
    return i;
  }

  // The text of bytes [start, end).
  slice(start, end) {
    const a = this.boundary(start);
    const b = Math.max(a, this.boundary(end));
    return decoder.decode(this.bytes.subarray(a, b));
  }
}

// Paragraphs of TEXT (a Utf8Text): byte ranges [start, end) between runs of
// ASCII white space that hold at least FEEDS line feeds (news text puts a
// paragraph on a line; 2 for hard-wrapped text).  The breaks are left out;
// fewer line feeds stay inside a paragraph.
export function paragraphs(text, feeds = 1) {
  const need = feeds;
  const out = [];
  const b = text.bytes;
  let start = 0;
  let i = 0;
  while (i < b.length) {
    if (b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x20 || b[i] === 0x09) {
      let j = i;
      let n = 0;
      while (j < b.length && (b[j] === 0x0a || b[j] === 0x0d || b[j] === 0x20 || b[j] === 0x09)) {
        if (b[j] === 0x0a) n++;
        j++;
      }
      if (n >= need) {
        if (i > start) out.push({ start, end: i });
        start = j;
      }
      i = j;
    } else {
      i++;
    }
  }
  if (b.length > start) out.push({ start, end: b.length });
  return out;
}

// Cut bytes [from, to) of TEXT into segments at every edge of SPANS
// (objects with byte offsets start and end; other fields are kept).  Each
// segment is {start, end, text, spans}: the spans that cover it, in the
// order given.  Spans are clipped to [from, to) and to character
// boundaries; empty and reversed spans are dropped.  Segments are in order
// and cover [from, to) without gaps.
export function segments(text, spans, from = 0, to = text.length) {
  from = text.boundary(from);
  to = Math.max(from, text.boundary(to));
  const live = [];
  const edges = new Set([from, to]);
  for (const sp of spans) {
    const s = Math.max(from, text.boundary(sp.start));
    const e = Math.min(to, text.boundary(sp.end));
    if (e <= s) continue;
    live.push({ s, e, sp });
    edges.add(s);
    edges.add(e);
  }
  const cuts = [...edges].sort((x, y) => x - y);
  const out = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k];
    const b = cuts[k + 1];
    const over = live.filter((l) => l.s <= a && l.e >= b).map((l) => l.sp);
    out.push({ start: a, end: b, text: text.slice(a, b), spans: over });
  }
  return out;
}

// ---- words and the diff --------------------------------------------------

const WORD = /[\p{L}\p{N}]+(?:['’.,\-][\p{L}\p{N}]+)*/gu;

// The words of STR: [{s, e, key}] with UTF-16 indexes [s, e) into STR and
// the key they are compared by (case-folded, NFC).
export function words(str) {
  const out = [];
  for (const m of String(str ?? '').matchAll(WORD)) {
    out.push({ s: m.index, e: m.index + m[0].length, key: m[0].normalize('NFC').toLowerCase() });
  }
  return out;
}

const LCS_CELLS = 250000; // above this, compare by word sets instead

// Which words of A (arrays from words()) lie in a longest common
// subsequence with B: an array of booleans, one per word of A.
export function commonWords(a, b) {
  const n = a.length;
  const m = b.length;
  const keep = new Array(n).fill(false);
  if (!n || !m) return keep;
  if (n * m > LCS_CELLS) {
    const set = new Set(b.map((w) => w.key));
    return a.map((w) => set.has(w.key));
  }
  // dp[i][j]: LCS length of a[i..] and b[j..], in one flat array
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = a[i].key === b[j].key
        ? dp[(i + 1) * w + j + 1] + 1
        : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i].key === b[j].key) {
      keep[i] = true;
      i++;
      j++;
    } else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return keep;
}

// The differing words of each of TEXTS against the others: for each text,
// the UTF-16 ranges [{s, e}] of its words that no other text shares in a
// common subsequence, neighbouring words joined into one range (with the
// spaces between).  A text is compared only with texts of at least RATIO
// times its number of words: the rest of a whole answer is not "different"
// from a fragment quoted out of it.  With nothing to compare with, nothing
// differs.
export function differences(texts, ratio = 0.5) {
  const ws = texts.map((t) => words(t));
  return ws.map((mine, k) => {
    const others = ws.filter((other, o) => o !== k && other.length >= ratio * mine.length);
    if (!others.length) return [];
    const shared = new Array(mine.length).fill(false);
    others.forEach((other) => {
      commonWords(mine, other).forEach((c, i) => { if (c) shared[i] = true; });
    });
    const ranges = [];
    let open = null;
    mine.forEach((wd, i) => {
      if (shared[i]) {
        open = null;
      } else if (open) {
        open.e = wd.e;
      } else {
        open = { s: wd.s, e: wd.e };
        ranges.push(open);
      }
    });
    return ranges;
  });
}

// Cut STR into pieces [{text, classes}] by RANGES [{s, e, cls}] (UTF-16
// indexes; overlaps allowed): each piece carries the classes of the ranges
// that cover it.
export function paint(str, ranges) {
  str = String(str ?? '');
  const edges = new Set([0, str.length]);
  const rs = ranges
    .map((r) => ({ s: Math.max(0, r.s), e: Math.min(str.length, r.e), cls: r.cls }))
    .filter((r) => r.e > r.s);
  for (const r of rs) { edges.add(r.s); edges.add(r.e); }
  const cuts = [...edges].sort((x, y) => x - y);
  const out = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k];
    const b = cuts[k + 1];
    const classes = [...new Set(rs.filter((r) => r.s <= a && r.e >= b).map((r) => r.cls))];
    out.push({ text: str.slice(a, b), classes });
  }
  return out;
}

// Where VALUE (words quoted from a sentence) lies in SENTENCE: {s, e} in
// UTF-16 indexes, matching case-insensitively when need be; null if absent.
export function findValue(sentence, value) {
  if (!value || !sentence) return null;
  let i = sentence.indexOf(value);
  if (i < 0) i = sentence.toLowerCase().indexOf(String(value).toLowerCase());
  return i < 0 ? null : { s: i, e: i + value.length };
}

// ---- dates ---------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// A dossier date (YYYY, YYYY-MM, YYYY-MM-DD; XXXX for an unknown year)
// parsed: {year, month, day} with null for what is not given; null when
// the value is not a date.
export function parseDate(v) {
  const m = /^(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(v ?? ''));
  if (!m) return null;
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if ((month !== null && (month < 1 || month > 12)) || (day !== null && (day < 1 || day > 31))) return null;
  return { year: m[1] === 'XXXX' ? null : Number(m[1]), month, day };
}

// A date for people: "13 Feb 2026", "Feb 2026", "2026", "13 Feb (year
// unknown)"; the value itself when it is not a date; "" for null.
export function formatDate(v) {
  if (v == null || v === '') return '';
  const d = parseDate(v);
  if (!d) return String(v);
  const parts = [];
  if (d.day !== null) parts.push(String(d.day));
  if (d.month !== null) parts.push(MONTHS[d.month - 1]);
  parts.push(d.year === null ? '(year unknown)' : String(d.year));
  return parts.join(' ');
}

// Days since 1970-01-01 of the start of date V (a partial date starts at
// its first day), or null for an unknown year or a non-date.
export function dayNumber(v) {
  const d = parseDate(v);
  if (!d || d.year === null) return null;
  return Math.floor(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1) / 86400000);
}

// "13–14 Feb 2026" style range of the dates FIRST and LAST (either may be
// null).
export function formatRange(first, last) {
  if (!first && !last) return '';
  if (!first || !last || first === last) return formatDate(first || last);
  return `${formatDate(first)} – ${formatDate(last)}`;
}

// Vertical positions of timeline EVENTS (objects with a date): the order
// to draw them in (dated events oldest first, then those with an unknown
// year), each with y, and the gap before it growing with the days between,
// within [minGap, maxGap].  Returns [{event, y, days}].
export function timelineRows(events, heights, minGap = 12, maxGap = 60) {
  const rows = events.map((event, i) => ({ event, i, days: dayNumber(event.date) }));
  rows.sort((a, b) => {
    if (a.days === null || b.days === null) {
      if (a.days === b.days) return String(a.event.date).localeCompare(String(b.event.date)) || a.i - b.i;
      return a.days === null ? 1 : -1;
    }
    return a.days - b.days || a.i - b.i;
  });
  let y = 0;
  let prev = null;
  return rows.map((r, k) => {
    if (k > 0) {
      let gap = minGap;
      if (prev !== null && r.days !== null) {
        gap = Math.min(maxGap, minGap + 10 * Math.log2(1 + r.days - prev));
      }
      y += gap;
    }
    const top = y;
    y += heights ? heights[r.i] : 0;
    prev = r.days;
    return { event: r.event, y: top, days: r.days };
  });
}

// Lines of at most WIDTH, broken at spaces (a longer word stands alone),
// at most MAX lines, the last ending in "…" when cut.  MEASURE gives the
// width of a string (default: its length in characters).
export function wrap(str, width, max = 4, measure = (t) => t.length) {
  const out = [];
  let line = '';
  for (const word of String(str ?? '').split(/\s+/).filter(Boolean)) {
    if (line && measure(`${line} ${word}`) > width) {
      out.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  if (out.length > max) {
    out.length = max;
    out[max - 1] = `${out[max - 1].replace(/\s*\S*$/, '')} …`;
  }
  return out;
}

// ---- uploads ---------------------------------------------------------------

// The Content-Type to send a file as, by the extension of NAME, falling back
// on the browser's TYPE for text; null when it cannot be sent.
export function uploadType(name, type = '') {
  const ext = /\.([A-Za-z0-9]+)$/.exec(String(name ?? ''))?.[1]?.toLowerCase();
  switch (ext) {
    case 'txt': case 'text': case 'md':
      return 'text/plain';
    case 'html': case 'htm': case 'xhtml':
      return 'text/html';
    case 'jsonl': case 'ndjson':
      return 'application/x-ndjson';
    case 'json':
      return 'application/json';
    default:
      if (/^text\/html\b/.test(type)) return 'text/html';
      if (/^text\//.test(type) || (!ext && !type)) return 'text/plain';
      return null;
  }
}
