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
const tfMinutes = (tf) => ({ m: 1, h: 60, d: 1440 }[String(tf).slice(-1)] || 1) * parseInt(tf, 10);

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
  // the longest data set first: enough bars for the walk-forward windows of an optimisation
  const first = [...datasets].sort((a, b) => b.bars * tfMinutes(b.timeframe) - a.bars * tfMinutes(a.timeframe))[0] || {};
  const [form, setForm] = useState({ strategy: 'RSI_MACD', symbol: first.symbol || 'BTC/USD', timeframe: '15m',
    startDate: '', endDate: '', stopLoss: '', takeProfit: '', mode: 'run', vary: ['rsiPeriod', 'macdFast'], batchTimeframes: ['5m', '15m', '1h'] });
  const action = useAction();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const symbols = [...new Set(datasets.map((d) => d.symbol))];
  const chosen = datasets.find((d) => d.symbol === form.symbol);
  const params = CATALOGUE[form.strategy];

  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const body = form.mode === 'batch'
        ? { strategy: form.strategy, symbols: form.batchSymbols || symbols, timeframes: form.batchTimeframes }
        : { strategy: form.strategy, symbol: form.symbol, timeframe: form.timeframe };
      if (form.startDate) body.startDate = new Date(form.startDate).toISOString();
      if (form.endDate) body.endDate = new Date(form.endDate).toISOString();
      if (form.stopLoss) body.stopLoss = Number(form.stopLoss) / 100;
      if (form.takeProfit) body.takeProfit = Number(form.takeProfit) / 100;
      if (form.mode === 'optimize') body.optimize = { parameters: form.vary.filter((p) => params.includes(p)), steps: 7, range: 0.3, objective: 'sharpeRatio', walkForward: { windows: 4, inSampleFraction: 0.75 } };
      const route = { optimize: '/api/backtest/optimize', batch: '/api/backtest/batch' }[form.mode] || '/api/backtest/run';
      const accepted = await api('POST', route, body);
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
        <label><input type="radio" name="mode" value="batch" checked={form.mode === 'batch'} onChange={set('mode')} /> Batch: several pairs × several timeframes</label>
        {form.mode === 'batch' && (
          <fieldset>
            <legend>Pairs of the batch</legend>
            {symbols.map((p) => {
              const chosenPairs = form.batchSymbols || symbols;
              return (
                <label class="inline-check"><input type="checkbox" checked={chosenPairs.includes(p)}
                  onChange={(e) => setForm({ ...form, batchSymbols: e.target.checked ? [...chosenPairs, p] : chosenPairs.filter((x) => x !== p) })} /> {p}</label>
              );
            })}
          </fieldset>
        )}
        {form.mode === 'batch' && (
          <fieldset>
            <legend>Timeframes of the batch</legend>
            {TIMEFRAMES.map((t) => (
              <label class="inline-check"><input type="checkbox" checked={form.batchTimeframes.includes(t)}
                onChange={(e) => setForm({ ...form, batchTimeframes: e.target.checked ? [...form.batchTimeframes, t] : form.batchTimeframes.filter((x) => x !== t) })} /> {t}</label>
            ))}
          </fieldset>
        )}
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

export function Job({ id, onDone }) {
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
      <h2>{job.kind} {job.request && (job.request.strategy || 'rules')} · {job.request && (job.request.symbol || (job.request.symbols || []).join(', '))} {job.request && (job.request.timeframe || (job.request.timeframes || []).join(', '))}</h2>
      {job.status === 'RUNNING' && <progress max="1" value={job.progress || 0} aria-label="Progress">{pct(job.progress, 0)}</progress>}
      <p role="status">Status: <strong>{job.status}</strong>{job.status === 'RUNNING' && ` (${pct(job.progress, 0)})`}</p>
      {job.status === 'FAILED' && <div class="error" role="alert">{(job.error && (job.error.message || job.error)) || 'The job failed.'} Check the dates and the data set, then run again.</div>}
      {job.status === 'SUCCEEDED' && job.kind === 'OPTIMIZE' && <Optimisation result={job.result} />}
      {job.status === 'SUCCEEDED' && job.kind === 'BATCH' && <Batch result={job.result} />}
      {job.status === 'SUCCEEDED' && job.kind !== 'OPTIMIZE' && job.kind !== 'BATCH' && job.result && (job.result.metrics ? <RunResult result={job.result} /> : <pre>{JSON.stringify(job.summary || job.result, null, 2)}</pre>)}
    </article>
  );
}

/** A batch's pairs × timeframes side by side; one row opens that run's chart and trades. */
function Batch({ result }) {
  const rows = (result && result.results) || [];
  const [open, setOpen] = useState(null);
  if (rows.length === 0) return <Empty>The batch produced no result: check that the pairs have data for these timeframes.</Empty>;
  const chosen = open === null ? null : rows[open];
  return (
    <>
      <div class="scroll"><table data-testid="batch-results">
        <caption>Every pair × timeframe of the batch</caption>
        <thead><tr><th scope="col">Pair</th><th scope="col">Timeframe</th><th scope="col">Bars</th><th scope="col">Trades</th><th scope="col">Win rate</th><th scope="col">ROI</th><th scope="col">Max drawdown</th><th scope="col">Sharpe</th><th scope="col">Profit factor</th><th scope="col"><span class="sr-only">Details</span></th></tr></thead>
        <tbody>{rows.map((r, i) => (r.metrics ? (
          <tr><th scope="row">{r.symbol}</th><td>{r.timeframe}</td><td>{r.bars ?? '–'}</td><td>{r.metrics.totalTrades}</td><td>{pct(r.metrics.winRate)}</td><td>{pct(r.metrics.roi)}</td><td>{pct(r.metrics.maxDrawdown)}</td><td>{num(r.metrics.sharpeRatio)}</td><td>{num(r.metrics.profitFactor)}</td>
            <td><button type="button" class="link" aria-expanded={open === i} onClick={() => setOpen(open === i ? null : i)}>{open === i ? 'Hide' : 'Chart'}<span class="sr-only"> {r.symbol} {r.timeframe}</span></button></td></tr>
        ) : (
          <tr><th scope="row">{r.symbol}</th><td>{r.timeframe}</td><td colSpan="8">{(r.error && (r.error.message || r.error)) || 'No result (no data in the window?)'}</td></tr>
        )))}</tbody>
      </table></div>
      {chosen && chosen.metrics && <div class="card"><h3>{chosen.symbol} {chosen.timeframe}</h3><RunResult result={chosen} key={open} /></div>}
    </>
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

const MAX_CHART_BARS = 20000;

/** The run's own bars from GET /api/market-data/candles, page by page (at most MAX_CHART_BARS). */
function useCandles(result) {
  const [state, setState] = useState({ loading: true, bars: null, truncated: false, error: null });
  useEffect(() => {
    let stopped = false;
    (async () => {
      const q = new URLSearchParams({ symbol: result.symbol, timeframe: result.timeframe, limit: '5000' });
      if (result.exchange) q.set('exchange', result.exchange);
      if (result.from) q.set('from', result.from);
      // "to" is the last bar's open time; the route's "to" is exclusive
      if (result.to) q.set('to', new Date(new Date(result.to).getTime() + 1000).toISOString());
      const bars = [];
      let cursor = null;
      do {
        if (cursor) q.set('cursor', cursor);
        const page = await api('GET', `/api/market-data/candles?${q}`);
        for (const b of page.items) bars.push({ time: Math.floor(new Date(b.time).getTime() / 1000), open: b.open, high: b.high, low: b.low, close: b.close });
        cursor = page.nextCursor;
      } while (cursor && bars.length < MAX_CHART_BARS);
      if (!stopped) setState({ loading: false, bars, truncated: !!cursor, error: null });
    })().catch((error) => { if (!stopped) setState({ loading: false, bars: null, truncated: false, error }); });
    return () => { stopped = true; };
  }, [`${result.exchange}|${result.symbol}|${result.timeframe}|${result.from}|${result.to}`]);
  return state;
}

export function RunResult({ result }) {
  const trades = result.trades || [];
  const candles = useCandles(result);
  return (
    <>
      <Metrics m={result.metrics} />
      <h3>Trades on the price</h3>
      <p class="muted">Candles of {result.symbol} {result.timeframe}{result.exchange ? ` (${result.exchange})` : ''} with entries (▲ buy / ▼ sell) and exits drawn on them.
        {candles.truncated && ` Showing the first ${candles.bars.length} bars.`}
        {candles.error && ' The candles could not be loaded, so the fill prices are drawn as a line.'}</p>
      {candles.loading ? <p class="muted" role="status">Loading candles…</p>
        : (trades.length || (candles.bars && candles.bars.length)) ? <TradeChart trades={trades} candles={candles.bars} label={`Candles with trade entries and exits, ${trades.length} trades`} />
          : <Empty>The strategy made no trade in this window: try a longer window or another timeframe.</Empty>}
      {!candles.loading && trades.length === 0 && candles.bars && candles.bars.length > 0 && <Empty>The strategy made no trade in this window: try a longer window or another timeframe.</Empty>}
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

/**
 * The objective over the grid of the first two varied parameters. `gridScores` (every set, index order: the last
 * parameter varies fastest) fills every cell, taking the best over any further parameters; an older result without
 * it falls back to the top sets.
 */
function heatmapCells(result, px, py) {
  const names = Object.keys(result.grid || {});
  const cell = new Map();
  const put = (x, y, v) => { const key = `${x}|${y}`; if (v !== null && v !== undefined && (!cell.has(key) || cell.get(key) < v)) cell.set(key, v); };
  if (Array.isArray(result.gridScores)) {
    const sizes = names.map((n) => result.grid[n].length);
    result.gridScores.forEach((v, index) => {
      let rest = index;
      const c = new Array(names.length);
      for (let d = names.length - 1; d >= 0; d--) { c[d] = rest % sizes[d]; rest = Math.floor(rest / sizes[d]); }
      put(result.grid[px][c[names.indexOf(px)]], result.grid[py][c[names.indexOf(py)]], v);
    });
  } else {
    for (const t of result.top || []) put(t.parameters[px], t.parameters[py], t.objective);
  }
  return cell;
}

function Optimisation({ result }) {
  const names = Object.keys(result.grid || {});
  const [px, py] = names;
  const cell = px && py ? heatmapCells(result, px, py) : new Map();
  let lo = Infinity; let hi = -Infinity;
  for (const v of cell.values()) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const full = Array.isArray(result.gridScores);
  const shade = (v) => (v === undefined ? undefined : `hsl(${Math.round(120 * (hi > lo ? (v - lo) / (hi - lo) : 1))}, 60%, 80%)`);
  return (
    <>
      <p data-testid="robustness">Robustness score: <strong>{result.robustness ? num(result.robustness.score, 0) : '–'}</strong> / 100
        (neighbour stability {result.robustness ? num(result.robustness.neighbourStability) : '–'}, walk-forward efficiency {result.robustness ? num(result.robustness.walkForwardEfficiency) : '–'})</p>
      {result.best && result.best.metrics && <><h3>Best parameter set</h3><Metrics m={result.best.metrics} /></>}
      {px && py && (
        <div class="scroll"><table class="heatmap" data-testid="heatmap" data-cells={cell.size}>
          <caption>{result.objective} over the ±30% grid ({px} × {py}){full ? `: all ${result.parameterSets} sets${names.length > 2 ? ', the best over the other parameters in each cell' : ''}; blank cells break a constraint of the strategy` : `; the ${(result.top || []).length} best of ${result.parameterSets} sets are shown, other cells are blank`}</caption>
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
