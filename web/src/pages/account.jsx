import { useState } from 'preact/hooks';
import qrcode from 'qrcode-generator';
import { api, fieldErrors, logoutEverywhere } from '../api.js';
import { useApi, Async, Empty, ErrorBox, Field, useAction, when, amount } from '../ui.jsx';

const EXCHANGES = ['binance', 'bybit', 'bitget', 'mexc', 'kraken', 'coinbase', 'okx', 'kucoin'];

export function Account() {
  const me = useApi('/api/auth/me');
  return (
    <section>
      <h1>Account</h1>
      <Async state={me} what="Your profile">
        {(u) => (
          <>
            <dl class="kv"><dt>Name</dt><dd>{u.name}</dd><dt>Email</dt><dd>{u.email}</dd><dt>Role</dt><dd>{u.role}</dd><dt>Member since</dt><dd>{when(u.createdAt)}</dd></dl>
            <SignOutEverywhere />
            <Subscriptions />
            <TwoFactor enabled={u.twoFactorEnabled} onChange={me.reload} />
            <ExchangeKeys twoFactor={u.twoFactorEnabled} />
          </>
        )}
      </Async>
      <Notifications />
    </section>
  );
}

function SignOutEverywhere() {
  const action = useAction();
  const run = () => confirm('Sign out on every device? Each one has to sign in again.')
    && action.run(async () => { await logoutEverywhere(); location.hash = '#/signin'; });
  return (
    <p><button type="button" onClick={run} disabled={action.busy}>Sign out everywhere</button>
      <small class="muted"> Ends your sessions on all devices (a lost phone, a shared computer).</small>
      <ErrorBox error={action.error} /></p>
  );
}

/** The caller's subscriptions: pause a paid one (billing paused, signals stop), cancel any that has not ended. */
function Subscriptions() {
  const subs = useApi('/api/subscriptions');
  const action = useAction();
  const act = (s, verb, question) => confirm(question) && action.run(async () => {
    await api('PUT', `/api/subscriptions/${encodeURIComponent(s.id)}/${verb}`, {});
    subs.reload();
  });
  return (
    <div class="card">
      <h2>Subscriptions</h2>
      <Async state={subs} what="Your subscriptions">
        {(page) => (page.items.length === 0 ? <Empty>No subscriptions yet: find a strategy in the <a href="#/marketplace">marketplace</a> and subscribe.</Empty> : (
          <div class="scroll"><table data-testid="subscriptions">
            <caption>Your subscriptions</caption>
            <thead><tr><th scope="col">Strategy</th><th scope="col">Status</th><th scope="col">Price</th><th scope="col">Since</th><th scope="col">Until</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>{page.items.map((s) => {
              const live = !['CANCELLED', 'EXPIRED'].includes(s.status);
              return (
                <tr data-subscription-id={s.id}><td><a href={`#/strategy/${encodeURIComponent(s.strategyId)}`}><StrategyName id={s.strategyId} /></a></td>
                  <td data-testid="subscription-row-status">{s.status}</td><td>{s.priceCents ? `${amount(s.priceCents)}/month` : 'Free'}</td>
                  <td>{when(s.startDate || s.createdAt)}</td><td>{when(s.endDate)}</td>
                  <td>
                    {s.status === 'ACTIVE' && s.priceCents > 0 && <button type="button" disabled={action.busy} onClick={() => act(s, 'pause', 'Pause this subscription? Billing pauses and its signals stop until you resume.')}>Pause</button>}
                    {live && <button type="button" disabled={action.busy} onClick={() => act(s, 'cancel', 'Cancel this subscription? Its signals stop with the next event.')}>Cancel</button>}
                  </td></tr>
              );
            })}</tbody>
          </table></div>
        ))}
      </Async>
      <ErrorBox error={action.error} />
    </div>
  );
}

/** A subscription names only its strategy's id: the name comes from the public strategy route. */
function StrategyName({ id }) {
  const strategy = useApi(`/api/strategies/${encodeURIComponent(id)}`);
  return strategy.data ? strategy.data.name : `Strategy ${id}`;
}

/** An otpauth:// URI as an SVG QR code (byte mode, error correction M), drawn locally: the secret never leaves. */
export function QrCode({ text }) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return <div class="qr" role="img" aria-label="QR code for your authenticator app" data-testid="totp-qr" dangerouslySetInnerHTML={{ __html: qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true }) }} />;
}

function TwoFactor({ enabled, onChange }) {
  const [setup, setSetup] = useState(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(null);
  const action = useAction();
  const start = () => action.run(async () => setSetup(await api('POST', '/api/auth/2fa/setup', {})));
  const verify = (e) => {
    e.preventDefault();
    action.run(async () => {
      const r = await api('POST', '/api/auth/2fa/verify', { code: code.trim() });
      setRecovery(r.recoveryCodes);
      setSetup(null);
      setCode('');
      onChange();
    });
  };
  const disable = (e) => {
    e.preventDefault();
    action.run(async () => { await api('POST', '/api/auth/2fa/disable', { code: code.trim() }); setCode(''); onChange(); });
  };
  return (
    <div class="card">
      <h2>Two-factor authentication</h2>
      <p data-testid="twofa-state">{enabled ? 'On: sign-in and exchange keys ask for a code from your authenticator app.' : 'Off. Turn it on to save exchange keys.'}</p>
      {recovery && (
        <div class="notice" role="status"><strong>Save these recovery codes now</strong> (each works once, they are not shown again):
          <ul class="codes">{recovery.map((c) => <li><code>{c}</code></li>)}</ul></div>
      )}
      {!enabled && !setup && <button type="button" class="primary" onClick={start} disabled={action.busy}>Set up two-factor</button>}
      {setup && (
        <form onSubmit={verify}>
          <p>Scan this code with an authenticator app, or type the key by hand.</p>
          <QrCode text={setup.otpauthUrl} />
          <p>Key: <code data-testid="totp-secret">{setup.secret}</code></p>
          <Field label="Code from the app"><input inputmode="numeric" autocomplete="one-time-code" value={code} onInput={(e) => setCode(e.target.value)} required /></Field>
          <button type="submit" class="primary" disabled={action.busy}>Turn on</button>
        </form>
      )}
      {enabled && (
        <form onSubmit={disable}>
          <Field label="Code to turn two-factor off"><input inputmode="numeric" autocomplete="one-time-code" value={code} onInput={(e) => setCode(e.target.value)} required /></Field>
          <button type="submit" disabled={action.busy}>Turn off</button>
        </form>
      )}
      <ErrorBox error={action.error} />
    </div>
  );
}

function ExchangeKeys({ twoFactor }) {
  const keys = useApi('/api/exchange-keys');
  const [form, setForm] = useState({ exchange: 'binance', apiKey: '', apiSecret: '', passphrase: '', trade: false, futures: false, testnet: true, totpCode: '' });
  const action = useAction();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  const errors = fieldErrors(action.error);
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const body = { exchange: form.exchange, apiKey: form.apiKey, apiSecret: form.apiSecret, testnet: form.testnet, totpCode: form.totpCode.trim(),
        permissions: form.trade ? ['READ', 'TRADE'] : ['READ'], markets: form.futures ? ['spot', 'futures'] : ['spot'] };
      if (form.passphrase) body.passphrase = form.passphrase;
      await api('POST', '/api/exchange-keys', body);
      // The secret leaves the page's memory once saved.
      setForm({ ...form, apiKey: '', apiSecret: '', passphrase: '', totpCode: '' });
      keys.reload();
    });
  };
  const remove = (id) => confirm('Delete this key?') && action.run(async () => { await api('DELETE', `/api/exchange-keys/${encodeURIComponent(id)}`); keys.reload(); });
  const [check, setCheck] = useState(null);
  const test = (id) => action.run(async () => { setCheck(null); setCheck(await api('POST', `/api/exchange-keys/${encodeURIComponent(id)}/test`, {})); });
  return (
    <div class="card">
      <h2>Exchange keys</h2>
      <Async state={keys} what="Exchange keys">
        {(page) => (page.items.length === 0 ? <Empty>No exchange key saved. Add one below to trade on your own account.</Empty> : (
          <table data-testid="exchange-keys"><caption>Saved keys (the secret is never shown again)</caption>
            <thead><tr><th scope="col">Exchange</th><th scope="col">Key</th><th scope="col">Rights</th><th scope="col">Markets</th><th scope="col">Testnet</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>{page.items.map((k) => (
              <tr><td>{k.exchange}</td><td><code>{k.maskedKey}</code></td><td>{(k.permissions || []).join(', ')}</td><td>{(k.markets || []).join(', ')}</td><td>{k.testnet ? 'yes' : 'no'}</td>
                <td><button type="button" onClick={() => test(k.id)} disabled={action.busy}>Test</button> <button type="button" onClick={() => remove(k.id)}>Delete</button></td></tr>
            ))}</tbody></table>
        ))}
      </Async>
      {check && (
        <div class={check.valid ? 'notice' : 'error'} role="status" data-testid="key-check">
          {check.valid ? `The ${check.exchange} key works: ${check.canTrade ? 'it may read and trade' : 'read only'}.`
            : `The ${check.exchange} key did not work. Check it on the exchange (rights, IP allow-list, testnet) and save it again.`}
          <ul>{(check.checks || []).map((c) => <li>{c.market}: {c.reachable ? `OK${c.assets != null ? `, ${c.assets} assets with a balance` : ''}` : `${c.error || 'failed'}${c.message ? ` (${c.message})` : ''}`}</li>)}</ul>
        </div>
      )}
      {!twoFactor ? <p class="notice">Turn on two-factor authentication above to add an exchange key.</p> : (
        <form onSubmit={submit} aria-label="Add an exchange key" autocomplete="off">
          <Field label="Exchange" error={errors.exchange}><select value={form.exchange} onChange={set('exchange')}>{EXCHANGES.map((x) => <option>{x}</option>)}</select></Field>
          <Field label="API key" error={errors.apiKey}><input value={form.apiKey} onInput={set('apiKey')} required minLength={8} /></Field>
          <Field label="API secret" error={errors.apiSecret}><input type="password" value={form.apiSecret} onInput={set('apiSecret')} required minLength={8} autocomplete="off" /></Field>
          <Field label="Passphrase (Bitget, OKX, KuCoin only)" error={errors.passphrase}><input type="password" value={form.passphrase} onInput={set('passphrase')} autocomplete="off" /></Field>
          <label><input type="checkbox" checked={form.trade} onChange={set('trade')} /> May trade (not only read)</label>
          <label><input type="checkbox" checked={form.futures} onChange={set('futures')} /> Futures too</label>
          <label><input type="checkbox" checked={form.testnet} onChange={set('testnet')} /> Testnet</label>
          <Field label="Two-factor code" error={errors.totpCode}><input inputmode="numeric" autocomplete="one-time-code" value={form.totpCode} onInput={set('totpCode')} required /></Field>
          <button type="submit" class="primary" disabled={action.busy}>Save key</button>
        </form>
      )}
      <ErrorBox error={action.error} />
    </div>
  );
}

function Notifications() {
  const prefs = useApi('/api/notifications/preferences');
  const list = useApi('/api/notifications?limit=20');
  const action = useAction();
  const [draft, setDraft] = useState(null);
  return (
    <div class="card">
      <h2>Notifications</h2>
      <Async state={prefs} what="Notification settings">
        {(p) => {
          const f = draft || { inApp: p.inApp !== false, telegramChatId: p.telegramChatId || '', discordWebhookUrl: p.discordWebhookUrl || '' };
          const save = (e) => {
            e.preventDefault();
            action.run(async () => {
              const body = { inApp: f.inApp };
              if (f.telegramChatId) body.telegramChatId = f.telegramChatId;
              if (f.discordWebhookUrl) body.discordWebhookUrl = f.discordWebhookUrl;
              await api('PUT', '/api/notifications/preferences', body);
              setDraft(null);
              prefs.reload();
            });
          };
          return (
            <form onSubmit={save} aria-label="Notification channels">
              <label><input type="checkbox" checked={f.inApp} onChange={(e) => setDraft({ ...f, inApp: e.target.checked })} /> In the app</label>
              <Field label="Telegram chat id"><input value={f.telegramChatId} onInput={(e) => setDraft({ ...f, telegramChatId: e.target.value })} /></Field>
              <Field label="Discord webhook URL"><input type="url" value={f.discordWebhookUrl} onInput={(e) => setDraft({ ...f, discordWebhookUrl: e.target.value })} /></Field>
              <button type="submit" disabled={action.busy}>Save channels</button>
              <ErrorBox error={action.error} />
            </form>
          );
        }}
      </Async>
      <h3>Recent</h3>
      <Async state={list} what="Notifications">
        {(page) => (page.items.length === 0 ? <Empty>Nothing yet.</Empty> : (
          <ul class="plain">{page.items.map((n) => <li class={n.read ? '' : 'unread'}><strong>{n.title}</strong> {n.body} <small class="muted">{when(n.createdAt)}</small>
            {!n.read && <> <button type="button" class="link" onClick={() => action.run(async () => { await api('PUT', `/api/notifications/${encodeURIComponent(n.id)}/read`, {}); list.reload(); })}>Mark read<span class="sr-only">: {n.title}</span></button></>}</li>)}</ul>
        ))}
      </Async>
    </div>
  );
}
