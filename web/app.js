// app.js: the page of `crosscheck serve`.  One module, no framework: views
// chosen by the URL's fragment (#/, #/story/N, #/story/N/doc/dK,
// #/documents, #/document/N, #/add), built from the JSON API (docs/api.md)
// with createElement and textContent only.  Every string from a document
// is untrusted: it goes into text nodes and attribute values, never into
// markup, and the server's Content-Security-Policy forbids inline script.
import {
  Utf8Text, paragraphs, segments, differences, paint, findValue,
  formatDate, formatRange, timelineRows, wrap, uploadType,
} from './lib.mjs';

const TOKEN_KEY = 'crosscheck.token';
const MAX_UPLOAD = 32 * 1024 * 1024;
const SVG_NS = 'http://www.w3.org/2000/svg';

// ---- building the DOM ------------------------------------------------------

// Add CHILDREN to EL: strings become text nodes, null/false are skipped,
// arrays are flattened.
function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// An element: h('a.link', {href: '#/'}, 'text', child...).  ATTRS: "class"
// adds classes, "on<event>" listens, true/false set or skip a boolean
// attribute, anything else is set with setAttribute (as text).
function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.classList.add(...classes);
  setAttrs(el, attrs);
  return append(el, children);
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  return append(el, children);
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') {
      for (const c of String(v).split(/\s+/).filter(Boolean)) el.classList.add(c);
    } else if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

const $ = (sel, root = document) => root.querySelector(sel);

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function baseName(path) {
  return String(path ?? '').replace(/[?#].*$/, '').split(/[\\/]/).filter(Boolean).pop() || '';
}

// Only http(s) addresses become links; anything else is shown as text.
function safeUrl(u) {
  try {
    const url = new URL(String(u));
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// ---- the API ---------------------------------------------------------------

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// Ask for the server's token in the page's own dialog (never prompt()).
// Resolves when one is given; rejects when the reader cancels.
function askToken(wrong) {
  const dialog = $('#token-dialog');
  const input = $('#token-input');
  $('#token-wrong').hidden = !wrong;
  input.value = '';
  return new Promise((resolve, reject) => {
    const done = (ok) => {
      dialog.removeEventListener('close', onClose);
      $('#token-cancel').removeEventListener('click', onCancel);
      if (ok && input.value.trim()) {
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        resolve();
      } else {
        reject(new ApiError(401, 'This server needs an access token.'));
      }
    };
    const onClose = () => done(dialog.returnValue === 'ok');
    const onCancel = () => { dialog.returnValue = 'cancel'; dialog.close(); };
    dialog.addEventListener('close', onClose);
    $('#token-cancel').addEventListener('click', onCancel);
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}

let tokenAsk = null; // one dialog at a time, shared by parallel requests

// Call the API: PATH with fetch OPTS, the token added when there is one.
// Returns the parsed JSON (null for 204); throws ApiError with the
// server's message.  On 401 asks for a token and tries again.
async function api(path, opts = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = new Headers(opts.headers || {});
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    let res;
    try {
      res = await fetch(path, { ...opts, headers, credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError(0, `The server cannot be reached (${e.message}).`);
    }
    if (res.status === 401 && attempt < 3) {
      if (token) sessionStorage.removeItem(TOKEN_KEY);
      tokenAsk = tokenAsk || askToken(Boolean(token)).finally(() => { tokenAsk = null; });
      await tokenAsk;
      continue;
    }
    if (res.status === 204) return null;
    const type = res.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await res.json().catch(() => null) : await res.text();
    if (!res.ok) {
      const msg = body && typeof body === 'object' && body.error ? body.error : `${res.status} ${res.statusText}`;
      throw new ApiError(res.status, msg);
    }
    return body;
  }
}

const dossiers = new Map(); // story id -> dossier, until documents change

async function getDossier(id) {
  if (!dossiers.has(id)) dossiers.set(id, api(`/api/stories/${id}`));
  try {
    return await dossiers.get(id);
  } catch (e) {
    dossiers.delete(id);
    throw e;
  }
}

function changed() {
  dossiers.clear();
  showHealth();
}

async function showHealth() {
  const el = $('#health');
  try {
    const hl = await api('/api/health');
    el.replaceChildren(`crosscheck ${hl.version ?? ''} · ${plural(hl.documents ?? 0, 'document')} stored`);
  } catch (e) {
    el.replaceChildren(`crosscheck · ${e.message}`);
  }
}

function showAlert(msg) {
  const el = $('#alert');
  el.replaceChildren(h('p', null, msg), h('button.link', { type: 'button', onclick: () => { el.hidden = true; } }, 'Dismiss'));
  el.hidden = false;
}

// ---- routing ----------------------------------------------------------------

let routeSeq = 0;

function parseHash() {
  const hash = location.hash || '#/';
  if (!hash.startsWith('#/')) return null; // an anchor in the page
  const [path, query = ''] = hash.slice(1).split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), q: new URLSearchParams(query) };
}

async function route() {
  const r = parseHash();
  if (!r) return;
  const seq = ++routeSeq;
  const main = $('#main');
  main.setAttribute('aria-busy', 'true');
  $('#alert').hidden = true;
  const [what, id, sub, docId] = r.parts;
  for (const a of document.querySelectorAll('[data-nav]')) {
    const here = a.dataset.nav === (what === 'story' || !what ? 'stories' : what === 'document' ? 'documents' : what);
    if (here) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  let view;
  try {
    if (!what) view = await storiesView(r.q.get('q') || '');
    else if (what === 'story' && sub === 'doc') view = await storyDocView(id, docId, r.q.get('at'));
    else if (what === 'story') view = await dossierView(id, r.q.get('focus'));
    else if (what === 'documents') view = await documentsView(r.q.get('q') || '');
    else if (what === 'document') view = await documentView(id);
    else if (what === 'add') view = addView();
    else view = errorView(new ApiError(404, 'There is no such page.'));
  } catch (e) {
    view = errorView(e);
  }
  if (seq !== routeSeq) return; // the reader has moved on
  main.replaceChildren(view.node);
  main.removeAttribute('aria-busy');
  document.title = view.title ? `${view.title} — crosscheck` : 'crosscheck';
  const target = view.focus ? $(view.focus, main) : null;
  if (target) {
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  } else {
    window.scrollTo(0, 0);
    // after a move within the page, focus goes where a new page would
    // start; on the first load it stays at the top (the skip link next)
    const h1 = $('h1', main);
    if (h1 && seq > 1) { h1.tabIndex = -1; h1.focus({ preventScroll: true }); }
  }
  view.after?.();
  redraw = view.after || null;
}

// what depends on the width (the timeline) is drawn again when it changes
let redraw = null;
let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => redraw?.(), 200);
});

function errorView(e) {
  const status = e instanceof ApiError ? e.status : 0;
  return {
    title: 'Error',
    node: h('section.error-view', null,
      h('h1', null, status === 404 ? 'Not found' : 'Something went wrong'),
      h('p', null, e.message || String(e)),
      h('p', null, h('a', { href: '#/' }, 'Back to the stories'))),
  };
}

// ---- stories ------------------------------------------------------------------

async function storiesView(q) {
  const data = await api(`/api/stories${q ? `?q=${encodeURIComponent(q)}` : ''}`);
  const stories = data.stories || [];
  const input = h('input', { id: 'q', type: 'search', name: 'q', value: q, autocomplete: 'off', placeholder: 'names, places, words' });
  const form = h('form.search', {
    role: 'search',
    onsubmit: (ev) => {
      ev.preventDefault();
      const v = input.value.trim();
      location.hash = v ? `#/?q=${encodeURIComponent(v)}` : '#/';
    },
  }, h('label', { for: 'q' }, 'Search stories'), h('div.row', null, input, h('button', { type: 'submit' }, 'Search')));

  let body;
  if (!stories.length && q) {
    body = h('p.empty', null, 'No story matches ', h('q', null, q), '. ', h('a', { href: '#/' }, 'Show all stories'), '.');
  } else if (!stories.length) {
    body = h('div.empty', null,
      h('p', null, 'No reports yet.'),
      h('p', null, h('a.button', { href: '#/add' }, 'Add reports'), ' — or drop files anywhere on this page.'));
  } else {
    body = h('ol.stories', null, stories.map((st) => h('li.story', null,
      h('h2', null, h('a', { href: `#/story/${encodeURIComponent(st.id)}` }, st.title || 'Untitled story')),
      h('p.meta', null,
        h('span', null, plural(st.documents ?? 0, 'report')),
        (st.first || st.last) ? h('span', null, formatRange(st.first, st.last)) : null),
      st.outlets?.length ? h('ul.outlets', { 'aria-label': 'Outlets' }, st.outlets.map((o) => h('li', null, o))) : null)));
  }
  return {
    title: q ? `Stories: ${q}` : 'Stories',
    node: h('section.stories-view', null,
      h('div.view-head', null,
        h('h1', null, 'Stories'),
        stories.length ? h('a', { href: '#/story/0' }, 'All documents as one dossier') : null),
      form,
      q ? h('p.meta', null, `${plural(stories.length, 'story', 'stories')} for `, h('q', null, q)) : null,
      body),
  };
}

// ---- the dossier ----------------------------------------------------------------

// Lookups over one dossier.
function index(d) {
  const docs = new Map((d.documents || []).map((x) => [x.id, x]));
  const ents = new Map((d.entities || []).map((x) => [x.id, x]));
  const quotes = new Map((d.quotes || []).map((x) => [x.id, x]));
  const facts = new Map((d.facts || []).map((x) => [x.id, x]));
  return { d, docs, ents, quotes, facts };
}

// What a report is called in short: its outlet, else its headline
// (shortened), else its file name.
function docLabel(doc) {
  if (!doc) return 'unknown report';
  if (doc.outlet) return doc.outlet;
  const t = String(doc.title || '').trim();
  if (t) return t.length > 48 ? `${t.slice(0, 46).replace(/\s+\S*$/, '')} …` : t;
  return baseName(doc.source) || doc.id;
}

// "Outlet, 13 Feb 2026" for the document with id ID.
function sourceLine(ix, id) {
  const doc = ix.docs.get(id);
  return append(h('span.source'), [
    h('span.outlet', null, docLabel(doc)),
    doc?.published ? [', ', h('time', { datetime: doc.published }, formatDate(doc.published))] : null,
  ]);
}

function contextLink(storyId, docId, start, end, label = 'in context') {
  const at = start !== undefined ? `?at=${start}-${end}` : '';
  return h('a.context', { href: `#/story/${storyId}/doc/${encodeURIComponent(docId)}${at}` }, label);
}

// Text with classed pieces: RANGES as for paint().
function painted(text, ranges) {
  return paint(text, ranges).map((p) => {
    if (!p.classes.length) return p.text;
    const tag = p.classes.includes('value') ? 'strong' : 'mark';
    return h(tag, { class: p.classes.join(' ') }, p.text);
  });
}

const STATUS = {
  conflicting: { title: 'Conflicts', one: 'conflict', intro: 'The reports give different answers.' },
  agreed: { title: 'Agreed', one: 'agreed', intro: 'Several reports give the same answer.' },
  'single-source': { title: 'Single source', one: 'single source', intro: 'Only one report says so.' },
};

// The claims of a fact by document, in order of first appearance: each
// document with its distinct sentences, each sentence with the values it
// gives.
function claimsByDoc(claims) {
  const docs = new Map();
  for (const c of claims) {
    if (!docs.has(c.doc)) docs.set(c.doc, { doc: c.doc, sentences: new Map(), values: [] });
    const d = docs.get(c.doc);
    const key = `${c.start}-${c.end}`;
    if (!d.sentences.has(key)) d.sentences.set(key, { start: c.start, end: c.end, text: c.text || '', values: [] });
    if (c.value) {
      d.sentences.get(key).values.push(c.value);
      if (!d.values.includes(c.value)) d.values.push(c.value);
    }
  }
  return [...docs.values()].map((d) => ({ ...d, sentences: [...d.sentences.values()] }));
}

// A sentence with its VALUES emphasised and the word ranges DIFF marked.
function claimSentence(sentence, diff) {
  const ranges = diff.map((r) => ({ ...r, cls: 'diff' }));
  for (const v of sentence.values) {
    const at = findValue(sentence.text, v);
    if (at) ranges.push({ ...at, cls: 'value' });
  }
  return painted(sentence.text, ranges);
}

// A fact's note, the document ids in it ("d3") named as their outlets.
function noteText(ix, note) {
  return String(note).replace(/\bd\d+\b/g, (id) => (ix.docs.has(id) ? docLabel(ix.docs.get(id)) : id));
}

function factCard(ix, storyId, fact) {
  const cols = claimsByDoc(fact.claims || []);
  const conflict = fact.status === 'conflicting';
  const sentences = cols.flatMap((c) => c.sentences);
  const diffs = conflict ? differences(sentences.map((x) => x.text)) : sentences.map(() => []);
  const diffOf = new Map(sentences.map((x, i) => [x, diffs[i]]));
  const head = [
    h('header', null,
      h('h3', { id: `fact-${fact.id}-topic` }, fact.topic || 'Untitled question'),
      h('span.badge', null, STATUS[fact.status]?.one ?? fact.status)),
    fact.note ? h('p.caveat', null, h('span.label', null, conflict ? 'Caveat: ' : 'Note: '), noteText(ix, fact.note)) : null,
  ];
  const attrs = { id: `fact-${fact.id}`, tabindex: '-1', 'aria-labelledby': `fact-${fact.id}-topic` };
  if (conflict) {
    // the competing sentences side by side, one column per report
    return h(`article.fact.${fact.status}`, attrs, head,
      h('div.claims', null, cols.map((c) => h('figure.claim', null,
        h('figcaption', null, sourceLine(ix, c.doc)),
        c.values.length ? h('p.value', null, h('span.label', null, 'Says: '),
          c.values.map((v, i) => [i ? ' · ' : '', h('strong', null, v)])) : null,
        c.sentences.map((x) => [
          h('blockquote', null, claimSentence(x, diffOf.get(x))),
          h('p.more', null, contextLink(storyId, c.doc, x.start, x.end)),
        ])))));
  }
  // agreed and single-source: the answer and who gives it, the sentences below
  const values = [...new Set(cols.flatMap((c) => c.values))];
  const list = h('ul.sentences', null, cols.flatMap((c) => c.sentences.map((x) => h('li', null,
    h('blockquote', null, claimSentence(x, [])),
    h('p.more', null, sourceLine(ix, c.doc), ' · ', contextLink(storyId, c.doc, x.start, x.end))))));
  const folded = sentences.length > 1 || fact.status === 'agreed';
  return h(`article.fact.${fact.status}`, attrs, head,
    values.length ? h('p.answer', null, h('span.label', null, 'Answer: '),
      values.map((v, i) => [i ? ' · ' : '', h('strong', null, v)])) : null,
    folded ? h('p.meta', null, h('span', null, outletsOfDocs(ix, cols.map((c) => c.doc)).join(', '))) : null,
    folded ? h('details', null, h('summary', null, `The source sentences (${sentences.length})`), list) : list);
}

function factsSection(ix, storyId, status) {
  const facts = (ix.d.facts || []).filter((f) => f.status === status);
  const info = STATUS[status];
  const id = `facts-${status}`;
  return h(`section.facts.${status}`, { id, 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, info.title, ' ', h('span.count', null, `(${facts.length})`)),
    facts.length ? h('p.intro', null, info.intro) : h('p.empty', null, `No ${info.title.toLowerCase()} found in these reports.`),
    facts.map((f) => factCard(ix, storyId, f)));
}

function outletsOfDocs(ix, ids) {
  return [...new Set((ids || []).map((id) => docLabel(ix.docs.get(id))))];
}

function entitiesSection(ix, storyId) {
  const all = (ix.d.entities || []).slice().sort((a, b) =>
    (b.documents?.length ?? 0) - (a.documents?.length ?? 0) ||
    (b.mentions?.length ?? 0) - (a.mentions?.length ?? 0) || String(a.name).localeCompare(String(b.name)));
  const main = all.filter((e) => e.type === 'person' || e.type === 'organization');
  const rest = all.filter((e) => e.type !== 'person' && e.type !== 'organization');
  const card = (e) => {
    const aliases = (e.aliases || []).filter((a) => a !== e.name);
    // titles that stand for this one person of the story ("the Azerbaijani president")
    const refs = [...new Set((e.references || []).map((r) => r.text))].filter((t) => !aliases.includes(t));
    const first = (e.mentions || []).find((m) => !m.boilerplate) || (e.mentions || [])[0];
    return h(`li.entity.${e.type}`, { id: `entity-${e.id}` },
      h('h3', null, e.name, ' ', h('span.badge', null, e.type)),
      e.roles?.length ? h('p.roles', null, e.roles.join(' · ')) : null,
      aliases.length ? h('p.aliases', null, h('span.label', null, 'Also written: '), aliases.join(', ')) : null,
      refs.length ? h('p.aliases', null, h('span.label', null, 'Referred to as: '), refs.join(', ')) : null,
      h('p.meta', null,
        h('span', null, outletsOfDocs(ix, e.documents).join(', ')),
        h('span', null, plural(e.mentions?.length ?? 0, 'mention')),
        first ? contextLink(storyId, first.doc, first.start, first.end, 'first mention') : null));
  };
  const LIMIT = 24;
  return h('section.entities', { id: 'entities', 'aria-labelledby': 'entities-h' },
    h('h2', { id: 'entities-h' }, 'People and organizations ', h('span.count', null, `(${main.length})`)),
    main.length ? null : h('p.empty', null, 'No people or organizations found.'),
    h('ul.entity-list', null, main.slice(0, LIMIT).map(card)),
    main.length > LIMIT ? h('details', null, h('summary', null, `${main.length - LIMIT} more`),
      h('ul.entity-list', null, main.slice(LIMIT).map(card))) : null,
    rest.length ? h('details.places', null, h('summary', null, `Places and others (${rest.length})`),
      h('ul.entity-list', null, rest.map(card))) : null);
}

function speakerName(ix, q) {
  const e = q.speaker ? ix.ents.get(q.speaker) : null;
  return e ? e.name : q.speaker_text || 'Unattributed';
}

function quotesSection(ix, storyId) {
  const groups = ix.d.quote_groups || [];
  const grouped = new Set(groups.flatMap((g) => g.quotes || []));
  const single = (ix.d.quotes || []).filter((q) => !grouped.has(q.id));
  const groupCard = (g) => {
    const qs = (g.quotes || []).map((id) => ix.quotes.get(id)).filter(Boolean);
    const diffs = differences(qs.map((q) => q.text || ''));
    const speaker = g.speaker ? ix.ents.get(g.speaker)?.name : qs[0] ? speakerName(ix, qs[0]) : null;
    return h('article.quote-group', { id: `group-${g.id}` },
      h('header', null,
        h('h3', null, speaker || 'Unattributed'),
        typeof g.similarity === 'number'
          ? h('span.badge', null, `wordings ${Math.round(g.similarity * 100)}% alike`) : null),
      h('div.wordings', null, qs.map((q, i) => h('figure.wording', null,
        h('figcaption', null, sourceLine(ix, q.doc), q.kind && q.kind !== 'direct' ? h('span.kind', null, ` · ${q.kind}`) : null),
        h('blockquote', null, painted(q.text || '', diffs[i].map((r) => ({ ...r, cls: 'diff' })))),
        h('p.more', null, contextLink(storyId, q.doc, q.start, q.end))))));
  };
  const bySpeaker = new Map();
  for (const q of single) {
    const k = speakerName(ix, q);
    if (!bySpeaker.has(k)) bySpeaker.set(k, []);
    bySpeaker.get(k).push(q);
  }
  return h('section.quotes', { id: 'quotes', 'aria-labelledby': 'quotes-h' },
    h('h2', { id: 'quotes-h' }, 'Quotations ', h('span.count', null, `(${groups.length} quoted by several reports)`)),
    groups.length ? h('p.intro', null, 'The same words as each report gives them; words that differ are marked.')
      : h('p.empty', null, 'No quotation appears in more than one report.'),
    groups.map(groupCard),
    single.length ? h('details.other-quotes', null,
      h('summary', null, `Other quotations (${single.length})`),
      h('dl', null, [...bySpeaker].map(([who, qs]) => [
        h('dt', null, who),
        qs.map((q) => h('dd', null, h('q', null, q.text), ' — ', sourceLine(ix, q.doc), ' ',
          contextLink(storyId, q.doc, q.start, q.end))),
      ]))) : null);
}

// The sentence around bytes [start, end) of a text, roughly: for timeline
// labels when the dossier has no timeline of its own.
function sentenceAround(text, start, end) {
  const para = paragraphs(text).find((p) => p.start <= start && end <= p.end) || { start: 0, end: text.length };
  const before = text.slice(para.start, start);
  const after = text.slice(end, para.end);
  const head = before.split(/(?<=[.!?])\s+/).pop();
  const tail = after.split(/(?<=[.!?])\s+/)[0];
  return `${head}${text.slice(start, end)}${tail}`.replace(/\s+/g, ' ').trim();
}

function timelineEvents(ix) {
  if (ix.d.timeline?.length) return { events: ix.d.timeline, derived: false };
  const texts = new Map();
  const seen = new Set();
  const events = [];
  for (const t of ix.d.times || []) {
    if (!t.value || seen.has(`${t.value} ${t.doc}`)) continue;
    seen.add(`${t.value} ${t.doc}`);
    const doc = ix.docs.get(t.doc);
    if (!doc?.text) continue;
    if (!texts.has(t.doc)) texts.set(t.doc, new Utf8Text(doc.text));
    events.push({ date: t.value, text: sentenceAround(texts.get(t.doc), t.start, t.end), documents: [t.doc], facts: [] });
  }
  return { events, derived: true };
}

// A function giving the width in pixels of a string in the font of
// elements of class CLS (the page's CSS decides it), measured on a canvas.
function textMeasure(size, cls) {
  const probe = s('text', { class: cls });
  const svgEl = s('svg', { class: 'timeline-svg probe', width: 1, height: 1 }, probe);
  document.body.append(svgEl);
  const family = getComputedStyle(probe).fontFamily || 'serif';
  svgEl.remove();
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (t) => t.length * 7.6;
  ctx.font = `${size} ${family}`;
  return (t) => ctx.measureText(t).width;
}

// The timeline as an SVG picture: dates on the left of a vertical axis,
// a mark per event, its words and outlets on the right; events linked to
// facts lead to them.
function timelineSvg(ix, storyId, events, width) {
  const W = Math.max(320, Math.min(960, width));
  const narrow = W < 560;
  const dateX = narrow ? 92 : 150;
  const dateText = (v) => (narrow ? formatDate(v).replace(' (year unknown)', ' ?') : formatDate(v));
  const axisX = dateX + 14;
  const labelX = axisX + 18;
  const room = W - labelX - 8;
  const LINE = 19;
  const measure = textMeasure('14px', 'tl-label');
  const laid = events.map((e) => ({ lines: wrap(e.text, room, 3, measure), outlets: outletsOfDocs(ix, e.documents).join(', ') }));
  const heights = laid.map((l) => l.lines.length * LINE + 18);
  const rows = timelineRows(events, heights, 14, 64);
  const total = rows.length ? rows[rows.length - 1].y + heights[events.indexOf(rows[rows.length - 1].event)] + 16 : 40;
  const svgEl = s('svg', {
    class: 'timeline-svg', viewBox: `0 0 ${W} ${total + 16}`, width: W, height: total + 16,
    role: 'group', 'aria-labelledby': 'timeline-h',
  });
  svgEl.append(s('line', { class: 'axis', x1: axisX, y1: 4, x2: axisX, y2: total + 8 }));
  let lastDate = null;
  rows.forEach((r) => {
    const e = r.event;
    const l = laid[events.indexOf(e)];
    const y = r.y + 16;
    const status = (e.facts || []).map((f) => ix.facts.get(f)?.status).find(Boolean) || '';
    const g = s('g', { class: `event ${status}` });
    if (e.date !== lastDate) {
      g.append(s('text', { class: 'tl-date', x: dateX, y: y + 5, 'text-anchor': 'end' }, dateText(e.date)));
      lastDate = e.date;
    }
    g.append(s('circle', { class: 'tl-mark', cx: axisX, cy: y, r: status ? 7 : 5 }));
    const label = s('text', { class: 'tl-label', x: labelX, y: y + 5 });
    l.lines.forEach((line, i) => label.append(s('tspan', { x: labelX, dy: i ? LINE : 0 }, line)));
    g.append(label);
    g.append(s('text', { class: 'tl-outlets', x: labelX, y: y + 5 + l.lines.length * LINE - 2 }, l.outlets));
    if (e.facts?.length) {
      const a = s('a', { href: `#/story/${storyId}?focus=${encodeURIComponent(e.facts[0])}` });
      a.append(s('title', null, `${formatDate(e.date)}: ${e.text} — see the facts`), g);
      svgEl.append(a);
    } else {
      g.prepend(s('title', null, `${formatDate(e.date)}: ${e.text}`));
      svgEl.append(g);
    }
  });
  return svgEl;
}

const TIMELINE_MAX = 300; // events drawn; a picture of more is unreadable

function timelineSection(ix, storyId) {
  const { events: all, derived } = timelineEvents(ix);
  // the events tied to facts first, then the rest in the dossier's order
  const events = all.length <= TIMELINE_MAX ? all
    : [...all.filter((e) => e.facts?.length), ...all.filter((e) => !e.facts?.length)].slice(0, TIMELINE_MAX);
  const sec = h('section.timeline', { id: 'timeline', 'aria-labelledby': 'timeline-h' },
    h('h2', { id: 'timeline-h' }, 'Timeline ', h('span.count', null, `(${plural(events.length, 'event')})`)),
    derived && events.length ? h('p.intro', null, 'The dates the reports mention, with the sentence around each (this dossier has no timeline of events).') : null,
    events.length ? h('p.tl-legend', null,
      h('span.key.conflicting', null, 'a conflict'), h('span.key.agreed', null, 'agreed'),
      h('span.key.single-source', null, 'single source'), h('span.key', null, 'no fact'),
      h('span', null, '— events with a fact lead to it')) : null,
    events.length ? null : h('p.empty', null, 'No dated events.'),
    all.length > events.length ? h('p.intro', null, `${events.length} of ${all.length} events are drawn: those tied to facts first.`) : null);
  const holder = h('div.timeline-holder');
  sec.append(holder);
  return {
    node: sec,
    draw: () => {
      if (events.length) holder.replaceChildren(timelineSvg(ix, storyId, events, holder.clientWidth || 760));
    },
  };
}

function documentsSection(ix, storyId) {
  const docs = ix.d.documents || [];
  return h('section.documents', { id: 'documents', 'aria-labelledby': 'documents-h' },
    h('h2', { id: 'documents-h' }, 'Reports ', h('span.count', null, `(${docs.length})`)),
    h('ol.doc-list', null, docs.map((doc) => h('li', null,
      h('a', { href: `#/story/${storyId}/doc/${encodeURIComponent(doc.id)}` }, doc.title || baseName(doc.source) || doc.id),
      h('p.meta', null,
        h('span', null, doc.outlet || 'outlet unknown'),
        h('span', null, doc.published ? formatDate(doc.published) : 'date unknown'),
        h('span', null, `${(doc.bytes ?? 0).toLocaleString('en')} bytes`),
        doc.boilerplate?.length ? h('span', null, `${plural(doc.boilerplate.length, 'furniture span')}`) : null)))));
}

async function dossierView(id, focus) {
  const d = await getDossier(id);
  const ix = index(d);
  const docs = d.documents || [];
  const dates = docs.map((x) => x.published).filter(Boolean).sort();
  const outlets = [...new Set(docs.map((x) => x.outlet).filter(Boolean))];
  const title = String(id) === '0' ? 'All documents' : d.stories?.[0]?.title || 'Untitled story';
  const count = (st) => (d.facts || []).filter((f) => f.status === st).length;
  const timeline = timelineSection(ix, id);
  const node = h('article.dossier', null,
    h('header.dossier-head', null,
      h('p.kicker', null, h('a', { href: '#/' }, 'Stories'), ' / dossier'),
      h('h1', null, title),
      h('p.meta', null,
        h('span', null, plural(docs.length, 'report')),
        h('span', null, plural(outlets.length, 'outlet')),
        dates.length ? h('span', null, formatRange(dates[0], dates[dates.length - 1])) : null),
      outlets.length ? h('ul.outlets', { 'aria-label': 'Outlets' }, outlets.map((o) => h('li', null, o))) : null),
    h('nav.toc', { 'aria-label': 'Sections' }, h('ul', null,
      h('li', null, h('a', { href: '#facts-conflicting', 'data-count': count('conflicting') }, `Conflicts (${count('conflicting')})`)),
      h('li', null, h('a', { href: '#facts-agreed' }, `Agreed (${count('agreed')})`)),
      h('li', null, h('a', { href: '#facts-single-source' }, `Single source (${count('single-source')})`)),
      h('li', null, h('a', { href: '#entities' }, 'People')),
      h('li', null, h('a', { href: '#quotes' }, 'Quotations')),
      h('li', null, h('a', { href: '#timeline' }, 'Timeline')),
      h('li', null, h('a', { href: '#documents' }, 'Reports')))),
    factsSection(ix, id, 'conflicting'),
    factsSection(ix, id, 'agreed'),
    factsSection(ix, id, 'single-source'),
    entitiesSection(ix, id),
    quotesSection(ix, id),
    timeline.node,
    documentsSection(ix, id));
  // in-page section links must not change the route
  for (const a of node.querySelectorAll('nav.toc a')) {
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      const target = node.querySelector(a.getAttribute('href'));
      if (!target) return;
      target.tabIndex = -1;
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    });
  }
  return { title, node, focus: focus ? `#fact-${CSS.escape(focus)}` : null, after: timeline.draw };
}

// ---- reading a document ---------------------------------------------------------

const KINDS = [
  { key: 'person', label: 'People' },
  { key: 'organization', label: 'Organizations' },
  { key: 'place', label: 'Places' },
  { key: 'quote', label: 'Quotations' },
  { key: 'time', label: 'Dates and times' },
  { key: 'quantity', label: 'Numbers' },
  { key: 'furniture', label: 'Page furniture' },
];

// The annotations of document DOCID in dossier IX as spans with byte
// offsets, a class and words for the tooltip.
function annotations(ix, docId) {
  const spans = [];
  if (!ix) return spans;
  for (const e of ix.d.entities || []) {
    for (const m of e.mentions || []) {
      if (m.doc !== docId) continue;
      const type = ['person', 'organization', 'place'].includes(e.type) ? e.type : 'other';
      spans.push({ start: m.start, end: m.end, cls: type, tip: `${e.name} (${e.type})` });
    }
    for (const r of e.references || []) {
      if (r.doc !== docId) continue;
      const type = ['person', 'organization', 'place'].includes(e.type) ? e.type : 'other';
      spans.push({ start: r.start, end: r.end, cls: type, tip: `${e.name} (${e.type}), by title` });
    }
  }
  for (const q of ix.d.quotes || []) {
    if (q.doc === docId) spans.push({ start: q.start, end: q.end, cls: 'quote', tip: `Quotation: ${speakerName(ix, q)}` });
  }
  for (const t of ix.d.times || []) {
    if (t.doc === docId) spans.push({ start: t.start, end: t.end, cls: 'time', tip: `Date: ${t.value ? formatDate(t.value) : 'not resolved'}${t.anchor && t.anchor !== 'none' ? ` (${t.anchor})` : ''}` });
  }
  for (const x of ix.d.quantities || []) {
    if (x.doc === docId) spans.push({ start: x.start, end: x.end, cls: 'quantity', tip: `Number: ${x.bound && x.bound !== 'exact' ? `${x.bound} ` : ''}${x.value}${x.object ? ` — ${x.object}` : ''}` });
  }
  return spans;
}

// The reader: META (title, outlet, published, source, url), the TEXT,
// BOILERPLATE spans, annotation SPANS, and the byte range AT to show.
function reader({ meta, text, boilerplate, spans, at, back }) {
  const t = new Utf8Text(text);
  const all = spans.slice();
  for (const b of boilerplate || []) all.push({ start: b.start, end: b.end, cls: 'furniture', tip: 'Page furniture' });
  let target = null;
  if (at) {
    const m = /^(\d+)-(\d+)$/.exec(at);
    if (m) {
      target = { start: Number(m[1]), end: Number(m[2]), cls: 'target', tip: 'The sentence you came from' };
      all.push(target);
    }
  }
  const article = h('article.reader', null);
  const present = new Set(all.map((x) => x.cls));
  const legend = h('fieldset.legend', null, h('legend', null, 'Show'),
    KINDS.filter((k) => present.has(k.key)).map((k) => {
      const box = h('input', {
        type: 'checkbox', id: `show-${k.key}`, checked: true,
        onchange: () => article.classList.toggle(`hide-${k.key}`, !box.checked),
      });
      return h('label', { class: `key ${k.key}`, for: `show-${k.key}` }, box, ' ', h('span', null, k.label));
    }));
  let firstTarget = true;
  const body = h('div.text', { lang: meta.language || null });
  for (const p of paragraphs(t)) {
    const para = h('p');
    for (const seg of segments(t, all, p.start, p.end)) {
      if (!seg.spans.length) {
        para.append(seg.text);
        continue;
      }
      const classes = [...new Set(seg.spans.map((x) => x.cls))];
      const tag = classes.every((c) => c === 'furniture') ? 'span' : 'mark';
      const el = h(tag, { class: classes.join(' '), title: [...new Set(seg.spans.map((x) => x.tip))].join('; ') }, seg.text);
      if (classes.includes('target') && firstTarget) {
        el.id = 'target';
        el.tabIndex = -1;
        firstTarget = false;
      }
      para.append(el);
    }
    body.append(para);
  }
  const url = safeUrl(meta.url || meta.source);
  append(article, [
    h('header', null,
      back ? h('p.kicker', null, back) : null,
      h('h1', null, meta.title || baseName(meta.source) || 'Untitled report'),
      h('p.meta', null,
        h('span', null, meta.outlet || 'outlet unknown'),
        h('span', null, meta.published ? formatDate(meta.published) : 'date unknown'),
        h('span', null, `${t.length.toLocaleString('en')} bytes`)),
      meta.source || meta.url ? h('p.source-line', null, 'Source: ',
        url ? h('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, meta.url || meta.source)
          : h('code', null, meta.source)) : null),
    legend,
    t.length ? body : h('p.empty', null, 'This report has no text.'),
  ]);
  return { node: article, focus: target ? '#target' : null };
}

async function storyDocView(storyId, docId, at) {
  const d = await getDossier(storyId);
  const ix = index(d);
  const doc = ix.docs.get(docId);
  if (!doc) throw new ApiError(404, `The dossier has no report ${docId}.`);
  const v = reader({
    meta: doc, text: doc.text ?? '', boilerplate: doc.boilerplate, spans: annotations(ix, docId), at,
    back: [h('a', { href: '#/' }, 'Stories'), ' / ', h('a', { href: `#/story/${storyId}` }, d.stories?.[0]?.title || 'dossier'), ' / report'],
  });
  return { title: doc.title || docLabel(doc), ...v };
}

// A stored document, with its annotations when its story's dossier holds it.
async function documentView(id) {
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  let ix = null;
  let docId = null;
  if (doc.story) {
    try {
      ix = index(await getDossier(doc.story));
      const match = (ix.d.documents || []).filter((x) => x.text === doc.text);
      docId = match.length === 1 ? match[0].id : null;
    } catch {
      ix = null; // the text alone is still worth reading
    }
  }
  const v = reader({
    meta: doc, text: doc.text ?? '', boilerplate: doc.boilerplate,
    spans: docId ? annotations(ix, docId) : [], at: null,
    back: [h('a', { href: '#/documents' }, 'Documents'),
      doc.story ? [' / ', h('a', { href: `#/story/${doc.story}` }, 'its story')] : null],
  });
  return { title: doc.title || `Document ${id}`, ...v };
}

// ---- documents ------------------------------------------------------------------

// A search snippet, its matches [in brackets] marked.
function snippet(str) {
  return String(str).split(/\[([^\]]*)\]/).map((part, i) => (i % 2 ? h('mark.hit', null, part) : part));
}

async function documentsView(q) {
  const data = await api(`/api/documents?limit=500${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  const docs = data.documents || [];
  const input = h('input', { id: 'q', type: 'search', name: 'q', value: q, autocomplete: 'off' });
  const form = h('form.search', {
    role: 'search',
    onsubmit: (ev) => {
      ev.preventDefault();
      const v = input.value.trim();
      location.hash = v ? `#/documents?q=${encodeURIComponent(v)}` : '#/documents';
    },
  }, h('label', { for: 'q' }, 'Search the text of every document'), h('div.row', null, input, h('button', { type: 'submit' }, 'Search')));
  const del = (doc, button) => {
    if (button.dataset.armed !== '1') {
      button.dataset.armed = '1';
      button.textContent = `Really delete #${doc.id}?`;
      setTimeout(() => { button.dataset.armed = ''; button.textContent = 'Delete'; }, 5000);
      return;
    }
    api(`/api/documents/${doc.id}`, { method: 'DELETE' })
      .then(() => { changed(); route(); })
      .catch((e) => showAlert(`Could not delete document ${doc.id}: ${e.message}`));
  };
  return {
    title: 'Documents',
    node: h('section.documents-view', null,
      h('h1', null, 'Documents'),
      form,
      docs.length ? null : h('p.empty', null, q ? 'No document contains all these words.' : 'No documents yet.'),
      h('table.doc-table', null,
        h('caption', null, q ? `${plural(docs.length, 'document')} for “${q}”` : `${plural(docs.length, 'document')}`),
        h('thead', null, h('tr', null, ['#', 'Report', 'Outlet', 'Published', 'Story', ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, docs.map((doc) => {
          const button = h('button.secondary.small', { type: 'button', onclick: () => del(doc, button) }, 'Delete');
          return h('tr', null,
            h('td.num', null, String(doc.id)),
            h('td', null, h('a', { href: `#/document/${doc.id}` }, doc.title || baseName(doc.source) || `Document ${doc.id}`),
              doc.snippet ? h('p.snippet', null, snippet(doc.snippet)) : null),
            h('td', null, doc.outlet || '—'),
            h('td', null, doc.published ? formatDate(doc.published) : '—'),
            h('td', null, doc.story ? h('a', { href: `#/story/${doc.story}` }, `story ${doc.story}`) : '—'),
            h('td', null, button));
        })))),
  };
}

// ---- adding reports ----------------------------------------------------------------

// One line in the list of sent reports; returns a function that sets its
// outcome.
function uploadRow(name) {
  const panel = $('#uploads');
  panel.hidden = false;
  const status = h('span.status', null, 'sending…');
  const li = h('li.pending', null, h('span.name', null, name), ' ', status);
  $('#upload-list').append(li);
  return (ok, ...what) => {
    li.classList.remove('pending');
    li.classList.add(ok ? 'ok' : 'failed');
    status.replaceChildren(...append(h('span'), what).childNodes);
  };
}

function describeAdded(res) {
  const docs = res?.documents || [];
  if (!docs.length) return ['nothing to add'];
  const added = docs.filter((x) => x.added);
  const stories = [...new Set(docs.map((x) => x.story).filter((x) => x !== null && x !== undefined))];
  return [
    added.length ? `added ${plural(added.length, 'document')}` : 'already stored',
    ` (#${docs.slice(0, 8).map((x) => x.id).join(', #')}${docs.length > 8 ? ', …' : ''})`,
    stories.length ? [' — ', stories.map((st, i) => [i ? ', ' : '', h('a', { href: `#/story/${st}` }, `open story ${st}`)])] : null,
    docs.filter((x) => x.warning).map((x) => h('span.warning', null, ` (#${x.id}: ${x.warning})`)),
  ];
}

async function sendReport(name, body, type, query = '') {
  const done = uploadRow(name);
  try {
    const res = await api(`/api/documents${query}`, { method: 'POST', headers: { 'Content-Type': type }, body });
    done(true, describeAdded(res));
    return true;
  } catch (e) {
    done(false, e.message);
    return false;
  }
}

let uploading = Promise.resolve();

// Send FILES one after another, each with its content type by extension.
function uploadFiles(files) {
  const list = [...files];
  uploading = uploading.then(async () => {
    for (const f of list) {
      const type = uploadType(f.name, f.type);
      if (!type) {
        uploadRow(f.name)(false, 'not a report this page can send (use .txt, .html or .jsonl)');
        continue;
      }
      if (f.size > MAX_UPLOAD) {
        uploadRow(f.name)(false, `too large (${Math.round(f.size / 1048576)} MiB; at most 32 MiB)`);
        continue;
      }
      const query = type === 'application/json' ? '' : `?source=${encodeURIComponent(f.name)}`;
      await sendReport(f.name, f, type, query);
    }
    changed();
    const r = parseHash();
    if (r && (!r.parts.length || r.parts[0] === 'documents')) route();
  });
  return uploading;
}

function field(id, label, attrs = {}, hint = null) {
  return h('div.field', null,
    h('label', { for: id }, label),
    h('input', { id, name: id.replace(/^paste-/, ''), ...attrs }),
    hint ? h('small', { id: `${id}-hint` }, hint) : null);
}

function addView() {
  const files = h('input', {
    id: 'files', type: 'file', multiple: true,
    accept: '.txt,.text,.md,.html,.htm,.jsonl,.ndjson,.json,text/plain,text/html',
    onchange: () => { uploadFiles(files.files).then(() => { files.value = ''; }); },
  });
  const text = h('textarea', { id: 'paste-text', name: 'text', rows: 12, required: true, spellcheck: 'false' });
  const form = h('form.paste', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      const data = new FormData(form);
      const body = { text: data.get('text') };
      for (const k of ['title', 'outlet', 'published', 'url']) {
        const v = String(data.get(k) || '').trim();
        if (v) body[k] = v;
      }
      body.source = body.url || 'pasted';
      if (!body.text.trim()) return;
      const name = body.title || `${body.text.trim().slice(0, 40)}…`;
      if (await sendReport(name, JSON.stringify(body), 'application/json')) {
        form.reset();
        changed();
      }
    },
  },
  h('div.field', null, h('label', { for: 'paste-text' }, 'Text of the report'), text),
  h('div.fields', null,
    field('paste-title', 'Headline', { type: 'text' }),
    field('paste-outlet', 'Outlet', { type: 'text' }),
    field('paste-published', 'Published', { type: 'text', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', placeholder: 'YYYY-MM-DD', 'aria-describedby': 'paste-published-hint' }, 'a date, or just year and month'),
    field('paste-url', 'Address (URL)', { type: 'url', placeholder: 'https://' })),
  h('div.buttons', null, h('button', { type: 'submit' }, 'Add this report')));
  return {
    title: 'Add reports',
    node: h('section.add-view', null,
      h('h1', null, 'Add reports'),
      h('p.intro', null, 'Drop files anywhere on this page, choose them here, or paste the text of a report. Each report joins the story it belongs to.'),
      h('section.upload', { 'aria-labelledby': 'files-h' },
        h('h2', { id: 'files-h' }, 'Files'),
        h('div.field', null,
          h('label', { for: 'files' }, 'Choose files'),
          files,
          h('small', null, 'Plain text (.txt), web pages (.html) and JSON Lines (.jsonl, one report per line) — several at once.'))),
      h('section.paste-section', { 'aria-labelledby': 'paste-h' },
        h('h2', { id: 'paste-h' }, 'Paste a report'),
        form)),
  };
}

// Dropping files anywhere on the page adds them.
function setupDrop() {
  const overlay = $('#drop');
  let depth = 0;
  const hasFiles = (ev) => [...(ev.dataTransfer?.types || [])].includes('Files');
  document.addEventListener('dragenter', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragover', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    ev.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', (ev) => {
    if (!hasFiles(ev)) return;
    depth = Math.max(0, depth - 1);
    if (!depth) overlay.hidden = true;
  });
  document.addEventListener('drop', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth = 0;
    overlay.hidden = true;
    if (ev.dataTransfer.files.length) uploadFiles(ev.dataTransfer.files);
  });
}

// ---- start --------------------------------------------------------------------------

// the skip link moves focus without changing the route
$('a.skip').addEventListener('click', (ev) => {
  ev.preventDefault();
  $('#main').focus();
});
// print the whole dossier: folded parts open
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details')) d.open = true;
});
$('#uploads-close').addEventListener('click', () => {
  $('#uploads').hidden = true;
  $('#upload-list').replaceChildren();
});
window.addEventListener('hashchange', route);
setupDrop();
showHealth();
route();
