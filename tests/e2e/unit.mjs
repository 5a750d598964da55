// unit.mjs: the page's pure helpers (web/lib.mjs) under node, no framework:
//     node tests/e2e/unit.mjs
// Prints each failure, then "N passed, N failed"; exits 1 on a failure.
import {
  Utf8Text, paragraphs, segments, words, commonWords, differences, paint, findValue,
  parseDate, formatDate, formatRange, dayNumber, timelineRows, wrap, uploadType,
} from '../../web/lib.mjs';

let passed = 0;
let failed = 0;
function check(what, got, want) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g === w) passed++;
  else { failed++; console.log(`FAIL: ${what}\n    got  ${g}\n    want ${w}`); }
}

// ---- byte offsets ----
{
  // "Pashinyan — Ադրբեջան 🙂 ok": an em dash (3 bytes), Armenian (2 bytes
  // each), an emoji (4 bytes, two UTF-16 units)
  const str = 'Pashinyan — Ադրբեջան 🙂 ok';
  const t = new Utf8Text(str);
  check('byte length', t.length, new TextEncoder().encode(str).length);
  check('slice ascii', t.slice(0, 9), 'Pashinyan');
  check('slice after em dash', t.slice(14, 30), 'Ադրբեջան');
  check('slice emoji', t.slice(31, 35), '🙂');
  check('slice to end', t.slice(36, 99), 'ok');
  check('offset inside a character moves forward', t.slice(15, 18), 'դ');
  check('reversed slice is empty', t.slice(20, 10), '');
  check('null text', new Utf8Text(null).length, 0);

  const segs = segments(t, [
    { start: 0, end: 9, cls: 'person' },
    { start: 14, end: 30, cls: 'place' },
    { start: 12, end: 35, cls: 'quote' },
    { start: 50, end: 40, cls: 'reversed' },
  ]);
  check('segments cover the text', segs.map((s) => s.text).join(''), str);
  // the quote starts inside the em dash (byte 12): it moves to byte 13
  check('segment texts', segs.map((s) => s.text), ['Pashinyan', ' —', ' ', 'Ադրբեջան', ' 🙂', ' ok']);
  check('segment classes', segs.map((s) => s.spans.map((x) => x.cls)),
    [['person'], [], ['quote'], ['place', 'quote'], ['quote'], []]);
  const part = segments(t, [{ start: 0, end: 30, cls: 'x' }], 10, 20);
  check('segments clipped to a range', part.map((s) => [s.start, s.end, s.spans.length]), [[10, 20, 1]]);
}
{
  const t = new Utf8Text('Title\n\nFirst line\nsecond line\n \n\n  Third\n');
  check('paragraphs: a line each', paragraphs(t).map((p) => t.slice(p.start, p.end)),
    ['Title', 'First line', 'second line', 'Third']);
  check('paragraphs: between blank lines', paragraphs(t, 2).map((p) => t.slice(p.start, p.end)),
    ['Title', 'First line\nsecond line', 'Third\n']);
  check('no paragraphs in empty text', paragraphs(new Utf8Text('')), []);
}

// ---- words and the diff ----
check('words', words('Ruben Vardanyan’s 20,000-strong J.D. Vance.').map((w) => w.key),
  ['ruben', 'vardanyan’s', '20,000-strong', 'j.d', 'vance']);
{
  const a = words('He has been sentenced to 20 years in prison');
  const b = words('He is expected to be sentenced to life in prison');
  check('common words (LCS)', commonWords(a, b), [true, false, false, true, true, false, false, true, true]);
}
{
  const s1 = 'Vardanyan has been sentenced to 20 years in prison.';
  const s2 = 'He is expected to be sentenced to life in prison.';
  const [d1, d2] = differences([s1, s2]);
  check('differing words, first', d1.map((r) => s1.slice(r.s, r.e)), ['Vardanyan has been', '20 years']);
  check('differing words, second', d2.map((r) => s2.slice(r.s, r.e)), ['He is expected to be', 'life']);
  check('identical sentences do not differ', differences(['Same words here.', 'same  words, here'])
    .map((r) => r.length), [0, 0]);
  check('one text does not differ', differences(['alone']), [[]]);
  const frag = differences(['separatist regime', 'the leaders of the illegal separatist regime, which illegally functioned']);
  check('a fragment: its words are found, the whole answer is not marked against it',
    frag.map((r) => r.length), [0, 0]);
  const half = differences(['one two three four', 'one two five']);
  check('texts of comparable length are compared both ways', half.map((r) => r.length), [1, 1]);
  const three = differences(['Pashinyan said so', 'Pashinian said so', 'Pashinyan said no']);
  check('three texts: a word shared with any other is not marked',
    three.map((r) => r.length), [0, 1, 1]);
  // long sentences fall back on word sets and stay fast
  const long1 = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ');
  const long2 = Array.from({ length: 2000 }, (_, i) => `w${i + 1}`).join(' ');
  const t0 = Date.now();
  const [l1] = differences([long1, long2]);
  check('long texts: only the missing word differs', l1.map((r) => long1.slice(r.s, r.e)), ['w0']);
  check('long texts are quick', Date.now() - t0 < 1000, true);
}
check('paint', paint('sentenced to 20 years', [{ s: 13, e: 21, cls: 'value' }, { s: 13, e: 15, cls: 'diff' }]),
  [{ text: 'sentenced to ', classes: [] }, { text: '20', classes: ['value', 'diff'] },
    { text: ' years', classes: ['value'] }]);
check('paint clips ranges', paint('abc', [{ s: -4, e: 1, cls: 'x' }, { s: 2, e: 99, cls: 'y' }]),
  [{ text: 'a', classes: ['x'] }, { text: 'b', classes: [] }, { text: 'c', classes: ['y'] }]);
check('findValue', findValue('sentenced to Life imprisonment', 'life imprisonment'), { s: 13, e: 30 });
check('findValue absent', findValue('abc', 'd'), null);

// ---- dates ----
check('parseDate full', parseDate('2026-02-13'), { year: 2026, month: 2, day: 13 });
check('parseDate unknown year', parseDate('XXXX-02-13'), { year: null, month: 2, day: 13 });
check('parseDate rejects', [parseDate('2026-13'), parseDate('Friday'), parseDate(null)], [null, null, null]);
check('formatDate', ['2026-02-13', '2026-02', '2026', 'XXXX-02-13', 'PRESENT_REF', null].map(formatDate),
  ['13 Feb 2026', 'Feb 2026', '2026', '13 Feb (year unknown)', 'PRESENT_REF', '']);
check('formatRange', [formatRange('2026-02-13', '2026-02-14'), formatRange(null, '2026'), formatRange(null, null)],
  ['13 Feb 2026 – 14 Feb 2026', '2026', '']);
check('dayNumber', [dayNumber('1970-01-02'), dayNumber('2026-02'), dayNumber('XXXX-01-01')], [1, 20485, null]);
{
  const rows = timelineRows([{ date: '2026-02-14' }, { date: 'XXXX-03-01' }, { date: '2026-02-13' }, { date: '2025' }],
    [20, 20, 20, 20]);
  check('timeline order', rows.map((r) => r.event.date), ['2025', '2026-02-13', '2026-02-14', 'XXXX-03-01']);
  check('timeline: a longer gap for more days', rows[1].y - rows[0].y > rows[2].y - rows[1].y, true);
  check('timeline: rows do not overlap', rows.every((r, i) => i === 0 || r.y >= rows[i - 1].y + 20), true);
}
check('wrap', wrap('one two three four five', 9), ['one two', 'three', 'four five']);
check('wrap cut', wrap('aa bb cc dd ee ff', 5, 2), ['aa bb', 'cc …']);
check('wrap by measure', wrap('iii mmm iii', 10, 4, (t) => [...t].reduce((n, c) => n + (c === 'm' ? 2 : 1), 0)),
  ['iii mmm', 'iii']);

// ---- uploads ----
check('uploadType', ['a.txt', 'b.HTML', 'c.jsonl', 'd.ndjson', 'e.json', 'f.pdf', 'g', 'h.csv'].map((n) => uploadType(n)),
  ['text/plain', 'text/html', 'application/x-ndjson', 'application/x-ndjson', 'application/json', null, 'text/plain', null]);
check('uploadType by browser type', [uploadType('x.csv', 'text/csv'), uploadType('page', 'text/html')],
  ['text/plain', 'text/html']);

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
