import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './styles.css';
import { logout, onSessionChange, refresh } from './api.js';
import { live } from './live.js';
import { Toasts, toast } from './ui.jsx';
import { SignIn } from './pages/signin.jsx';
import { Marketplace } from './pages/marketplace.jsx';
import { StrategyPage } from './pages/strategy.jsx';
import { Signals } from './pages/signals.jsx';
import { BacktestLab } from './pages/backtest.jsx';
import { StrategyLab } from './pages/lab.jsx';
import { Trading } from './pages/trading.jsx';
import { ProviderConsole } from './pages/provider.jsx';
import { Account } from './pages/account.jsx';
import { Admin } from './pages/admin.jsx';

// Hash routes: the static host (S3 behind CloudFront, or the local platform) serves one index.html.
function useRoute() {
  const read = () => (location.hash.replace(/^#/, '') || '/marketplace').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => { setRoute(read()); window.scrollTo(0, 0); };
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

const NAV = [
  ['marketplace', 'Marketplace', () => true],
  ['signals', 'Live signals', (u) => !!u],
  ['backtest', 'Backtest lab', (u) => !!u],
  ['lab', 'Strategy lab', (u) => !!u],
  ['trading', 'Trading', (u) => !!u],
  ['provider', 'Provider console', (u) => u && (u.role === 'PROVIDER' || u.role === 'ADMIN')],
  ['account', 'Account', (u) => !!u],
  ['admin', 'Admin', (u) => u && u.role === 'ADMIN'],
];

function App() {
  const [user, setUser] = useState(undefined); // undefined: still asking the cookie
  const [liveStatus, setLiveStatus] = useState('offline');
  const route = useRoute();

  useEffect(() => {
    const off = onSessionChange((u) => {
      setUser(u);
      if (u) live.start(); else live.stop();
    });
    refresh(); // a reload keeps the session through the HttpOnly cookie, never through storage
    const offStatus = live.onStatus(setLiveStatus);
    const offEvents = live.onEvent((event, data) => {
      if (event === 'signal_new' && data.signal) toast(`New signal: ${data.signal.side} ${data.signal.pair} @ ${data.signal.entryPrice}`, 'signal');
      if (event === 'signal_closed' && data.signal) toast(`Signal closed: ${data.signal.pair} ${data.signal.status}`, 'signal');
      if (event === 'backtest_completed') toast(`Backtest ${data.status === 'FAILED' ? 'failed' : 'finished'}`, 'info');
    });
    return () => { off(); offStatus(); offEvents(); };
  }, []);

  const [page, ...rest] = route;
  const signedIn = !!user;
  let content;
  if (user === undefined) content = <p class="muted" role="status">Loading…</p>;
  else if (page === 'signin' || page === 'register') content = <SignIn mode={page} />;
  else if (page === 'marketplace') content = <Marketplace user={user} />;
  else if (page === 'strategy') content = <StrategyPage id={rest[0]} user={user} />;
  else if (!signedIn) content = <SignIn mode="signin" reason="Sign in to open this page." />;
  else if (page === 'signals') content = <Signals user={user} />;
  else if (page === 'backtest') content = <BacktestLab user={user} jobId={rest[0]} />;
  else if (page === 'lab') content = <StrategyLab user={user} strategyId={rest[0] === 'strategy' ? rest[1] : undefined} key={rest.join('/')} />;
  else if (page === 'trading') content = <Trading user={user} />;
  else if (page === 'provider') content = <ProviderConsole user={user} />;
  else if (page === 'account') content = <Account user={user} />;
  else if (page === 'admin') content = <Admin user={user} />;
  else content = <p>There is no page here. <a href="#/marketplace">Go to the marketplace</a>.</p>;

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
      <header class="top">
        <a class="brand" href="#/marketplace">TradeBot</a>
        <nav aria-label="Main">
          <ul>
            {NAV.filter(([, , show]) => show(user)).map(([id, label]) => (
              <li><a href={`#/${id}`} aria-current={page === id ? 'page' : undefined}>{label}</a></li>
            ))}
          </ul>
        </nav>
        <div class="who">
          {signedIn && <span class={`live-dot ${liveStatus}`} title={`Live updates: ${liveStatus}`} data-testid="live-status">{liveStatus}</span>}
          {signedIn ? (
            <>
              <span class="muted" data-testid="who">{user.name} · {user.role}</span>
              <button type="button" onClick={() => logout().then(() => { location.hash = '#/signin'; })}>Sign out</button>
            </>
          ) : (
            <>
              <a href="#/signin">Sign in</a> <a class="button" href="#/register">Create account</a>
            </>
          )}
        </div>
      </header>
      <main id="main" tabindex="-1">{content}</main>
      <Toasts />
    </>
  );
}

render(<App />, document.getElementById('app'));
