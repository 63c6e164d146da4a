import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { live } from '../live.js';
import { TradeChart, EquityChart } from '../charts.jsx';
import { useApi, Async, Empty, ErrorBox, Field, useAction, pct, num, when } from '../ui.jsx';

// The catalogue's strategies and their parameters (shared/src/main/resources/com/tradebot/backtest/catalogue).
const CATALOGUE = {
  RSI_MACD: ['rsiPeriod', 'macdFast', 'macdSlow', 'macdSignal', 'oversold', 'overbought'],
  EMA_CROSS: ['fastPeriod', 'slowPeriod'],
  BOLLINGER_REVERSION: ['period', 'k'],
  DONCHIAN_BREAKOUT: ['entryPeriod', 'exitPeriod'],
};
const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'];

export function BacktestLab({ jobId }) {
  const datasets = useApi('/api/market-data/datasets');
  const history = useApi('/api/backtest/history?limit=10');
  return (
    <section>
      <h1>Backtest lab</h1>
      <div class="two-col">
        <Async state={datasets} what="Market data">
          {(d) => <BacktestForm datasets={d.items} onStarted={(id) => { location.hash = `#/backtest/${id}`; history.reload(); }} />}
        </Async>
        <div>
          <h2>Recent runs</h2>
          <Async state={history} what="Backtest history">
            {(page) => (page.items.length === 0 ? <Empty>No backtests yet: pick a strategy and data set and press Run.</Empty> : (
              <ul class="plain">{page.items.map((j) => (
                <li><a href={`#/backtest/${j.id}`}>{j.kind} {j.request && (j.request.strategy || 'rules')} {j.request && j.request.symbol} {j.request && j.request.timeframe}</a> · {j.status} · <small>{when(j.createdAt)}</small></li>
              ))}</ul>
            ))}
          </Async>
        </div>
      </div>
      {jobId && <Job id={jobId} key={jobId} onDone={history.reload} />}
    </section>
  );
}

function BacktestForm({ datasets, onStarted }) {
  const first = datasets[0] || {};
  const [form, setForm] = useState({ strategy: 'RSI_MACD', symbol: first.symbol || 'BTC/USD', timeframe: '15m',
    startDate: '', endDate: '', stopLoss: '', takeProfit: '', mode: 'run', vary: ['rsiPeriod', 'macdFast'] });
  const action = useAction();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const symbols = [...new Set(datasets.map((d) => d.symbol))];
  const chosen = datasets.find((d) => d.symbol === form.symbol);
  const params = CATALOGUE[form.strategy];

  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const body = { strategy: form.strategy, symbol: form.symbol, timeframe: form.timeframe };
      if (form.startDate) body.startDate = new Date(form.startDate).toISOString();
      if (form.endDate) body.endDate = new Date(form.endDate).toISOString();
      if (form.stopLoss) body.stopLoss = Number(form.stopLoss) / 100;
      if (form.takeProfit) body.takeProfit = Number(form.takeProfit) / 100;
      if (form.mode === 'optimize') body.optimize = { parameters: form.vary.filter((p) => params.includes(p)), steps: 7, range: 0.3, objective: 'sharpeRatio', walkForward: { windows: 4, inSampleFraction: 0.75 } };
      const accepted = await api('POST', form.mode === 'optimize' ? '/api/backtest/optimize' : '/api/backtest/run', body);
      onStarted(accepted.id);
    });
  };
  if (datasets.length === 0) return <Empty>No market data is loaded. An admin imports it with POST /api/market-data/import.</Empty>;
  return (
    <form class="card" onSubmit={submit} aria-label="New backtest">
      <Field label="Strategy"><select value={form.strategy} onChange={(e) => setForm({ ...form, strategy: e.target.value, vary: CATALOGUE[e.target.value].slice(0, 2) })}>
        {Object.keys(CATALOGUE).map((s) => <option value={s}>{s}</option>)}</select></Field>
      <Field label="Pair"><select value={form.symbol} onChange={set('symbol')}>{symbols.map((s) => <option value={s}>{s}</option>)}</select></Field>
      <Field label="Timeframe"><select value={form.timeframe} onChange={set('timeframe')}>{TIMEFRAMES.map((t) => <option value={t}>{t}</option>)}</select></Field>
      {chosen && <p class="muted">Data: {when(chosen.from)} – {when(chosen.to)} ({chosen.bars} bars of {chosen.timeframe})</p>}
      <Field label="From (optional)"><input type="datetime-local" value={form.startDate} onInput={set('startDate')} /></Field>
      <Field label="To (optional)"><input type="datetime-local" value={form.endDate} onInput={set('endDate')} /></Field>
      <Field label="Stop-loss % (optional)"><input type="number" min="0" step="0.1" value={form.stopLoss} onInput={set('stopLoss')} /></Field>
      <Field label="Take-profit % (optional)"><input type="number" min="0" step="0.1" value={form.takeProfit} onInput={set('takeProfit')} /></Field>
      <fieldset>
        <legend>Mode</legend>
        <label><input type="radio" name="mode" value="run" checked={form.mode === 'run'} onChange={set('mode')} /> Single run</label>
        <label><input type="radio" name="mode" value="optimize" checked={form.mode === 'optimize'} onChange={set('mode')} /> Optimise two parameters (±30%, 7 steps) with walk-forward</label>
        {form.mode === 'optimize' && [0, 1].map((i) => (
          <Field label={`Parameter ${i + 1}`}><select value={form.vary[i]} onChange={(e) => { const v = [...form.vary]; v[i] = e.target.value; setForm({ ...form, vary: v }); }}>
            {params.map((p) => <option value={p}>{p}</option>)}</select></Field>
        ))}
      </fieldset>
      <ErrorBox error={action.error} />
      <button type="submit" class="primary" disabled={action.busy}>Run backtest</button>
    </form>
  );
}

function Job({ id, onDone }) {
  const [job, setJob] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let stopped = false;
    let timer;
    const poll = () => api('GET', `/api/backtest/${encodeURIComponent(id)}`).then((j) => {
      if (stopped) return;
      setJob(j);
      if (j.status === 'RUNNING') timer = setTimeout(poll, 1000); else onDone();
    }, setError);
    poll();
    // The backtest_completed push ends the wait at once; polling covers a missed push.
    const off = live.onEvent((event, data) => { if (event === 'backtest_completed' && (!data.id || data.id === id)) { clearTimeout(timer); poll(); } });
    return () => { stopped = true; clearTimeout(timer); off(); };
  }, [id]);
  if (error) return <ErrorBox error={error} />;
  if (!job) return <p role="status">Loading backtest…</p>;
  return (
    <article class="card" data-testid="backtest-job" data-status={job.status}>
      <h2>{job.kind} {job.request && (job.request.strategy || 'rules')} · {job.request && job.request.symbol} {job.request && job.request.timeframe}</h2>
      {job.status === 'RUNNING' && <progress max="1" value={job.progress || 0} aria-label="Progress">{pct(job.progress, 0)}</progress>}
      <p role="status">Status: <strong>{job.status}</strong>{job.status === 'RUNNING' && ` (${pct(job.progress, 0)})`}</p>
      {job.status === 'FAILED' && <div class="error" role="alert">{(job.error && (job.error.message || job.error)) || 'The job failed.'} Check the dates and the data set, then run again.</div>}
      {job.status === 'SUCCEEDED' && job.kind === 'OPTIMIZE' && <Optimisation result={job.result} />}
      {job.status === 'SUCCEEDED' && job.kind !== 'OPTIMIZE' && job.result && (job.result.metrics ? <RunResult result={job.result} /> : <pre>{JSON.stringify(job.summary || job.result, null, 2)}</pre>)}
    </article>
  );
}

function Metrics({ m }) {
  return (
    <dl class="stats" data-testid="metrics">
      <div><dt>Trades</dt><dd>{m.totalTrades}</dd></div>
      <div><dt>Win rate</dt><dd>{pct(m.winRate)}</dd></div>
      <div><dt>ROI</dt><dd>{pct(m.roi)}</dd></div>
      <div><dt>Sharpe</dt><dd>{num(m.sharpeRatio)}</dd></div>
      <div><dt>Sortino</dt><dd>{num(m.sortinoRatio)}</dd></div>
      <div><dt>Max drawdown</dt><dd>{pct(m.maxDrawdown)}</dd></div>
      <div><dt>Profit factor</dt><dd>{num(m.profitFactor)}</dd></div>
      <div><dt>Buy &amp; hold</dt><dd>{pct(m.buyAndHoldReturn)}</dd></div>
    </dl>
  );
}

function RunResult({ result }) {
  const trades = result.trades || [];
  return (
    <>
      <Metrics m={result.metrics} />
      <h3>Trades on the price</h3>
      <p class="muted">Entries (▲ buy / ▼ sell) and exits drawn on the fill prices; the API gives trades, not the candles.</p>
      {trades.length ? <TradeChart trades={trades} label={`Trade entries and exits, ${trades.length} trades`} /> : <Empty>The strategy made no trade in this window: try a longer window or another timeframe.</Empty>}
      <EquityChart label="Equity and drawdown" points={(result.equityCurve || []).map((p) => ({ t: new Date(p.t).getTime() / 1000, v: p.equity }))} />
      {trades.length > 0 && (
        <div class="scroll"><table>
          <caption>Trades</caption>
          <thead><tr><th scope="col">Side</th><th scope="col">Entry</th><th scope="col">Price</th><th scope="col">Exit</th><th scope="col">Price</th><th scope="col">PnL</th><th scope="col">Reason</th></tr></thead>
          <tbody>{trades.map((t) => <tr><td>{t.side}</td><td>{when(t.entryTime)}</td><td>{num(t.entryPrice)}</td><td>{when(t.exitTime)}</td><td>{num(t.exitPrice)}</td><td class={t.pnl >= 0 ? 'up' : 'down'}>{num(t.pnl)}</td><td>{t.exitReason}</td></tr>)}</tbody>
        </table></div>
      )}
    </>
  );
}

function Optimisation({ result }) {
  const names = Object.keys(result.grid || {});
  const [px, py] = names;
  const cell = new Map();
  let lo = Infinity; let hi = -Infinity;
  for (const t of result.top || []) {
    const key = `${t.parameters[px]}|${t.parameters[py]}`;
    if (!cell.has(key) || cell.get(key) < t.objective) cell.set(key, t.objective);
    lo = Math.min(lo, t.objective); hi = Math.max(hi, t.objective);
  }
  const shade = (v) => (v === undefined ? undefined : `hsl(${Math.round(120 * (hi > lo ? (v - lo) / (hi - lo) : 1))}, 60%, 80%)`);
  return (
    <>
      <p data-testid="robustness">Robustness score: <strong>{result.robustness ? num(result.robustness.score, 0) : '–'}</strong> / 100
        (neighbour stability {result.robustness ? num(result.robustness.neighbourStability) : '–'}, walk-forward efficiency {result.robustness ? num(result.robustness.walkForwardEfficiency) : '–'})</p>
      {result.best && result.best.metrics && <><h3>Best parameter set</h3><Metrics m={result.best.metrics} /></>}
      {px && py && (
        <div class="scroll"><table class="heatmap" data-testid="heatmap">
          <caption>{result.objective} over the ±30% grid ({px} × {py}); the {(result.top || []).length} best of {result.parameterSets} sets are shown, other cells are blank</caption>
          <thead><tr><th scope="col">{py} \ {px}</th>{result.grid[px].map((x) => <th scope="col">{num(x, 2)}</th>)}</tr></thead>
          <tbody>{result.grid[py].map((y) => (
            <tr><th scope="row">{num(y, 2)}</th>{result.grid[px].map((x) => { const v = cell.get(`${x}|${y}`); return <td style={{ background: shade(v) }}>{v === undefined ? '' : num(v)}</td>; })}</tr>
          ))}</tbody>
        </table></div>
      )}
      <h3>Walk-forward</h3>
      {(result.walkForward || []).length === 0 ? <Empty>Too little data for walk-forward windows.</Empty> : (
        <div class="scroll"><table data-testid="walk-forward">
          <caption>Each window's best in-sample set, tested on the next out-of-sample window</caption>
          <thead><tr><th scope="col">#</th><th scope="col">Parameters</th><th scope="col">In-sample</th><th scope="col">{result.objective}</th><th scope="col">Out-of-sample</th><th scope="col">{result.objective}</th></tr></thead>
          <tbody>{result.walkForward.map((f, i) => (
            <tr><td>{i + 1}</td><td>{Object.entries(f.parameters).map(([k, v]) => `${k}=${num(v, 2)}`).join(', ')}</td><td>{when(f.inSample.from)} – {when(f.inSample.to)}</td><td>{num(f.inSample.objective)}</td><td>{when(f.outOfSample.from)} – {when(f.outOfSample.to)}</td><td>{num(f.outOfSample.objective)}</td></tr>
          ))}</tbody>
        </table></div>
      )}
    </>
  );
}
