import { useState } from 'preact/hooks';
import { useApi, Async, Empty, points, num, money } from '../ui.jsx';

/**
 * The walk-forward robustness score (0..100) the platform stores on a strategy when its owner optimises it
 * (`POST /api/backtest/optimize` with `strategyId`); null when never measured. Never estimated here.
 */
export function robustnessScore(strategy) {
  return strategy && strategy.robustness && strategy.robustness.score != null
    ? Math.round(strategy.robustness.score) : null;
}

export function Marketplace() {
  const [filters, setFilters] = useState({ sort: 'newest', category: '', pair: '', maxPrice: '', minWinRate: '' });
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  const state = useApi(`/api/strategies?${query}`);
  const set = (k) => (e) => setFilters({ ...filters, [k]: e.target.value });

  return (
    <section>
      <h1>Marketplace</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter strategies">
        <label>Sort <select value={filters.sort} onChange={set('sort')}>
          <option value="newest">Newest</option><option value="subscribers">Subscribers</option>
          <option value="return">Return</option><option value="rating">Rating</option><option value="price">Price</option>
        </select></label>
        <label>Category <input value={filters.category} onChange={set('category')} placeholder="trend" /></label>
        <label>Pair <input value={filters.pair} onChange={set('pair')} placeholder="BTC/USDT" /></label>
        <label>Max price ($) <input type="number" min="0" value={filters.maxPrice} onChange={set('maxPrice')} /></label>
        <label>Min win rate (%) <input type="number" min="0" max="100" step="5" value={filters.minWinRate} onChange={set('minWinRate')} /></label>
      </form>
      <Async state={state} what="The marketplace">
        {(page) => (page.items.length === 0
          ? <Empty>No strategy matches these filters. Clear a filter, or, as a provider, publish one from the provider console.</Empty>
          : (
            <ul class="cards" data-testid="strategy-list">
              {page.items.map((s) => <StrategyCard strategy={s} />)}
            </ul>
          ))}
      </Async>
    </section>
  );
}

function StrategyCard({ strategy: s }) {
  const stats = s.stats || {};
  const score = robustnessScore(s);
  return (
    <li class="card strategy-card">
      <h2><a href={`#/strategy/${encodeURIComponent(s.id)}`}>{s.name}</a></h2>
      <p class="muted">{s.category || 'uncategorised'} · {(s.supportedPairs || []).join(', ') || 'any pair'} · {money(s.monthlyPriceCents)}/month</p>
      <dl class="stats">
        <div><dt>Signals</dt><dd>{stats.signals ?? 0}</dd></div>
        <div><dt>Win rate</dt><dd>{points(stats.winRate)}</dd></div>
        <div><dt>Return</dt><dd>{points(stats.cumulativeReturn)}</dd></div>
        <div><dt>Max DD</dt><dd>{points(stats.maxDrawdown)}</dd></div>
        <div><dt>Robustness</dt><dd title="Walk-forward robustness from the last optimisation by its owner">{score ?? '–'}</dd></div>
        <div><dt>Rating</dt><dd>{s.reviewCount ? `${num(s.ratingAverage, 1)} (${s.reviewCount})` : '–'}</dd></div>
      </dl>
    </li>
  );
}
