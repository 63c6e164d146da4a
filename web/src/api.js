// REST client. The access token lives only in this module's memory; the refresh token only in the tb_refresh cookie
// (HttpOnly, Secure, SameSite=Strict, Path=/api/auth) that the API sets, so script never reads it. Every
// state-changing request is JSON (the API answers 415 to anything else): with SameSite=Strict that keeps other sites
// from riding the cookie.
let accessToken = null;
let refreshing = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.details = details;
  }
  /** The endpoint is not deployed (yet): pages show a "not available" state. */
  get notAvailable() {
    return this.status === 404 && (this.code === 'NOT_FOUND' || this.code === undefined || this.code === 'MISSING_AUTHENTICATION_TOKEN');
  }
}

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setSession(session) {
  accessToken = session ? session.accessToken : null;
  listeners.forEach((l) => l(session ? session.user : null));
}

export function currentToken() {
  return accessToken;
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { raw: text }; }
  }
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    const message = error.message || (data && data.message) || `HTTP ${response.status}`;
    throw new ApiError(response.status, error.code, message, error.details);
  }
  return data;
}

/** Calls the API; on a 401 with a token it refreshes once through the cookie and retries. */
export async function api(method, path, body) {
  try {
    return await send(method, path, body);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && accessToken && !path.startsWith('/api/auth/')) {
      if (await refresh()) return send(method, path, body);
    }
    throw e;
  }
}

/** Trades the refresh cookie for a new pair; false when there is no (valid) cookie. */
export function refresh() {
  if (!refreshing) {
    refreshing = send('POST', '/api/auth/refresh', {})
      .then((session) => { setSession(session); return true; })
      .catch(() => { setSession(null); return false; })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

export async function login(email, password, totpCode) {
  const body = { email, password };
  if (totpCode) body.totpCode = totpCode;
  setSession(await send('POST', '/api/auth/login', body));
}

export async function register(email, password, name, role) {
  setSession(await send('POST', '/api/auth/register', { email, password, name, role }));
}

export async function logout() {
  try {
    await send('POST', '/api/auth/logout', {});
  } finally {
    setSession(null);
  }
}

/** Ends every session of the caller on every device (and clears this browser's cookie), then this page's. */
export async function logoutEverywhere() {
  try {
    await send('POST', '/api/auth/logout-all', {});
  } finally {
    setSession(null);
  }
}

/** The first error detail per field, for forms. */
export function fieldErrors(error) {
  const out = {};
  if (error && Array.isArray(error.details)) {
    for (const d of error.details) if (d && d.field && !out[d.field]) out[d.field] = d.message;
  }
  return out;
}
