import { api } from '../api.js';
import { useState } from 'preact/hooks';
import { useApi, Async, Empty, ErrorBox, Field, useAction, when, amount } from '../ui.jsx';

export function Admin() {
  const users = useApi('/api/admin/users?limit=100');
  const action = useAction();
  const act = (fn) => action.run(async () => { await fn(); users.reload(); });
  return (
    <section>
      <h1>Admin</h1>
      <ErrorBox error={action.error} />
      <Async state={users} what="Users">
        {(page) => (page.items.length === 0 ? <Empty>No users.</Empty> : (
          <div class="scroll"><table>
            <caption>Users</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">2FA</th><th scope="col">State</th><th scope="col">Joined</th></tr></thead>
            <tbody>{page.items.map((u) => (
              <tr><td>{u.name}</td><td>{u.email}</td>
                <td><label class="sr-only" for={`role-${u.id}`}>Role of {u.email}</label>
                  <select id={`role-${u.id}`} value={u.role} disabled={action.busy} onChange={(e) => act(() => api('PUT', `/api/admin/users/${encodeURIComponent(u.id)}/role`, { role: e.target.value }))}>
                    {['USER', 'PROVIDER', 'ADMIN'].map((r) => <option>{r}</option>)}</select></td>
                <td>{u.twoFactorEnabled ? 'on' : 'off'}</td>
                <td>{u.disabled
                  ? <button type="button" onClick={() => act(() => api('POST', `/api/admin/users/${encodeURIComponent(u.id)}/enable`, {}))}>Enable</button>
                  : <button type="button" onClick={() => confirm(`Disable ${u.email}? Their sessions end at once.`) && act(() => api('POST', `/api/admin/users/${encodeURIComponent(u.id)}/disable`, {}))}>Disable</button>}</td>
                <td>{when(u.createdAt)}</td></tr>
            ))}</tbody>
          </table></div>
        ))}
      </Async>
      <Revenue />
      <MarketDataImport />
      <Health />
    </section>
  );
}

const monthText = (m) => (Array.isArray(m) ? `${m[0]}-${String(m[1]).padStart(2, '0')}` : m);

/** GET /api/admin/revenue: money by month in cents (default the last 12 months). */
function Revenue() {
  const [range, setRange] = useState({ from: '', to: '' });
  const [query, setQuery] = useState('');
  const report = useApi(`/api/admin/revenue${query}`, [query]);
  const apply = (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (range.from) q.set('from', range.from);
    if (range.to) q.set('to', range.to);
    setQuery(q.toString() ? `?${q}` : '');
  };
  const cols = [['payments', 'Payments', (v) => v ?? 0], ['grossCents', 'Gross', amount], ['refundedCents', 'Refunded', amount],
    ['platformFeeCents', 'Platform fees', amount], ['platformFeeReversedCents', 'Fees reversed', amount],
    ['providerEarningsCents', 'Provider earnings', amount], ['providerEarningsReversedCents', 'Earnings reversed', amount],
    ['paidOutCents', 'Paid out', amount]];
  const row = (label, m) => (
    <tr><th scope="row">{label}</th>{cols.map(([k, , fmt]) => <td>{fmt(m[k])}</td>)}<td>{amount((m.platformFeeCents || 0) - (m.platformFeeReversedCents || 0))}</td></tr>
  );
  return (
    <div class="card">
      <h2>Revenue</h2>
      <form class="inline" onSubmit={apply} aria-label="Revenue months">
        <Field label="From month" hint="YYYY-MM"><input type="month" value={range.from} onInput={(e) => setRange({ ...range, from: e.target.value })} /></Field>
        <Field label="To month" hint="YYYY-MM"><input type="month" value={range.to} onInput={(e) => setRange({ ...range, to: e.target.value })} /></Field>
        <button type="submit">Show</button>
      </form>
      <Async state={report} what="The revenue report">
        {(r) => ((r.months || []).length === 0 ? <Empty>No payments in these months.</Empty> : (
          <div class="scroll"><table data-testid="revenue">
            <caption>Revenue by month (refunds and reversals as positives)</caption>
            <thead><tr><th scope="col">Month</th>{cols.map(([, label]) => <th scope="col">{label}</th>)}<th scope="col">Net revenue</th></tr></thead>
            <tbody>{r.months.map((m) => row(monthText(m.month), m))}</tbody>
            {r.total && <tfoot>{row('Total', r.total)}</tfoot>}
          </table></div>
        ))}
      </Async>
    </div>
  );
}

const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'];

/** POST /api/market-data/import: the bundled data again, a Binance kline CSV/zip or seed JSON file, or an exchange download. */
function MarketDataImport() {
  const datasets = useApi('/api/market-data/datasets');
  const [form, setForm] = useState({ source: 'ta4j-examples', format: 'BINANCE_CSV', exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h', startDate: '', endDate: '' });
  const [file, setFile] = useState(null);
  const [done, setDone] = useState(null);
  const action = useAction();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const submit = (e) => {
    e.preventDefault();
    setDone(null);
    action.run(async () => {
      let body;
      if (form.source === 'file') {
        if (!file) throw Object.assign(new Error('Choose a file first'), { status: 400 });
        const bytes = new Uint8Array(await file.arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        body = { format: form.format, exchange: form.exchange, symbol: form.symbol, timeframe: form.timeframe, content: btoa(binary) };
      } else if (form.source === 'exchange') {
        body = { source: 'exchange', exchange: form.exchange, symbol: form.symbol, timeframe: form.timeframe,
          startDate: new Date(form.startDate).toISOString(), endDate: new Date(form.endDate).toISOString() };
      } else {
        body = { source: 'ta4j-examples' };
      }
      const r = await api('POST', '/api/market-data/import', body);
      setDone(r.items || [r]);
      datasets.reload();
    });
  };
  return (
    <div class="card">
      <h2>Market data</h2>
      <Async state={datasets} what="Data sets">
        {(d) => (d.items.length === 0 ? <Empty>No market data yet: import the bundled data below.</Empty> : (
          <div class="scroll"><table data-testid="datasets"><caption>Stored data sets</caption>
            <thead><tr><th scope="col">Exchange</th><th scope="col">Pair</th><th scope="col">Timeframe</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Bars</th><th scope="col">Gaps</th></tr></thead>
            <tbody>{d.items.map((x) => <tr><td>{x.exchange}</td><td>{x.symbol}</td><td>{x.timeframe}</td><td>{when(x.from)}</td><td>{when(x.to)}</td><td>{x.bars}</td><td>{x.gaps ?? 0}</td></tr>)}</tbody>
          </table></div>
        ))}
      </Async>
      <form onSubmit={submit} aria-label="Import market data">
        <fieldset>
          <legend>Import from</legend>
          <label><input type="radio" name="md-source" value="ta4j-examples" checked={form.source === 'ta4j-examples'} onChange={set('source')} /> The bundled data (ta4j examples)</label>
          <label><input type="radio" name="md-source" value="file" checked={form.source === 'file'} onChange={set('source')} /> A file (Binance kline CSV or zip, or seed JSON)</label>
          <label><input type="radio" name="md-source" value="exchange" checked={form.source === 'exchange'} onChange={set('source')} /> Download public klines from an exchange</label>
        </fieldset>
        {form.source !== 'ta4j-examples' && (
          <div class="inline">
            <Field label="Exchange"><select value={form.exchange} onChange={set('exchange')}><option>binance</option><option>bybit</option></select></Field>
            <Field label="Pair"><input value={form.symbol} onInput={set('symbol')} size="10" required /></Field>
            <Field label="Timeframe"><select value={form.timeframe} onChange={set('timeframe')}>{TIMEFRAMES.map((t) => <option>{t}</option>)}</select></Field>
          </div>
        )}
        {form.source === 'file' && (
          <div class="inline">
            <Field label="Format"><select value={form.format} onChange={set('format')}><option value="BINANCE_CSV">Binance CSV</option><option value="BINANCE_ZIP">Binance zip</option><option value="SEED_JSON">Seed JSON</option></select></Field>
            <Field label="Data file"><input type="file" accept=".csv,.zip,.json" onChange={(e) => setFile(e.target.files[0] || null)} /></Field>
          </div>
        )}
        {form.source === 'exchange' && (
          <div class="inline">
            <Field label="From"><input type="datetime-local" value={form.startDate} onInput={set('startDate')} required /></Field>
            <Field label="To"><input type="datetime-local" value={form.endDate} onInput={set('endDate')} required /></Field>
          </div>
        )}
        <button type="submit" class="primary" disabled={action.busy}>Import</button>
        {action.busy && <span role="status"> Importing…</span>}
      </form>
      <ErrorBox error={action.error} />
      {done && <p role="status" data-testid="import-done">Imported: {done.map((x) => `${x.symbol} ${x.timeframe} (${x.bars} bars)`).join(', ')}.</p>}
    </div>
  );
}

/** GET /health: the API's own check of its database and queues, and the deployed version. */
function Health() {
  const [state, setState] = useState(null);
  // a 503 (a dependency down) arrives as an ApiError whose message names the failing check
  const check = () => api('GET', '/health').then(setState, (e) => setState({ status: e.status === 503 ? 'degraded' : 'unreachable', error: e.message }));
  return (
    <div class="card">
      <h2>System health</h2>
      <button type="button" onClick={check}>Check now</button>
      {state && (
        <div role="status" data-testid="health">
          <p class={state.status === 'ok' ? 'badge ok' : 'badge bad'}>{state.status}{state.version ? ` · version ${state.version}` : ''}</p>
          <pre class="code scroll" tabindex="0" aria-label="Health report (JSON)">{JSON.stringify(state, null, 2)}</pre>
        </div>
      )}
    </div>
  );
}
