import { useState } from 'preact/hooks';
import { api, fieldErrors } from '../api.js';
import { useApi, Async, Empty, ErrorBox, Field, useAction, money, amount, when, points } from '../ui.jsx';

export function ProviderConsole() {
  // The caller's own strategies from the owner index, unpublished ones included (the marketplace shows public ones).
  const strategies = useApi('/api/providers/me/strategies');
  const earnings = useApi('/api/providers/me/earnings');
  return (
    <section>
      <h1>Provider console</h1>
      <h2>Earnings</h2>
      <Async state={earnings} what="Earnings and payouts">
        {(e) => (
          <div data-testid="earnings">
            <dl class="stats">
              <div><dt>Balance</dt><dd>{amount(e.balanceCents)}</dd></div>
              <div><dt>Available</dt><dd>{amount(e.availableCents)}</dd></div>
              <div><dt>Pending (this month)</dt><dd>{amount(e.pendingCents)}</dd></div>
              <div><dt>In payout</dt><dd>{amount(e.inPayoutCents)}</dd></div>
              <div><dt>Paid out</dt><dd>{amount(e.paidOutCents)}</dd></div>
            </dl>
            {(e.byMonth || []).length === 0 ? <Empty>No earnings yet: they appear when a subscriber pays for one of your strategies.</Empty> : (
              <div class="scroll"><table data-testid="earnings-by-month"><caption>Earnings by month</caption>
                <thead><tr><th scope="col">Month</th><th scope="col">Earned</th><th scope="col">Refunded</th><th scope="col">Net</th><th scope="col">Paid out</th></tr></thead>
                <tbody>{e.byMonth.map((m) => <tr><td>{monthLabel(m.month)}</td><td>{amount(m.earnedCents)}</td><td>{amount(m.refundedCents)}</td><td>{amount(m.netCents)}</td><td>{amount(m.paidOutCents)}</td></tr>)}</tbody></table></div>
            )}
            <Payouts />
          </div>
        )}
      </Async>
      <h2>New strategy</h2>
      <NewStrategy onCreated={strategies.reload} />
      <h2>My strategies</h2>
      <Async state={strategies} what="Your strategies">
        {(page) => (page.items.length === 0 ? <Empty>You have no strategy yet: create one above, then point a TradingView alert at its webhook.</Empty>
          : page.items.map((s) => <OwnStrategy strategy={s} key={s.id} onChanged={strategies.reload} />))}
      </Async>
    </section>
  );
}

/** "2026-11" (or Jackson's [2026, 11]) as "Nov 2026". */
function monthLabel(month) {
  const [y, m] = Array.isArray(month) ? month : String(month).split('-').map(Number);
  if (!y || !m) return String(month);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Stripe Connect onboarding: payouts need a connected account. */
function Payouts() {
  const action = useAction();
  const [link, setLink] = useState(null);
  const start = () => action.run(async () => setLink(await api('POST', '/api/providers/me/payouts/onboarding')));
  return (
    <div class="card">
      <h3>Payouts</h3>
      {link && link.payoutsEnabled ? <p data-testid="payouts-state">Payouts are on for account <code>{link.accountId}</code>.</p> : (
        <>
          <p class="muted">Monthly payouts go to your Stripe Connect account. Set it up once; Stripe asks for your bank details.</p>
          {link ? <p data-testid="payouts-state"><a href={link.onboardingUrl} target="_blank" rel="noopener noreferrer">Continue the payout setup (opens Stripe)</a></p>
            : <button type="button" onClick={start} disabled={action.busy}>Set up payouts</button>}
        </>
      )}
      <ErrorBox error={action.error} />
    </div>
  );
}

function NewStrategy({ onCreated }) {
  const [form, setForm] = useState({ name: '', description: '', category: 'trend', pairs: 'BTCUSDT', timeframes: '1h', monthlyPrice: '0', isPublic: true });
  const action = useAction();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const errors = fieldErrors(action.error);
  const split = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api('POST', '/api/strategies', { name: form.name, description: form.description, category: form.category,
        supportedPairs: split(form.pairs), supportedTimeframes: split(form.timeframes), monthlyPrice: Number(form.monthlyPrice),
        isPublic: form.isPublic });
      setForm({ ...form, name: '', description: '' });
      onCreated();
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-label="New strategy">
      <Field label="Name" error={errors.name}><input value={form.name} onInput={set('name')} required maxLength={100} /></Field>
      <Field label="Description" error={errors.description}><textarea value={form.description} onInput={set('description')} /></Field>
      <Field label="Category" error={errors.category}><input value={form.category} onInput={set('category')} /></Field>
      <Field label="Pairs (comma-separated)" error={errors.supportedPairs}><input value={form.pairs} onInput={set('pairs')} /></Field>
      <Field label="Timeframes (comma-separated)" error={errors.supportedTimeframes}><input value={form.timeframes} onInput={set('timeframes')} /></Field>
      <Field label="Monthly price (USD, 0 = free)" error={errors.monthlyPrice}><input type="number" min="0" step="0.01" value={form.monthlyPrice} onInput={set('monthlyPrice')} /></Field>
      <label class="check"><input type="checkbox" checked={form.isPublic} onChange={(e) => setForm({ ...form, isPublic: e.target.checked })} /> List it in the marketplace (untick to keep it private while you test it)</label>
      <ErrorBox error={action.error} />
      <button type="submit" class="primary" disabled={action.busy}>Create strategy</button>
    </form>
  );
}

function OwnStrategy({ strategy: s, onChanged }) {
  const [webhook, setWebhook] = useState(null);
  const [open, setOpen] = useState(false);
  const [panel, setPanel] = useState(null);
  const deliveries = useApi(open ? `/api/strategies/${encodeURIComponent(s.id)}/webhook/deliveries` : null);
  const action = useAction();
  const path = `/api/strategies/${encodeURIComponent(s.id)}/webhook`;
  const show = () => action.run(async () => { setWebhook(await api('GET', path)); setOpen(true); });
  const rotate = () => confirm('Rotate the passphrase? Alerts with the old one are refused at once.')
    && action.run(async () => setWebhook(await api('POST', path, {})));
  return (
    <article class="card" data-testid="own-strategy" data-strategy-id={s.id}>
      <h3><a href={`#/strategy/${encodeURIComponent(s.id)}`}>{s.name}</a> <span class="badge" data-testid="visibility">{s.isPublic ? 'In the marketplace' : 'Private'}</span>{s.isActive === false && <span class="badge"> Inactive</span>}</h3>
      <p class="muted">{money(s.monthlyPriceCents)}/month · {s.subscriberCount ?? 0} subscribers · {s.stats ? s.stats.signals : 0} signals · win rate {points(s.stats && s.stats.winRate)}</p>
      <div class="actions">
        <button type="button" onClick={show} disabled={action.busy}>Webhook and intake log</button>
        {webhook && <button type="button" onClick={rotate} disabled={action.busy}>Rotate passphrase</button>}
        <button type="button" aria-expanded={panel === 'signals'} onClick={() => setPanel(panel === 'signals' ? null : 'signals')}>Signals</button>
        <button type="button" aria-expanded={panel === 'edit'} onClick={() => setPanel(panel === 'edit' ? null : 'edit')}>Edit</button>
      </div>
      {panel === 'signals' && <OwnSignals strategy={s} />}
      {panel === 'edit' && <EditStrategy strategy={s} onSaved={() => { setPanel(null); onChanged(); }} />}
      <ErrorBox error={action.error} />
      {webhook && (
        <dl class="kv">
          <dt>Webhook URL</dt><dd><code data-testid="webhook-url">{webhook.url}</code></dd>
          <dt>Passphrase</dt><dd><code data-testid="webhook-passphrase">{webhook.passphrase}</code></dd>
        </dl>
      )}
      {open && (
        <Async state={deliveries} what="The intake log">
          {(page) => (page.items.length === 0 ? <Empty>No alert received yet. In TradingView, set the alert's webhook URL above and put the passphrase in its message.</Empty> : (
            <div class="scroll"><table>
              <caption>Intake log <button type="button" class="link" onClick={deliveries.reload}>Refresh</button></caption>
              <thead><tr><th scope="col">Received</th><th scope="col">Outcome</th><th scope="col">Action</th><th scope="col">Ticker</th><th scope="col">Reason</th></tr></thead>
              <tbody>{page.items.map((d) => <tr><td>{when(d.receivedAt)}</td><td>{d.outcome}</td><td>{d.action}</td><td>{d.ticker}</td><td>{d.reason || ''}</td></tr>)}</tbody>
            </table></div>
          ))}
        </Async>
      )}
    </article>
  );
}

/** PUT /api/strategies/{id} (description, price, listing, active) and DELETE /api/strategies/{id}. */
function EditStrategy({ strategy: s, onSaved }) {
  const [form, setForm] = useState({ description: s.description || '', monthlyPrice: String((s.monthlyPriceCents || 0) / 100),
    isPublic: s.isPublic !== false, isActive: s.isActive !== false });
  const action = useAction();
  const errors = fieldErrors(action.error);
  const save = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api('PUT', `/api/strategies/${encodeURIComponent(s.id)}`, { description: form.description,
        monthlyPrice: Number(form.monthlyPrice), isPublic: form.isPublic, isActive: form.isActive });
      onSaved();
    });
  };
  const remove = () => confirm(`Delete "${s.name}"? It leaves the marketplace and its webhook stops accepting alerts.`)
    && action.run(async () => { await api('DELETE', `/api/strategies/${encodeURIComponent(s.id)}`); onSaved(); });
  return (
    <form onSubmit={save} aria-label={`Edit ${s.name}`} data-testid="edit-strategy">
      <Field label="Description" error={errors.description}><textarea value={form.description} onInput={(e) => setForm({ ...form, description: e.target.value })} /></Field>
      <Field label="Monthly price (USD, 0 = free)" error={errors.monthlyPrice}><input type="number" min="0" step="0.01" value={form.monthlyPrice} onInput={(e) => setForm({ ...form, monthlyPrice: e.target.value })} /></Field>
      <label class="check"><input type="checkbox" checked={form.isPublic} onChange={(e) => setForm({ ...form, isPublic: e.target.checked })} /> Listed in the marketplace</label>
      <label class="check"><input type="checkbox" checked={form.isActive} onChange={(e) => setForm({ ...form, isActive: e.target.checked })} /> Active (accepts new signals)</label>
      <ErrorBox error={action.error} />
      <div class="actions"><button type="submit" class="primary" disabled={action.busy}>Save changes</button> <button type="button" onClick={remove} disabled={action.busy}>Delete strategy</button></div>
    </form>
  );
}

/** A strategy's signals (GET /api/signals?strategyId=), posted by hand (POST), closed (PUT) or cancelled (DELETE). */
function OwnSignals({ strategy: s }) {
  const list = useApi(`/api/signals?strategyId=${encodeURIComponent(s.id)}&limit=20`);
  const [form, setForm] = useState({ pair: (s.supportedPairs || [])[0] || 'BTCUSDT', side: 'BUY', timeframe: (s.supportedTimeframes || [])[0] || '1h', entryPrice: '', stopLoss: '', takeProfit: '' });
  const action = useAction();
  const errors = fieldErrors(action.error);
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const post = (e) => {
    e.preventDefault();
    action.run(async () => {
      const body = { strategyId: s.id, type: 'ENTRY', pair: form.pair, side: form.side, timeframe: form.timeframe,
        entryPrice: Number(form.entryPrice), stopLoss: Number(form.stopLoss), takeProfit: Number(form.takeProfit) };
      await api('POST', '/api/signals', body);
      setForm({ ...form, entryPrice: '', stopLoss: '', takeProfit: '' });
      list.reload();
    });
  };
  const end = (signal, status) => {
    const price = status === 'CANCELLED' ? null : prompt(`Exit price for ${signal.pair} (${status})`, String(signal.entryPrice));
    if (status !== 'CANCELLED' && !price) return;
    action.run(async () => {
      if (status === 'CANCELLED') await api('DELETE', `/api/signals/${encodeURIComponent(signal.id)}`);
      else await api('PUT', `/api/signals/${encodeURIComponent(signal.id)}`, { status, exitPrice: Number(price) });
      list.reload();
    });
  };
  return (
    <div data-testid="own-signals">
      <form class="inline" onSubmit={post} aria-label={`Post a signal on ${s.name}`}>
        <Field label="Pair" error={errors.pair}><input value={form.pair} onInput={set('pair')} required size="10" /></Field>
        <Field label="Side" error={errors.side}><select value={form.side} onChange={set('side')}><option>BUY</option><option>SELL</option></select></Field>
        <Field label="Timeframe" error={errors.timeframe}><input value={form.timeframe} onInput={set('timeframe')} size="4" /></Field>
        <Field label="Entry price" error={errors.entryPrice}><input type="number" step="any" min="0" value={form.entryPrice} onInput={set('entryPrice')} required /></Field>
        <Field label="Stop-loss" error={errors.stopLoss}><input type="number" step="any" min="0" value={form.stopLoss} onInput={set('stopLoss')} required /></Field>
        <Field label="Take-profit" error={errors.takeProfit}><input type="number" step="any" min="0" value={form.takeProfit} onInput={set('takeProfit')} required /></Field>
        <button type="submit" class="primary" disabled={action.busy}>Post signal</button>
      </form>
      <ErrorBox error={action.error} />
      <Async state={list} what="This strategy's signals">
        {(page) => (page.items.length === 0 ? <Empty>No signal yet: post one above or send a TradingView alert to the webhook.</Empty> : (
          <div class="scroll"><table data-testid="own-signals-table">
            <caption>Signals (newest first)</caption>
            <thead><tr><th scope="col">Posted</th><th scope="col">Pair</th><th scope="col">Side</th><th scope="col">Entry</th><th scope="col">Stop</th><th scope="col">Target</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>{page.items.map((g) => (
              <tr><td>{when(g.createdAt)}</td><td>{g.pair}</td><td>{g.side}</td><td>{g.entryPrice}</td><td>{g.stopLoss}</td><td>{g.takeProfit ?? '–'}</td><td>{g.status}{g.resultPercent != null ? ` (${Number(g.resultPercent).toFixed(2)}%)` : ''}</td>
                <td>{g.status === 'ACTIVE' && <>
                  <button type="button" class="link" onClick={() => end(g, 'TP_HIT')}>Target hit</button>
                  <button type="button" class="link" onClick={() => end(g, 'SL_HIT')}>Stopped</button>
                  <button type="button" class="link" onClick={() => end(g, 'CLOSED')}>Close</button>
                  <button type="button" class="link" onClick={() => end(g, 'CANCELLED')}>Cancel</button></>}</td></tr>
            ))}</tbody>
          </table></div>
        ))}
      </Async>
    </div>
  );
}
