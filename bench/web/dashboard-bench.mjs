// Dashboard benchmark (issue 19): first contentful paint, JavaScript size, and 1,000 signals a minute rendered by
// the Live signals page without long tasks. Against a running platform:
//   BASE_URL=http://localhost:3000 node bench/web/dashboard-bench.mjs [--runs 7] [--seconds 60]
// Needs web/node_modules (mvn package runs npm ci there) and Debian's /usr/bin/chromium.
// Baselines, measured side by side in the same browser: first paint of the same HTML and CSS with JavaScript off
// (the <noscript> text: the floor for any page this server sends), and the same signed-in page left idle for as long
// as the signals stream (the long tasks the machine itself causes).
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const BASE = process.env.BASE_URL || 'http://localhost:3000';
const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const RUNS = arg('runs', 7);
const SECONDS = arg('seconds', 60);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
const load = [loadavg()[0]];

/** First contentful paint of a cold page (new context: empty cache), in ms. */
async function fcp(javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/#/marketplace`, { waitUntil: 'load' });
  let value = null;
  for (let i = 0; i < 50 && value === null; i++) {
    // with JavaScript off, page.evaluate still runs (it is the driver's, not the page's)
    value = await page.evaluate(() => { const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : null; });
    if (value === null) await page.waitForTimeout(100);
  }
  await context.close();
  return value;
}

const paint = { app: [], noJs: [] };
for (let i = 0; i < RUNS; i++) {
  // interleaved, so a busy moment of the machine hits both
  paint.noJs.push(await fcp(false));
  paint.app.push(await fcp(true));
}

const sizes = {};
for (const asset of ['assets/app.js', 'assets/app.css', 'index.html']) {
  const body = Buffer.from(await (await fetch(`${BASE}/${asset}`)).arrayBuffer());
  sizes[asset] = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

/** The Live signals page of a signed-in user, its WebSocket answered by this script (page.routeWebSocket). */
async function signalsPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  let socket = null;
  await page.routeWebSocket(/.*/, (ws) => {
    socket = ws;
    ws.onMessage((message) => {
      const m = JSON.parse(String(message));
      if (m.action === 'ping') ws.send(JSON.stringify({ event: 'pong', data: {}, ts: new Date().toISOString() }));
      else ws.send(JSON.stringify({ event: 'subscribed', data: { action: m.action, strategyId: m.strategyId }, ts: new Date().toISOString() }));
    });
  });
  const run = Date.now().toString(36);
  await page.goto(`${BASE}/#/register`);
  await page.getByLabel('Name').fill('Bench');
  await page.getByLabel('Email').fill(`bench-${run}@example.com`);
  await page.getByLabel('Password').fill('Bench-browser-pass-9');
  await page.getByLabel('I want to').selectOption('USER');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByTestId('who').waitFor();
  await page.getByRole('link', { name: 'Live signals' }).click();
  await page.getByTestId('signals-connection').filter({ hasText: 'live' }).waitFor();
  return { page, context, send: (m) => socket.send(JSON.stringify(m)) };
}

/** Pushes `count` signal_new events evenly over `seconds` (0 = idle for that long); long tasks meanwhile. */
async function stream(count, seconds) {
  const { page, context, send } = await signalsPage();
  // The connection shows "live" a moment before the page's event handler is attached (an effect after the first
  // paint): one warm-up signal, resent until it is listed, so that none of the measured ones is sent too early.
  const total = () => page.evaluate(() => Number((document.querySelector('[data-testid="signals-table"]') || { dataset: {} }).dataset.total || 0));
  for (let attempt = 0; (await total()) < 1; attempt++) {
    if (attempt === 100) throw new Error('the Live signals page never listed the warm-up signal');
    send({ event: 'signal_new', ts: new Date().toISOString(), data: { eventId: `warmup-${attempt}`, signal: { id: 'warmup', strategyId: 'bench',
      pair: 'ETH/USDT', side: 'BUY', entryPrice: 3000, stopLoss: 2900, takeProfit: 3200, status: 'ACTIVE', createdAt: '2000-01-01T00:00:00Z' } } });
    await page.waitForTimeout(100);
  }
  await page.evaluate(() => { window.__longTasks.length = 0; });
  const started = Date.now();
  const gap = count ? (seconds * 1000) / count : 0;
  for (let i = 0; i < count; i++) {
    const at = started + i * gap;
    const wait = at - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const createdAt = new Date().toISOString();
    send({ event: 'signal_new', ts: createdAt, data: { eventId: `bench-${i}`, signal: { id: `sig-${i}`, strategyId: 'bench', pair: 'BTC/USDT',
      side: i % 2 ? 'SELL' : 'BUY', entryPrice: 64000 + i, stopLoss: 63000, takeProfit: 66000, status: 'ACTIVE', createdAt } } });
  }
  if (!count) await page.waitForTimeout(seconds * 1000);
  // the page keeps every signal and draws the newest rows: data-total counts them all
  if (process.env.DEBUG_BENCH) console.error('total', await page.evaluate(() => { const t = document.querySelector('[data-testid="signals-table"]'); return t ? t.dataset.total + ' rows ' + t.querySelectorAll('tbody tr').length : document.querySelector('main, #app').textContent.slice(0, 300); }));
  // + 1: the warm-up signal
  if (count) await page.waitForFunction((n) => Number((document.querySelector('[data-testid="signals-table"]') || { dataset: {} }).dataset.total) >= n, count + 1, { timeout: 120000 });
  const lag = Date.now() - started - (count ? (count - 1) * gap : seconds * 1000);
  const rows = (await total()) - 1;
  const tasks = await page.evaluate(() => window.__longTasks.slice());
  await context.close();
  return { count, seconds, rows, lagMs: lag, longTasks: tasks.length, over50: tasks.filter((d) => d > 50).length,
    maxMs: tasks.length ? Math.max(...tasks) : 0, totalMs: tasks.reduce((a, b) => a + b, 0) };
}

const idle = await stream(0, SECONDS);
load.push(loadavg()[0]);
const steady = await stream(1000, SECONDS);
load.push(loadavg()[0]);
const burst = await stream(1000, 10);
load.push(loadavg()[0]);
await browser.close();

const r = (x) => Math.round(x);
const out = [];
out.push(`Dashboard benchmark, ${new Date().toISOString()}, ${cpus().length} cores, load average ${load.map((l) => l.toFixed(1)).join(' → ')}, ${BASE}`);
out.push('');
out.push('| measure | dashboard | baseline | ratio | target |');
out.push('|---|---|---|---|---|');
out.push(`| first contentful paint, median of ${RUNS} cold loads (ms) | ${r(median(paint.app))} (${paint.app.map(r).join(', ')}) | ${r(median(paint.noJs))} same HTML+CSS, JavaScript off (${paint.noJs.map(r).join(', ')}) | ${(median(paint.app) / median(paint.noJs)).toFixed(2)}x | < 1,000 ms: ${median(paint.app) < 1000 ? 'met' : 'missed'} |`);
out.push(`| JavaScript, gzip -9 (KB) | ${(sizes['assets/app.js'].gzip / 1024).toFixed(1)} (raw ${(sizes['assets/app.js'].raw / 1024).toFixed(1)}) | CSS ${(sizes['assets/app.css'].gzip / 1024).toFixed(1)}, HTML ${(sizes['index.html'].gzip / 1024).toFixed(1)} | – | < 250 KB: ${sizes['assets/app.js'].gzip < 250 * 1024 ? 'met' : 'missed'} |`);
for (const [name, s] of [[`1,000 signals over ${SECONDS} s`, steady], ['1,000 signals over 10 s (6x the rate)', burst]]) {
  out.push(`| ${name}: long tasks > 50 ms (count / longest ms / total ms) | ${s.over50} / ${r(s.maxMs)} / ${r(s.totalMs)}, ${s.rows} signals listed, the last ${r(s.lagMs)} ms after the last event | idle page ${SECONDS} s: ${idle.over50} / ${r(idle.maxMs)} / ${r(idle.totalMs)} | – | none over 50 ms: ${s.over50 === 0 ? 'met' : 'missed'} |`);
}
console.log(out.join('\n'));
