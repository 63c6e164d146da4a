import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { live } from '../live.js';
import { ErrorBox, Empty, when } from '../ui.jsx';

/** Live signals: REST for what happened before (and after a reconnect: resume), WebSocket for what happens now. */
export function Signals() {
  const [signals, setSignals] = useState(new Map());
  const [subs, setSubs] = useState(null);
  const [error, setError] = useState(null);
  const [status, setStatus] = useState(live.status);

  const merge = (items) => setSignals((old) => {
    const next = new Map(old);
    for (const s of items) next.set(s.id, { ...(next.get(s.id) || {}), ...s });
    return next;
  });

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
    return () => { off(); offStatus(); };
  }, []);

  const list = [...signals.values()].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  return (
    <section>
      <h1>Live signals</h1>
      <p role="status">Connection: <strong data-testid="signals-connection">{status}</strong>
        {subs && ` · following ${subs.length} strateg${subs.length === 1 ? 'y' : 'ies'}`}</p>
      <ErrorBox error={error} />
      {subs && subs.length === 0 && <Empty>You follow no strategy yet. <a href="#/marketplace">Find one in the marketplace</a> and subscribe: its signals appear here the moment they fire.</Empty>}
      {list.length === 0 ? <Empty>No signals yet. New ones appear here without reloading.</Empty> : (
        <div class="scroll"><table data-testid="signals-table">
          <caption>Signals from the strategies you follow, newest first</caption>
          <thead><tr><th scope="col">Time</th><th scope="col">Pair</th><th scope="col">Side</th><th scope="col">Entry</th><th scope="col">Stop</th><th scope="col">Take profit</th><th scope="col">Status</th><th scope="col">Result</th></tr></thead>
          <tbody>{list.map((s) => (
            <tr data-signal-id={s.id}><td>{when(s.createdAt)}</td><td>{s.pair}</td><td class={s.side === 'BUY' ? 'up' : 'down'}>{s.side}</td><td>{s.entryPrice}</td><td>{s.stopLoss ?? '–'}</td><td>{s.takeProfit ?? '–'}</td><td>{s.status}</td><td>{s.resultPercent == null ? '–' : `${Number(s.resultPercent).toFixed(2)}%`}</td></tr>
          ))}</tbody>
        </table></div>
      )}
    </section>
  );
}
