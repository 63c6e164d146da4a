import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { live } from '../live.js';
import { ErrorBox, Empty, when } from '../ui.jsx';

const PAGE_ROWS = 100;
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
const shortWhen = (iso) => (iso ? timeFormat.format(new Date(iso)) : '–');

/**
 * Live signals: REST for what happened before (and after a reconnect: resume), WebSocket for what happens now.
 * Events are merged into one map outside the render and drawn at most once per animation frame, and only the newest
 * rows are in the DOM (more on request): 1,000 signals a minute stay cheap to render (bench/web).
 */
export function Signals() {
  const signals = useRef(new Map());
  const [version, setVersion] = useState(0);
  const [subs, setSubs] = useState(null);
  const [error, setError] = useState(null);
  const [status, setStatus] = useState(live.status);
  const [rows, setRows] = useState(PAGE_ROWS);
  const [detail, setDetail] = useState(null);
  const frame = useRef(0);

  const merge = (items) => {
    const map = signals.current;
    for (const s of items) map.set(s.id, map.has(s.id) ? { ...map.get(s.id), ...s } : s);
    if (!frame.current) frame.current = requestAnimationFrame(() => { frame.current = 0; setVersion((v) => v + 1); });
  };

  const resume = () => api('GET', '/api/signals?limit=100').then((page) => merge(page.items), setError);

  useEffect(() => {
    api('GET', '/api/subscriptions').then((page) => {
      const active = page.items.filter((s) => s.status === 'ACTIVE');
      setSubs(active);
      active.forEach((s) => live.subscribeSignals(s.strategyId));
    }, setError);
    resume();
    const offStatus = live.onStatus(setStatus);
    const off = live.onEvent((event, data) => {
      if (event === 'reconnected') resume();
      if ((event === 'signal_new' || event === 'signal_update' || event === 'signal_closed') && data.signal) merge([data.signal]);
    });
    return () => { off(); offStatus(); cancelAnimationFrame(frame.current); };
  }, []);

  const list = useMemo(() => [...signals.current.values()]
    .sort((a, b) => (a.createdAt === b.createdAt ? 0 : String(a.createdAt) < String(b.createdAt) ? 1 : -1)), [version]);
  const shown = list.slice(0, rows);
  return (
    <section>
      <h1>Live signals</h1>
      <p role="status">Connection: <strong data-testid="signals-connection">{status}</strong>
        {subs && ` · following ${subs.length} strateg${subs.length === 1 ? 'y' : 'ies'}`}</p>
      <ErrorBox error={error} />
      {subs && subs.length === 0 && <Empty>You follow no strategy yet. <a href="#/marketplace">Find one in the marketplace</a> and subscribe: its signals appear here the moment they fire.</Empty>}
      {list.length === 0 ? <Empty>No signals yet. New ones appear here without reloading.</Empty> : (
        <div class="scroll"><table data-testid="signals-table" data-total={list.length}>
          <caption>Signals from the strategies you follow, newest first{list.length > shown.length ? ` (the newest ${shown.length} of ${list.length})` : ''}</caption>
          <thead><tr><th scope="col">Time</th><th scope="col">Pair</th><th scope="col">Side</th><th scope="col">Entry</th><th scope="col">Stop</th><th scope="col">Take profit</th><th scope="col">Status</th><th scope="col">Result</th><th scope="col"><span class="sr-only">Details</span></th></tr></thead>
          <tbody>{shown.map((s) => (
            <tr key={s.id} data-signal-id={s.id}><td>{shortWhen(s.createdAt)}</td><td>{s.pair}</td><td class={s.side === 'BUY' ? 'up' : 'down'}>{s.side}</td><td>{s.entryPrice}</td><td>{s.stopLoss ?? '–'}</td><td>{s.takeProfit ?? '–'}</td><td>{s.status}</td><td>{s.resultPercent == null ? '–' : `${Number(s.resultPercent).toFixed(2)}%`}</td><td><button type="button" class="link" onClick={() => setDetail(s.id)}>Details<span class="sr-only"> of {s.pair} {s.side}</span></button></td></tr>
          ))}</tbody>
        </table></div>
      )}
      {detail && <SignalDetail id={detail} key={detail} onClose={() => setDetail(null)} />}
      {list.length > shown.length && <button type="button" onClick={() => setRows(rows + PAGE_ROWS)}>Show {Math.min(PAGE_ROWS, list.length - shown.length)} older signals</button>}
    </section>
  );
}

/** GET /api/signals/{id}: every field of one signal, as its owner or a live subscriber may see it. */
function SignalDetail({ id, onClose }) {
  const [signal, setSignal] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => { api('GET', `/api/signals/${encodeURIComponent(id)}`).then(setSignal, setError); }, [id]);
  const rows = signal ? [['Strategy', signal.strategyId], ['Type', signal.type], ['Pair', `${signal.pair}${signal.exchange ? ` on ${signal.exchange}` : ''}`],
    ['Timeframe', signal.timeframe], ['Side', signal.side], ['Entry', signal.entryPrice], ['Stop-loss', signal.stopLoss],
    ['Take-profit', (signal.takeProfits && signal.takeProfits.length) ? signal.takeProfits.map((t) => `${t.price} (${t.percent}%)`).join(', ') : signal.takeProfit],
    ['Leverage', signal.leverage], ['Risk/reward', signal.riskRewardRatio], ['Status', signal.status], ['Exit', signal.exitPrice],
    ['Result', signal.resultPercent == null ? null : `${Number(signal.resultPercent).toFixed(2)}%`], ['Source', signal.source],
    ['Indicators', signal.indicators && Object.keys(signal.indicators).length ? JSON.stringify(signal.indicators) : null],
    ['Posted', when(signal.createdAt)], ['Closed', signal.closedAt ? when(signal.closedAt) : null]] : [];
  return (
    <div class="card" data-testid="signal-detail" role="region" aria-label="Signal details">
      <h2>Signal details <button type="button" class="link" onClick={onClose}>Close</button></h2>
      <ErrorBox error={error} />
      {!signal && !error && <p role="status" class="muted">Loading the signal…</p>}
      {signal && <dl class="kv">{rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => <><dt>{k}</dt><dd>{String(v)}</dd></>)}</dl>}
    </div>
  );
}
