// The WebSocket client: authenticates with the in-memory access token, re-subscribes after every reconnect (with
// backoff), drops duplicate deliveries by event id, and reports each reconnect so pages can resume from REST.
import { currentToken, refresh } from './api.js';

const MAX_BACKOFF_MS = 15000;
const SEEN_LIMIT = 5000;

class LiveConnection {
  constructor() {
    this.socket = null;
    this.strategies = new Set();
    this.handlers = new Set();
    this.statusHandlers = new Set();
    this.seen = new Set();
    this.attempt = 0;
    this.wanted = false;
    this.status = 'offline';
    this.timer = null;
    this.pingTimer = null;
    this.connectedOnce = false;
  }

  async url() {
    if (!this.config) {
      try {
        this.config = await (await fetch('config.json', { cache: 'no-store' })).json();
      } catch {
        this.config = {};
      }
    }
    const base = this.config.webSocketUrl
      || `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.hostname}:3001`;
    return `${base}?token=${encodeURIComponent(currentToken() || '')}`;
  }

  start() {
    this.wanted = true;
    if (!this.socket) this.open();
  }

  stop() {
    this.wanted = false;
    clearTimeout(this.timer);
    clearInterval(this.pingTimer);
    if (this.socket) this.socket.close(1000, 'logout');
    this.socket = null;
    this.strategies.clear();
    this.seen.clear();
    this.setStatus('offline');
  }

  setStatus(status) {
    this.status = status;
    this.statusHandlers.forEach((h) => h(status));
  }

  onStatus(handler) {
    this.statusHandlers.add(handler);
    handler(this.status);
    return () => this.statusHandlers.delete(handler);
  }

  /** handler(event, data) for every server event not seen before. */
  onEvent(handler) {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  subscribeSignals(strategyId) {
    this.strategies.add(strategyId);
    this.send({ action: 'subscribe_signals', strategyId });
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  async open() {
    if (!currentToken()) return;
    this.setStatus('connecting');
    const socket = new WebSocket(await this.url());
    this.socket = socket;
    socket.onopen = () => {
      const resumed = this.connectedOnce;
      this.connectedOnce = true;
      this.attempt = 0;
      this.setStatus('live');
      for (const id of this.strategies) this.send({ action: 'subscribe_signals', strategyId: id });
      this.pingTimer = setInterval(() => this.send({ action: 'ping' }), 5 * 60 * 1000);
      if (resumed) this.dispatch('reconnected', {});
    };
    socket.onmessage = (message) => {
      let parsed;
      try { parsed = JSON.parse(message.data); } catch { return; }
      if (!parsed || !parsed.event) return;
      if (parsed.event === 'error' && parsed.data && parsed.data.code === 'TOKEN_EXPIRED') {
        refresh().then((ok) => ok && this.send({ action: 'authenticate', token: currentToken() }))
          .then(() => this.strategies.forEach((id) => this.send({ action: 'subscribe_signals', strategyId: id })));
        return;
      }
      const eventId = parsed.data && parsed.data.eventId;
      if (eventId) {
        if (this.seen.has(eventId)) return; // at-least-once delivery: the same event may arrive twice
        this.seen.add(eventId);
        if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value);
      }
      this.dispatch(parsed.event, parsed.data || {});
    };
    socket.onclose = () => {
      clearInterval(this.pingTimer);
      if (this.socket === socket) this.socket = null;
      if (!this.wanted) return;
      this.setStatus('reconnecting');
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
      this.timer = setTimeout(() => {
        // A closed socket may mean an expired token: refresh first so the handshake is accepted.
        refresh().then(() => this.wanted && this.open());
      }, delay);
    };
  }

  dispatch(event, data) {
    this.handlers.forEach((h) => {
      try { h(event, data); } catch (e) { console.error(e); }
    });
  }
}

export const live = new LiveConnection();
