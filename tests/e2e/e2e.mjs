// e2e.mjs: the page of `crosscheck serve` in headless Chromium, end to end.
//
//     CROSSCHECK=build/crosscheck node tests/e2e/e2e.mjs
//
// Starts the server on a fresh database and a free port, adds the five seed
// reports through the page (the file input), a hostile report by pasting
// and one more by dropping it on the page, opens the story and reads the
// dossier: conflicts first (the Vardanyan sentence), people, quotations,
// the timeline, each report with its annotations at the right bytes, and
// the hostile report shown as text.  No console error, no CSP violation, no
// dialog, no request leaving the server.  Screenshots (the top of the
// dossier, the Vardanyan conflict, a report) go to $E2E_OUT (default
// build/e2e).  Prints each failure, then "N passed, N failed"
// (", N skipped"); exits 1 on a failure.
//
// Environment: CROSSCHECK (the binary, required), CHROMIUM (default
// /usr/bin/chromium), E2E_OUT, E2E_TIMEOUT (seconds for the whole test,
// default 150), XC_SANITIZED=1 (the binary is a sanitizer build: its
// reports on stderr fail the test).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.CROSSCHECK;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT = resolve(process.env.E2E_OUT || join(ROOT, 'build/e2e'));
const SEEDS = join(ROOT, 'examples/karabakh-detainees');
const WAIT = 20000; // ms for one thing to appear (sanitizer builds are slow)

let passed = 0;
let failed = 0;
let skipped = 0;
function ok(what, cond, detail = '') {
  if (cond) passed++;
  else { failed++; console.log(`FAIL: ${what}${detail ? `\n    ${detail}` : ''}`); }
  return cond;
}
function skip(what) { skipped++; console.log(`SKIP: ${what}`); }
function summary() {
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

if (!BIN) {
  console.log('FAIL: set CROSSCHECK to the crosscheck binary');
  failed++;
  summary();
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-e2e-'));
let server = null;
let serverLog = '';
let browser = null;
const consoleErrors = [];
const pageErrors = [];

async function cleanup() {
  await browser?.close().catch(() => {});
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
}

const limit = setTimeout(async () => {
  console.log(`FAIL: the test took longer than ${process.env.E2E_TIMEOUT || 150} s`);
  failed++;
  await cleanup();
  summary();
  process.exit(1);
}, 1000 * Number(process.env.E2E_TIMEOUT || 150));

// Start `crosscheck serve` on port 0; resolves with the address it prints.
function startServer(db = 'e2e.db', extra = []) {
  serverLog = '';
  return new Promise((res, rej) => {
    server = spawn(BIN, ['serve', '--db', join(tmp, db), '--listen', '127.0.0.1:0', ...extra],
      { stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
    const timer = setTimeout(() => rej(new Error(`no "serving on" line within ${WAIT} ms:\n${serverLog}`)), WAIT);
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', (chunk) => {
      serverLog += chunk;
      const m = /serving on (http:\/\/[^\s/]+)\/?/.exec(serverLog);
      if (m) { clearTimeout(timer); res(m[1]); }
    });
    server.on('error', (e) => { clearTimeout(timer); rej(e); });
    server.on('exit', (code, sig) => { clearTimeout(timer); rej(new Error(`the server exited (${code ?? sig}):\n${serverLog}`)); });
  });
}

function stopServer() {
  return new Promise((res) => {
    if (server.exitCode !== null || server.signalCode !== null) { res({ code: server.exitCode, signal: server.signalCode }); return; }
    const t = setTimeout(() => server.kill('SIGKILL'), 15000);
    server.once('exit', (code, signal) => { clearTimeout(t); res({ code, signal }); });
    server.kill('SIGTERM');
  });
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const base = await startServer();
  const origins = new Set([new URL(base).origin]); // the servers of this test

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  const dialogs = [];
  const outside = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  // the page must load nothing from outside the server
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (origins.has(new URL(url).origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });

  // ---- the page loads, with its Content-Security-Policy ----
  const res = await page.goto(`${base}/`);
  ok('GET / answers 200', res.status() === 200, `status ${res.status()}`);
  const csp = res.headers()['content-security-policy'] || '';
  ok('the page is sent with a CSP that forbids inline script', /script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), csp);
  await page.waitForSelector('main h1', { timeout: WAIT });
  ok('the empty corpus shows the stories view', (await page.textContent('main h1')).trim() === 'Stories');
  await page.keyboard.press('Tab');
  ok('the first Tab reaches the skip link', await page.evaluate(() => document.activeElement?.classList.contains('skip')));
  await page.keyboard.press('Enter');
  ok('the skip link moves focus to the content', await page.evaluate(() => document.activeElement?.id === 'main'));

  // ---- add the seeds through the file input ----
  await page.click('nav a[href="#/add"]');
  await page.waitForSelector('#files', { timeout: WAIT });
  const unlabelled = await page.$$eval('main input, main textarea, main select, dialog input',
    (els) => els.filter((el) => !el.labels?.length && !el.getAttribute('aria-label')).map((el) => el.id || el.name || el.type));
  ok('every field has a label', unlabelled.length === 0, unlabelled.join(' '));
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SEEDS, f));
  ok('five seed reports', seeds.length === 5, `${seeds.length}`);
  await page.setInputFiles('#files', seeds);
  const settled = (n) => page.waitForFunction((k) => document.querySelectorAll('#upload-list li:not(.pending)').length >= k, n, { timeout: WAIT * 2 });
  await settled(seeds.length);
  const results = await page.$$eval('#upload-list li', (lis) => lis.map((li) => ({ ok: li.classList.contains('ok'), text: li.textContent })));
  ok('every seed is added through the page', results.length === 5 && results.every((r) => r.ok && /added/.test(r.text)),
    JSON.stringify(results));

  // ---- a hostile report, pasted ----
  const hostileTitle = 'Hostile <b>bold</b> <img src=x onerror=alert(3)>';
  const hostileText = 'Press release about nothing at all.\n\n<script>alert(1)</script> and <img src=x onerror=alert(2)> are words here, not markup.\n';
  await page.fill('#paste-text', hostileText);
  await page.fill('#paste-title', hostileTitle);
  await page.fill('#paste-outlet', 'Test <i>Wire</i>');
  await page.click('form.paste button[type="submit"]');
  await settled(6);
  const pasted = await page.textContent('#upload-list li:nth-child(6)');
  ok('a pasted report is added', /added/.test(pasted), pasted);

  // ---- one more, dropped on the page ----
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['Dropped note\n\nThe harbour of Tallinn reopened on Monday after the storm.\n'], 'dropped.txt', { type: 'text/plain' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  });
  await settled(7);
  const dropped = await page.textContent('#upload-list li:nth-child(7)');
  ok('a file dropped on the page is added', /dropped\.txt/.test(dropped) && /added/.test(dropped), dropped);

  // ---- the story list, and its search ----
  await page.click('nav a[href="#/"]');
  await page.waitForSelector('ol.stories li.story', { timeout: WAIT });
  const stories = await page.$$eval('li.story', (lis) => lis.map((li) => ({
    href: li.querySelector('h2 a').getAttribute('href'),
    title: li.querySelector('h2').textContent,
    reports: Number((/(\d+) reports?/.exec(li.textContent) || [])[1] || 0),
  })));
  const seedStory = stories.slice().sort((a, b) => b.reports - a.reports)[0];
  ok('the seeds are one story', seedStory && seedStory.reports >= 5, JSON.stringify(stories));
  await page.fill('#q', 'Vardanyan');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => location.hash.includes('q=Vardanyan') && document.querySelector('main[aria-busy]') === null, null, { timeout: WAIT });
  const found = await page.$$eval('li.story h2 a', (as) => as.map((a) => a.getAttribute('href')));
  ok('searching the stories for Vardanyan finds the seeds story', found.includes(seedStory.href), JSON.stringify(found));
  await page.goto(`${base}/#/`);
  await page.waitForSelector('ol.stories li.story', { timeout: WAIT });

  // ---- the dossier ----
  await page.click(`li.story h2 a[href="${seedStory.href}"]`);
  await page.waitForSelector('article.dossier', { timeout: WAIT * 2 });
  const storyId = seedStory.href.replace('#/story/', '');
  const dossier = await (await fetch(`${base}/api/stories/${storyId}`)).json();
  const order = await page.$$eval('article.dossier > section', (ss) => ss.map((s) => s.id));
  ok('conflicts come first', order[0] === 'facts-conflicting' && order.indexOf('facts-agreed') > 0, order.join(' '));

  const vardanyan = (dossier.facts || []).filter((f) => f.status === 'conflicting' &&
    (f.claims || []).some((c) => /Vardanyan/.test(c.text)));
  if (!(dossier.facts || []).length) {
    skip('the Vardanyan conflict: this build\'s dossier has no facts yet (the reconcile stage)');
  } else if (ok('the dossier has a conflicting fact about Vardanyan', vardanyan.length > 0,
    JSON.stringify((dossier.facts || []).map((f) => [f.status, f.topic])))) {
    const card = page.locator(`#fact-${vardanyan[0].id}`);
    ok('the Vardanyan conflict is shown among the conflicts',
      await page.locator(`#facts-conflicting #fact-${vardanyan[0].id}.conflicting`).count() === 1);
    const text = await card.textContent();
    ok('the conflict names Vardanyan', /Vardanyan/.test(text), text);
    const claims = await card.locator('figure.claim').count();
    ok('its claims stand side by side', claims >= 2, `${claims} claims`);
    const outlets = await card.locator('figure.claim .outlet').allTextContents();
    ok('each claim names its outlet', outlets.length === claims && new Set(outlets).size >= 2, JSON.stringify(outlets));
    ok('the words that differ are marked', await card.locator('mark.diff, strong.diff').count() > 0);
    const cols = await card.locator('.claims').evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
    ok('side by side in columns on a wide screen', cols >= 2, `${cols} columns`);
  }
  const conflictsShown = await page.locator('#facts-conflicting article.fact').count();
  const conflictsGiven = (dossier.facts || []).filter((f) => f.status === 'conflicting').length;
  ok('every conflict of the dossier is shown', conflictsShown === conflictsGiven, `${conflictsShown} of ${conflictsGiven}`);

  const people = await page.locator('#entities li.entity').allTextContents();
  ok('people are listed, Aliyev among them', people.some((t) => /Aliyev/.test(t)), `${people.length} entities`);
  ok('aliases are shown', await page.locator('#entities .aliases').count() > 0);
  const titled = (dossier.entities || []).filter((e) => (e.references || []).length).length;
  const titledShown = await page.locator('#entities .aliases', { hasText: 'Referred to as' }).count();
  ok('titles that stand for a person are shown', titled > 0 && titledShown > 0, `${titledShown} shown, ${titled} in the dossier`);
  const groups = await page.locator('#quotes article.quote-group').count();
  ok('quotation groups are shown with their wordings',
    groups === (dossier.quote_groups || []).length && (groups === 0 || await page.locator('#quotes figure.wording').count() >= 2 * groups),
    `${groups} groups`);
  const marks = await page.locator('#timeline svg circle.tl-mark').count();
  ok('the timeline is drawn as SVG', marks > 0, `${marks} marks`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, 'dossier.png') });
  if (vardanyan.length) {
    await page.locator(`#fact-${vardanyan[0].id}`).screenshot({ path: join(OUT, 'conflict.png') });
  }

  // ---- each report, annotated at the right bytes ----
  const docIds = (dossier.documents || []).map((d) => d.id);
  let misplaced = [];
  let furniture = 0;
  let annotated = 0;
  for (const id of docIds) {
    await page.goto(`${base}/#/story/${storyId}/doc/${id}`);
    await page.waitForSelector('article.reader .text, article.reader .empty', { timeout: WAIT });
    const mentions = (dossier.entities || []).flatMap((e) => [...(e.mentions || []), ...(e.references || [])]
      .filter((m) => m.doc === id).map((m) => m.text));
    const got = await page.$$eval('article.reader mark.person, article.reader mark.organization, article.reader mark.place',
      (ms) => ms.map((m) => m.textContent));
    annotated += got.length;
    misplaced = misplaced.concat(got.filter((t) => !mentions.some((m) => m.includes(t))).map((t) => `${id}: ${t}`));
    furniture += await page.locator('article.reader .furniture').count();
    const doc = dossier.documents.find((d) => d.id === id);
    const shown = await page.$eval('article.reader .text', (el) => [...el.querySelectorAll('p')].map((p) => p.textContent).join('')).catch(() => '');
    ok(`report ${id}: all its words are shown`, shown.replace(/\s+/g, '') === (doc.text || '').replace(/\s+/g, ''));
  }
  ok('names are marked in the reports', annotated > 0);
  ok('marks fall on the names (UTF-8 byte offsets)', misplaced.length === 0, misplaced.slice(0, 5).join(' | '));
  ok('page furniture is greyed out', furniture > 0);
  await page.goto(`${base}/#/story/${storyId}/doc/${docIds[1]}`);
  await page.waitForSelector('article.reader .text', { timeout: WAIT });
  await page.screenshot({ path: join(OUT, 'reader.png'), fullPage: false });

  // a link from a claim shows its sentence in context
  if (vardanyan.length) {
    const c = vardanyan[0].claims[0];
    await page.goto(`${base}/#/story/${storyId}/doc/${c.doc}?at=${c.start}-${c.end}`);
    await page.waitForSelector('#target', { timeout: WAIT });
    const t = await page.$$eval('mark.target', (ms) => ms.map((m) => m.textContent).join(''));
    ok('a claim in context: the marked words are the claim\'s sentence', t.replace(/\s+/g, ' ') === c.text.replace(/\s+/g, ' '), t);
  }

  // ---- the hostile report is text ----
  await page.goto(`${base}/#/documents`);
  await page.waitForSelector('table.doc-table tbody tr', { timeout: WAIT });
  const link = page.locator('table.doc-table a', { hasText: 'Hostile' });
  ok('the hostile report is listed with its title as text', await link.count() === 1 && (await link.textContent()) === hostileTitle);
  await link.click();
  await page.waitForSelector('article.reader .text', { timeout: WAIT });
  const readerText = await page.textContent('article.reader .text');
  ok('its <script> is shown as words', readerText.includes('<script>alert(1)</script>'), readerText);
  ok('its title is shown as words', (await page.textContent('article.reader h1')) === hostileTitle);
  ok('nothing from it became an element', await page.locator('main script, main img, main b, main i').count() === 0);
  await page.waitForTimeout(300);

  // ---- deleting a report from the list ----
  await page.goto(`${base}/#/documents`);
  await page.waitForSelector('table.doc-table tbody tr', { timeout: WAIT });
  const rows = await page.locator('table.doc-table tbody tr').count();
  const row = page.locator('table.doc-table tbody tr', { hasText: /Dropped note|dropped\.txt/ });
  ok('the dropped report is listed', await row.count() === 1);
  const droppedId = Number(await row.locator('td.num').textContent());
  await row.locator('button').click();
  ok('deleting asks once more', /Really delete/.test(await row.locator('button').textContent()));
  await row.locator('button').click();
  await page.waitForFunction((n) => document.querySelectorAll('table.doc-table tbody tr').length === n - 1, rows, { timeout: WAIT });
  const left = await (await fetch(`${base}/api/documents`)).json();
  ok('the report is deleted', left.documents.length === rows - 1 && !left.documents.some((d) => d.id === droppedId));

  // ---- nothing went wrong on the way ----
  const violations = await page.evaluate(() => window.__csp || []);
  ok('no dialog opened', dialogs.length === 0, dialogs.join(' | '));
  ok('no console error', consoleErrors.length === 0, consoleErrors.join(' | '));
  ok('no script error', pageErrors.length === 0, pageErrors.join(' | '));
  ok('no CSP violation', violations.length === 0, violations.join(' | '));
  ok('nothing loaded from outside the server', outside.length === 0, outside.join(' | '));

  const exit = await stopServer();
  ok('the server stops cleanly on SIGTERM', exit.code === 0, `exit ${exit.code ?? exit.signal}\n${serverLog.slice(-2000)}`);
  ok('the server reported no memory or undefined-behaviour error',
    !/AddressSanitizer|LeakSanitizer|runtime error:/.test(serverLog), serverLog.slice(-3000));

  // ---- a server with a token: the page asks for it, once ----
  const base2 = await startServer('token.db', ['--token', 'e2e-secret-token']);
  origins.add(new URL(base2).origin);
  const tab = await context.newPage();
  tab.on('console', (m) => { if (m.type() === 'error' && !/401/.test(m.text())) consoleErrors.push(m.text()); });
  tab.on('pageerror', (e) => pageErrors.push(String(e)));
  tab.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  await tab.goto(`${base2}/`);
  await tab.waitForSelector('#token-dialog[open]', { timeout: WAIT });
  ok('with a token set, the page asks for it', await tab.locator('#token-wrong').isHidden());
  await tab.fill('#token-input', 'not-the-token');
  await tab.click('#token-form button[type="submit"]');
  await tab.waitForSelector('#token-dialog[open] #token-wrong:not([hidden])', { timeout: WAIT });
  ok('a wrong token is refused and asked again', true);
  await tab.fill('#token-input', 'e2e-secret-token');
  await tab.click('#token-form button[type="submit"]');
  await tab.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Stories', null, { timeout: WAIT });
  ok('the right token opens the page', await tab.locator('#token-dialog[open]').count() === 0);
  ok('the token is kept for the tab', await tab.evaluate(() => sessionStorage.getItem('crosscheck.token')) === 'e2e-secret-token');
  ok('dialogs and errors: none with the token either', dialogs.length === 0 && pageErrors.length === 0,
    [...dialogs, ...pageErrors].join(' | '));
  await tab.close();
  const exit2 = await stopServer();
  ok('the token server stops cleanly', exit2.code === 0 && !/AddressSanitizer|LeakSanitizer|runtime error:/.test(serverLog),
    `exit ${exit2.code ?? exit2.signal}\n${serverLog.slice(-2000)}`);

  console.log(`screenshots: ${OUT}/{dossier,${vardanyan.length ? 'conflict,' : ''}reader}.png`);
}

try {
  await main();
} catch (e) {
  failed++;
  console.log(`FAIL: ${e.stack || e}`);
  for (const e of [...pageErrors, ...consoleErrors]) console.log(`    page: ${e}`);
  if (serverLog) console.log(`    server stderr:\n${serverLog.slice(-2000).replace(/^/gm, '    ')}`);
}
clearTimeout(limit);
await cleanup();
summary();
process.exit(failed ? 1 : 0);
