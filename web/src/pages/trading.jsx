import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { live } from '../live.js';
import { useApi, Async, Empty, ErrorBox, Field, useAction, num, when } from '../ui.jsx';
import { RunResult } from './backtest.jsx';

const PAIRS = ['BTC/USDT', 'ETH/USDT'];

/** GET /api/positions and position_update carry {position, markPrice, markedAt, unrealisedPnlCents}: one flat row. */
function flat(view) {
  return view && view.position ? { ...view.position, markPrice: view.markPrice, markedAt: view.markedAt, unrealisedPnlCents: view.unrealisedPnlCents } : view;
}

const cents = (c) => (c === null || c === undefined ? '–' : (c / 100).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

/** Paper sessions (replays over stored candles), positions with live PnL (position_update) and a price ticker (price_update). */
export function Trading() {
  const sessions = useApi('/api/trading/sessions');
  const positions = useApi('/api/positions');
  const [prices, setPrices] = useState({});
  const [updates, setUpdates] = useState({});
  const [shown, setShown] = useState(null);
  useEffect(() => {
    live.send({ action: 'subscribe_prices', pairs: PAIRS });
    live.send({ action: 'subscribe_positions' });
    return live.onEvent((event, data) => {
      if (event === 'price_update' && data.pair) setPrices((p) => ({ ...p, [data.pair]: data }));
      if (event === 'position_update') { const p = flat(data); if (p && p.id) setUpdates((u) => ({ ...u, [p.id]: p })); }
      if (event === 'reconnected') { live.send({ action: 'subscribe_prices', pairs: PAIRS }); live.send({ action: 'subscribe_positions' }); }
    });
  }, []);
  return (
    <section>
      <h1>Trading</h1>
      <div class="ticker" aria-label="Prices" role="status">
        {PAIRS.map((p) => <span class="tick">{p}: <strong>{prices[p] ? num(prices[p].price ?? prices[p].last, 2) : '…'}</strong></span>)}
        <span class="muted"> (prices stream while you hold a live position on the pair)</span>
      </div>
      <h2>Paper trading sessions</h2>
      <p class="muted">A paper session replays a strategy over stored candles with fees and slippage, trade for trade like the exchange would fill it; no money is at risk.</p>
      <Async state={sessions} what="Paper trading">
        {(page) => (
          <>
            <PaperStart onStarted={(id) => { sessions.reload(); setShown(id); }} />
            {page.items.length === 0 ? <Empty>No paper session yet: start one above to try a strategy without money at risk.</Empty> : (
              <div class="scroll"><table data-testid="paper-sessions">
                <caption>Sessions</caption>
                <thead><tr><th scope="col">Strategy</th><th scope="col">Symbol</th><th scope="col">Mode</th><th scope="col">Window</th><th scope="col">Capital</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
                <tbody>{page.items.map((s) => (
                  <tr><td>{s.strategy || 'rules'}</td><td>{s.symbol} {s.timeframe}</td><td>{s.mode}</td><td>{s.replay ? `${when(s.replay.from)} – ${when(s.replay.to)}` : when(s.createdAt)}</td><td>{num(s.initialCapital, 0)}</td><td>{s.status}</td>
                    <td><button type="button" onClick={() => setShown(s.id)} aria-pressed={shown === s.id}>Results</button>{s.status === 'RUNNING' && <StopButton id={s.id} onDone={sessions.reload} />}</td></tr>
                ))}</tbody>
              </table></div>
            )}
            {shown && <SessionResult id={shown} key={shown} />}
          </>
        )}
      </Async>
      <h2>Auto-trade</h2>
      <AutoTrade />
      <h2>Positions</h2>
      <Async state={positions} what="Positions">
        {(page) => (page.items.length === 0 ? <Empty>No positions. They appear when you turn on auto-trade for a subscription (Subscriptions, in a strategy's page) and its strategy signals.</Empty> : (
          <div class="scroll"><table data-testid="positions">
            <caption>Positions (PnL updates live)</caption>
            <thead><tr><th scope="col">Pair</th><th scope="col">Mode</th><th scope="col">Side</th><th scope="col">Size</th><th scope="col">Entry</th><th scope="col">Mark</th><th scope="col">Unrealised PnL</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>{page.items.map(flat).map((p0) => { const p = { ...p0, ...(updates[p0.id] || {}) }; const pnl = p.status === 'CLOSED' ? p.realisedPnlCents : p.unrealisedPnlCents; return (
              <tr><td>{p.pair}</td><td>{p.mode}</td><td>{p.side}</td><td>{p.quantity}</td><td>{p.entryPrice}</td><td>{p.markPrice ?? '–'}</td><td class={(pnl || 0) >= 0 ? 'up' : 'down'}>{cents(pnl)}{p.status === 'CLOSED' ? ' (realised)' : ''}</td><td>{p.status}</td>
                <td>{p.status === 'OPEN' && <><MarkButton id={p.id} onMarked={(view) => setUpdates((u) => ({ ...u, [p.id]: flat(view) }))} /> <CloseButton id={p.id} onDone={positions.reload} /></>}</td></tr>
            ); })}</tbody>
          </table></div>
        ))}
      </Async>
    </section>
  );
}

/** GET /api/positions/{id}: the position marked to market now (between live updates). */
function MarkButton({ id, onMarked }) {
  const action = useAction();
  return (
    <>
      <button type="button" disabled={action.busy} onClick={() => action.run(async () => onMarked(await api('GET', `/api/positions/${encodeURIComponent(id)}`)))}>Mark now</button>
      <ErrorBox error={action.error} />
    </>
  );
}

/** A session's results: the same view as a backtest (metrics, candles with trades, equity), labelled a replay. */
function SessionResult({ id }) {
  const session = useApi(`/api/trading/sessions/${encodeURIComponent(id)}`);
  return (
    <article class="card" data-testid="paper-session">
      <Async state={session} what="The session">
        {(s) => (
          <>
            <h3>{s.mode === 'REPLAY' ? 'Replay' : 'Session'}: {s.strategy || 'rules'} on {s.symbol} {s.timeframe} ({s.exchange})</h3>
            {s.result ? <RunResult result={s.result} /> : <Empty>No results yet.</Empty>}
          </>
        )}
      </Async>
    </article>
  );
}

function PaperStart({ onStarted }) {
  const datasets = useApi('/api/market-data/datasets');
  const [form, setForm] = useState({ strategy: 'EMA_CROSS', dataset: '', timeframe: '15m', initialCapital: '10000', feeBps: '10', slippageBps: '5', from: '', to: '' });
  const action = useAction();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const items = (datasets.data && datasets.data.items) || [];
  const chosen = items.find((d) => `${d.exchange}|${d.symbol}` === form.dataset) || items[0];
  const day = (iso) => (iso ? iso.slice(0, 10) : '');
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      if (!chosen) throw new Error('No market data is loaded yet: an admin imports it first.');
      const started = await api('POST', '/api/trading/paper/start', { strategy: form.strategy, exchange: chosen.exchange, symbol: chosen.symbol,
        timeframe: form.timeframe, initialCapital: Number(form.initialCapital), feeBps: Number(form.feeBps), slippageBps: Number(form.slippageBps),
        replay: { from: form.from || chosen.from, to: form.to || chosen.to, speed: 0 } });
      onStarted(started.id);
    });
  };
  return (
    <form class="card inline" onSubmit={submit} aria-label="Start a paper session">
      <Field label="Strategy"><select value={form.strategy} onChange={set('strategy')}>{['RSI_MACD', 'EMA_CROSS', 'BOLLINGER_REVERSION', 'DONCHIAN_BREAKOUT'].map((s) => <option>{s}</option>)}</select></Field>
      <Field label="Market data"><select value={chosen ? `${chosen.exchange}|${chosen.symbol}` : ''} onChange={set('dataset')}>{items.map((d) => <option value={`${d.exchange}|${d.symbol}`}>{d.symbol} ({d.exchange}, {d.timeframe})</option>)}</select></Field>
      <Field label="Timeframe"><select value={form.timeframe} onChange={set('timeframe')}>{['1m', '5m', '15m', '30m', '1h', '4h', '1d'].map((t) => <option>{t}</option>)}</select></Field>
      <Field label="Replay from" hint={chosen ? `data from ${day(chosen.from)}` : undefined}><input type="date" value={form.from} onInput={set('from')} /></Field>
      <Field label="Replay to" hint={chosen ? `data to ${day(chosen.to)}` : undefined}><input type="date" value={form.to} onInput={set('to')} /></Field>
      <Field label="Capital"><input type="number" min="1" value={form.initialCapital} onInput={set('initialCapital')} /></Field>
      <Field label="Fee (basis points)"><input type="number" min="0" max="1000" value={form.feeBps} onInput={set('feeBps')} /></Field>
      <Field label="Slippage (basis points)"><input type="number" min="0" max="1000" value={form.slippageBps} onInput={set('slippageBps')} /></Field>
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy || !chosen}>Start paper session</button>
    </form>
  );
}

/** Each subscription's auto-trade settings (GET/PUT /api/subscriptions/{id}/execution) and the execution log. */
function AutoTrade() {
  const subscriptions = useApi('/api/subscriptions');
  const executions = useApi('/api/trading/executions');
  return (
    <>
      <Async state={subscriptions} what="Your subscriptions">
        {(page) => {
          const live = page.items.filter((s) => s.status === 'ACTIVE');
          return live.length === 0 ? <Empty>Subscribe to a strategy in the marketplace first; then its signals can trade for you here, on paper or live.</Empty>
            : live.map((s) => <ExecutionSettings subscription={s} key={s.id} onSaved={executions.reload} />);
        }}
      </Async>
      <Async state={executions} what="Executions">
        {(page) => (page.items.length === 0 ? null : (
          <div class="scroll"><table data-testid="executions">
            <caption>Executions (newest first) <button type="button" class="link" onClick={executions.reload}>Refresh</button></caption>
            <thead><tr><th scope="col">At</th><th scope="col">Mode</th><th scope="col">Outcome</th><th scope="col">Reason</th></tr></thead>
            <tbody>{page.items.map((e) => <tr><td>{when(e.at)}</td><td>{e.mode}</td><td>{e.outcome}</td><td>{e.reason || e.message || ''}</td></tr>)}</tbody>
          </table></div>
        ))}
      </Async>
    </>
  );
}

function ExecutionSettings({ subscription, onSaved }) {
  const path = `/api/subscriptions/${encodeURIComponent(subscription.id)}/execution`;
  const current = useApi(path);
  const [form, setForm] = useState(null);
  const action = useAction();
  const s = form || current.data;
  const set = (k, v) => setForm({ ...s, [k]: v });
  const save = (e) => {
    e.preventDefault();
    action.run(async () => {
      const saved = await api('PUT', path, { autoTrade: s.autoTrade, mode: s.mode, exchange: s.exchange || undefined,
        exchangeKeyId: s.mode === 'LIVE' ? s.exchangeKeyId : undefined, riskPercent: Number(s.riskPercent), maxOpenPositions: Number(s.maxOpenPositions),
        marketFirstEntry: s.marketFirstEntry });
      setForm(saved);
      onSaved();
    });
  };
  return (
    <form class="card inline" onSubmit={save} aria-label={`Auto-trade for ${subscription.strategyId}`} data-testid="auto-trade">
      <p><a href={`#/strategy/${encodeURIComponent(subscription.strategyId)}`}>Strategy {subscription.strategyId.slice(0, 8)}</a></p>
      <Async state={current} what="Auto-trade settings">
        {() => (
          <>
            <label class="check"><input type="checkbox" checked={!!s.autoTrade} onChange={(e) => set('autoTrade', e.target.checked)} /> Trade this strategy's signals for me</label>
            <Field label="Mode"><select value={s.mode} onChange={(e) => set('mode', e.target.value)}><option value="PAPER">Paper (no money)</option><option value="LIVE">Live (needs 2FA and an exchange key)</option></select></Field>
            {s.mode === 'LIVE' && <Field label="Exchange key id" hint="from Account → Exchange keys"><input value={s.exchangeKeyId || ''} onInput={(e) => set('exchangeKeyId', e.target.value)} /></Field>}
            <Field label="Risk per trade (%)"><input type="number" min="0.01" max="10" step="0.01" value={s.riskPercent} onInput={(e) => set('riskPercent', e.target.value)} /></Field>
            <Field label="Max open positions"><input type="number" min="1" max="100" value={s.maxOpenPositions} onInput={(e) => set('maxOpenPositions', e.target.value)} /></Field>
            <label class="check"><input type="checkbox" checked={!!s.marketFirstEntry} onChange={(e) => set('marketFirstEntry', e.target.checked)} /> Enter at market when the price is inside the band</label>
            <ErrorBox error={action.error} />
            <button type="submit" disabled={action.busy}>Save auto-trade</button>
            <span role="status" class="muted" data-testid="auto-trade-state">{current.data && (s.autoTrade ? ` On (${s.mode})` : ' Off')}</span>
          </>
        )}
      </Async>
    </form>
  );
}

function StopButton({ id, onDone }) {
  const action = useAction();
  return <>
    <button type="button" disabled={action.busy} onClick={() => action.run(() => api('POST', `/api/trading/paper/stop/${encodeURIComponent(id)}`, {}).then(onDone))}>Stop</button>
    <ErrorBox error={action.error} />
  </>;
}

function CloseButton({ id, onDone }) {
  const action = useAction();
  return <>
    <button type="button" disabled={action.busy} onClick={() => confirm('Close this position at market?') && action.run(() => api('POST', `/api/positions/close/${encodeURIComponent(id)}`, {}).then(onDone))}>Close</button>
    <ErrorBox error={action.error} />
  </>;
}
