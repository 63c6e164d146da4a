import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { live } from '../live.js';
import { EquityChart } from '../charts.jsx';
import { robustnessScore } from './marketplace.jsx';
import { useApi, Async, Empty, ErrorBox, Field, useAction, points, num, money, when, toast } from '../ui.jsx';

/** Closed signals of the track record, in order, with the equity they compound to (start 1.0). */
export function closedTrades(record) {
  const opened = new Map();
  const trades = [];
  let equity = 1;
  for (const e of record.events || []) {
    const p = e.payload || {};
    if (e.kind === 'SIGNAL_OPENED') opened.set(e.signalId, p);
    if (e.kind === 'SIGNAL_CLOSED') {
      const open = opened.get(e.signalId) || {};
      const r = Number(p.resultPercent ?? 0);
      equity *= 1 + r / 100;
      trades.push({ signalId: e.signalId, at: e.occurredAt, pair: open.pair || p.pair, side: open.side || p.side,
        entryPrice: open.entryPrice ?? p.entryPrice, exitPrice: p.exitPrice, status: p.status, resultPercent: r, equity });
    }
  }
  return trades;
}

export function StrategyPage({ id, user }) {
  const strategy = useApi(`/api/strategies/${encodeURIComponent(id)}`);
  const record = useApi(`/api/strategies/${encodeURIComponent(id)}/track-record`);
  const reviews = useApi(`/api/strategies/${encodeURIComponent(id)}/reviews`);
  return (
    <section>
      <p><a href="#/marketplace">← Marketplace</a></p>
      <Async state={strategy} what="This strategy">
        {(s) => (
          <>
            <h1>{s.name}</h1>
            <p>{s.description || 'No description.'}</p>
            <p class="muted">{s.category || 'uncategorised'} · {(s.supportedPairs || []).join(', ')} · {(s.supportedTimeframes || []).join(', ')} · {s.subscriberCount ?? 0} subscribers</p>
            <dl class="stats">
              <div><dt>Price</dt><dd>{money(s.monthlyPriceCents)}/month</dd></div>
              <div><dt>Win rate</dt><dd>{points(s.stats && s.stats.winRate)}</dd></div>
              <div><dt>Return</dt><dd>{points(s.stats && s.stats.cumulativeReturn)}</dd></div>
              <div><dt>Max drawdown</dt><dd>{points(s.stats && s.stats.maxDrawdown)}</dd></div>
              <div><dt>Profit factor</dt><dd>{num(s.stats && s.stats.profitFactor)}</dd></div>
              <div><dt>Robustness</dt><dd>{robustnessScore(s) ?? '–'}</dd></div>
            </dl>
            <Subscribe strategy={s} user={user} />
            {user && s.backtest && <p><a href={`#/lab/strategy/${encodeURIComponent(s.id)}`}>Ask the strategy consultant how to improve it</a> (every suggestion backtested out of sample).</p>}
          </>
        )}
      </Async>
      <h2>Track record</h2>
      <Async state={record} what="The track record">
        {(r) => {
          const trades = closedTrades(r);
          return (
            <>
              <p data-testid="verification" class={r.verification && r.verification.valid ? 'badge ok' : 'badge bad'}>
                {r.verification && r.verification.valid
                  ? `✔ Verified: hash chain of ${r.verification.checkedEvents} events intact (head ${String(r.headHash || '').slice(0, 12)}…)`
                  : `✘ Not verified${r.verification && r.verification.reason ? `: ${r.verification.reason}` : ''}`}
              </p>
              <EquityChart label="Equity curve from closed signals" points={trades.map((t) => ({ t: new Date(t.at).getTime() / 1000, v: t.equity }))} />
              {trades.length === 0 ? <Empty>No closed signals yet: results appear when the provider closes a signal.</Empty> : (
                <div class="scroll"><table>
                  <caption>Closed signals</caption>
                  <thead><tr><th scope="col">Closed</th><th scope="col">Pair</th><th scope="col">Side</th><th scope="col">Entry</th><th scope="col">Exit</th><th scope="col">Result</th></tr></thead>
                  <tbody>{trades.map((t) => <tr><td>{when(t.at)}</td><td>{t.pair}</td><td>{t.side}</td><td>{t.entryPrice}</td><td>{t.exitPrice ?? '–'}</td><td>{num(t.resultPercent)}%</td></tr>)}</tbody>
                </table></div>
              )}
            </>
          );
        }}
      </Async>
      <h2>Reviews</h2>
      <Async state={reviews} what="Reviews">
        {(page) => (page.items.length === 0 ? <Empty>No reviews yet.</Empty> : (
          <ul class="reviews">{page.items.map((r) => <li><strong>{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)}</strong> {r.text} <small class="muted">{when(r.createdAt)}</small></li>)}</ul>
        ))}
      </Async>
      {user && <ReviewForm id={id} onDone={reviews.reload} />}
    </section>
  );
}

function Subscribe({ strategy, user }) {
  const action = useAction();
  const [status, setStatus] = useState(null);
  if (!user) return <p><a href="#/signin">Sign in</a> to subscribe.</p>;
  const subscribe = () => action.run(async () => {
    const answer = await api('POST', '/api/subscriptions', { strategyId: strategy.id });
    // Paid strategies answer {subscription, checkoutUrl}: payment happens on the checkout page.
    if (answer && answer.checkoutUrl) { location.assign(answer.checkoutUrl); return; }
    const sub = answer.subscription || answer;
    setStatus(sub.status);
    if (sub.status === 'ACTIVE') { live.subscribeSignals(strategy.id); toast(`Subscribed to ${strategy.name}`); }
  });
  return (
    <div class="actions">
      <button type="button" class="primary" onClick={subscribe} disabled={action.busy || status === 'ACTIVE'}>
        {strategy.monthlyPriceCents > 0 ? `Subscribe · ${money(strategy.monthlyPriceCents)}/month` : 'Subscribe for free'}
      </button>
      {status && <span role="status" data-testid="subscription-status"> Subscription: {status}</span>}
      <ErrorBox error={action.error} />
    </div>
  );
}

function ReviewForm({ id, onDone }) {
  const [rating, setRating] = useState('5');
  const [text, setText] = useState('');
  const action = useAction();
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api('POST', `/api/strategies/${encodeURIComponent(id)}/reviews`, { rating: Number(rating), text });
      setText('');
      onDone();
    });
  };
  return (
    <form class="card" onSubmit={submit}>
      <h3>Write a review</h3>
      <Field label="Rating"><select value={rating} onChange={(e) => setRating(e.target.value)}>{[5, 4, 3, 2, 1].map((n) => <option value={n}>{n}</option>)}</select></Field>
      <Field label="Review"><textarea value={text} maxLength={2000} onInput={(e) => setText(e.target.value)} /></Field>
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy}>Post review</button>
    </form>
  );
}
