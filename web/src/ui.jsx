import { cloneElement } from 'preact';
import { useEffect, useState, useCallback } from 'preact/hooks';
import { api, ApiError } from './api.js';

/** Loads `path` (null = wait); reload() fetches again. */
export function useApi(path, deps = []) {
  const [state, setState] = useState({ loading: !!path, data: null, error: null });
  const load = useCallback(() => {
    if (!path) return;
    setState((s) => ({ ...s, loading: true }));
    api('GET', path).then(
      (data) => setState({ loading: false, data, error: null }),
      (error) => setState({ loading: false, data: null, error }),
    );
  }, [path, ...deps]);
  useEffect(load, [load]);
  return { ...state, reload: load };
}

/** Renders loading, "not available" (404: the API is not deployed yet), error or the children with the data. */
export function Async({ state, what, children }) {
  if (state.loading && !state.data) return <p class="muted" role="status">Loading {what}…</p>;
  if (state.error) {
    if (state.error instanceof ApiError && state.error.notAvailable) return <NotAvailable what={what} />;
    return <ErrorBox error={state.error} retry={state.reload} />;
  }
  if (!state.data) return null;
  return children(state.data);
}

export function NotAvailable({ what }) {
  return (
    <div class="notice" data-testid="not-available" role="status">
      <strong>{what} is not available on this server yet.</strong> The API behind it has not been deployed here; the
      rest of the dashboard works. Try again after the next release.
    </div>
  );
}

export function ErrorBox({ error, retry }) {
  if (!error) return null;
  const hint = error.status === 401 ? ' Sign in again.'
    : error.status === 403 ? ' Your account does not have the role for this.'
      : error.status === 429 ? ' Too many requests: wait a minute and retry.' : '';
  return (
    <div class="error" role="alert">
      {error.message}{error.code ? ` (${error.code})` : ''}.{hint}
      {Array.isArray(error.details) && error.details.length > 0 && (
        <ul>{error.details.map((d) => <li>{d.field}: {d.message}</li>)}</ul>
      )}
      {retry && <button type="button" class="link" onClick={retry}>Retry</button>}
    </div>
  );
}

export function Empty({ children }) {
  return <p class="empty">{children}</p>;
}

let fieldIds = 0;
export function Field({ label, hint, error, children }) {
  const [id] = useState(() => `f${++fieldIds}`);
  const child = cloneElement(children, { id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': error ? `${id}-e` : undefined });
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {child}
      {hint && <small class="muted">{hint}</small>}
      {error && <small class="field-error" id={`${id}-e`}>{error}</small>}
    </div>
  );
}

/** Runs an async action for a form: busy flag and the error to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = useCallback(async (fn) => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError };
}

export const pct = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${(x * 100).toFixed(digits)}%`);
/** A figure already in percent (the track-record stats: 12.5 = 12.5 %). */
export const points = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(Number(x)) ? '–' : `${Number(x).toFixed(digits)}%`);
export const num = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(digits));
/** An amount of money in cents ($0.00 for zero); `money` is for prices, where zero reads "Free". */
export const amount = (cents) => (cents === null || cents === undefined ? '–' : `${cents < 0 ? '−' : ''}$${(Math.abs(cents) / 100).toFixed(2)}`);
export const money = (cents) => (cents === null || cents === undefined ? '–' : cents === 0 ? 'Free' : `$${(cents / 100).toFixed(2)}`);
export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '–');

// Toasts: one live region for the whole app.
const toastListeners = new Set();
export function toast(text, kind = 'info') {
  toastListeners.forEach((l) => l({ id: Math.random(), text, kind }));
}
export function Toasts() {
  const [items, setItems] = useState([]);
  useEffect(() => {
    const add = (t) => {
      setItems((list) => [...list.slice(-4), t]);
      setTimeout(() => setItems((list) => list.filter((x) => x.id !== t.id)), 6000);
    };
    toastListeners.add(add);
    return () => toastListeners.delete(add);
  }, []);
  return (
    <div class="toasts" aria-live="polite" role="status">
      {items.map((t) => <div class={`toast ${t.kind}`} key={t.id}>{t.text}</div>)}
    </div>
  );
}
