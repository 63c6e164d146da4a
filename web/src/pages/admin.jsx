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
