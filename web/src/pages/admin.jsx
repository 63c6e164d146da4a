import { api } from '../api.js';
import { useApi, Async, Empty, ErrorBox, useAction, when } from '../ui.jsx';

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
      <p class="muted">The revenue report appears here once the billing API offers one.</p>
    </section>
  );
}
