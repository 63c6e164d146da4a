import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { live } from '../live.js';
import { useApi, Async, Empty, ErrorBox, Field, useAction, num, when } from '../ui.jsx';

const PAIRS = ['BTC/USDT', 'ETH/USDT'];

/** Paper sessions, positions with live PnL (position_update) and a price ticker (price_update). */
export function Trading() {
  const sessions = useApi('/api/trading/sessions');
  const positions = useApi('/api/positions');
  const [prices, setPrices] = useState({});
  const [updates, setUpdates] = useState({});
  useEffect(() => {
    live.send({ action: 'subscribe_prices', pairs: PAIRS });
    live.send({ action: 'subscribe_positions' });
    return live.onEvent((event, data) => {
      if (event === 'price_update' && data.pair) setPrices((p) => ({ ...p, [data.pair]: data }));
      if (event === 'position_update' && data.id) setUpdates((u) => ({ ...u, [data.id]: data }));
      if (event === 'reconnected') { live.send({ action: 'subscribe_prices', pairs: PAIRS }); live.send({ action: 'subscribe_positions' }); }
    });
  }, []);
  return (
    <section>
      <h1>Trading</h1>
      <div class="ticker" aria-label="Prices" role="status">
        {PAIRS.map((p) => <span class="tick">{p}: <strong>{prices[p] ? num(prices[p].price ?? prices[p].last, 2) : '…'}</strong></span>)}
      </div>
      <h2>Paper trading sessions</h2>
      <Async state={sessions} what="Paper trading">
        {(page) => (
          <>
            <PaperStart onStarted={sessions.reload} />
            {page.items.length === 0 ? <Empty>No paper session yet: start one above to try a strategy without money at risk.</Empty> : (
              <div class="scroll"><table>
                <caption>Sessions</caption>
                <thead><tr><th scope="col">Strategy</th><th scope="col">Symbol</th><th scope="col">Status</th><th scope="col">Equity</th><th scope="col">PnL</th><th scope="col">Started</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
                <tbody>{page.items.map((s) => (
                  <tr><td>{s.strategy || s.strategyId}</td><td>{s.symbol}</td><td>{s.status}</td><td>{num(s.equity)}</td><td>{num(s.realizedPnl ?? s.pnl)}</td><td>{when(s.createdAt || s.startedAt)}</td>
                    <td>{s.status !== 'STOPPED' && <StopButton id={s.id} onDone={sessions.reload} />}</td></tr>
                ))}</tbody>
              </table></div>
            )}
          </>
        )}
      </Async>
      <h2>Positions</h2>
      <Async state={positions} what="Positions">
        {(page) => (page.items.length === 0 ? <Empty>No open positions. Positions appear when a subscribed strategy trades for you or a paper session opens one.</Empty> : (
          <div class="scroll"><table>
            <caption>Positions (PnL updates live)</caption>
            <thead><tr><th scope="col">Symbol</th><th scope="col">Side</th><th scope="col">Size</th><th scope="col">Entry</th><th scope="col">Unrealised PnL</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>{page.items.map((p0) => { const p = { ...p0, ...(updates[p0.id] || {}) }; return (
              <tr><td>{p.symbol}</td><td>{p.side}</td><td>{p.quantity ?? p.size}</td><td>{p.entryPrice}</td><td class={(p.unrealizedPnl || 0) >= 0 ? 'up' : 'down'}>{num(p.unrealizedPnl)}</td>
                <td><CloseButton id={p.id} onDone={positions.reload} /></td></tr>
            ); })}</tbody>
          </table></div>
        ))}
      </Async>
    </section>
  );
}

function PaperStart({ onStarted }) {
  const [form, setForm] = useState({ strategy: 'EMA_CROSS', symbol: 'BTC/USD', exchange: 'binance', timeframe: '1m', initialCapital: '10000' });
  const action = useAction();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api('POST', '/api/trading/paper/start', { ...form, initialCapital: Number(form.initialCapital) });
      onStarted();
    });
  };
  return (
    <form class="card inline" onSubmit={submit} aria-label="Start a paper session">
      <Field label="Strategy"><select value={form.strategy} onChange={set('strategy')}>{['RSI_MACD', 'EMA_CROSS', 'BOLLINGER_REVERSION', 'DONCHIAN_BREAKOUT'].map((s) => <option>{s}</option>)}</select></Field>
      <Field label="Symbol"><input value={form.symbol} onInput={set('symbol')} /></Field>
      <Field label="Exchange"><input value={form.exchange} onInput={set('exchange')} /></Field>
      <Field label="Timeframe"><input value={form.timeframe} onInput={set('timeframe')} /></Field>
      <Field label="Capital"><input type="number" min="1" value={form.initialCapital} onInput={set('initialCapital')} /></Field>
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy}>Start paper session</button>
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
