import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { Job } from './backtest.jsx';
import { useApi, Async, Empty, ErrorBox, Field, useAction, pct, num, when } from '../ui.jsx';

// Strategy lab: Pine Script v5 → rule document (POST /api/strategies/import/pine), a backtest of it on the bundled
// data (POST /api/backtest/run, the backtest lab's job view), and the consultant (POST /api/advisor/ask) whose
// suggestions are all backtested out of sample beside the original.
const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'];
const EXAMPLE = `//@version=5
strategy("EMA Cross", overlay=true)
fast = input.int(9, "Fast EMA")
slow = input.int(21, "Slow EMA")
if ta.crossover(ta.ema(close, fast), ta.ema(close, slow))
    strategy.entry("Long", strategy.long)
if ta.crossunder(ta.ema(close, fast), ta.ema(close, slow))
    strategy.close("Long")`;

export function StrategyLab({ strategyId, user }) {
  const datasets = useApi('/api/market-data/datasets');
  const [imported, setImported] = useState(null);
  const [market, setMarket] = useState(null); // {symbol, timeframe} chosen once the data sets are known
  const imports = useRef(0);
  const onImported = (r) => setImported(r && { ...r, seq: ++imports.current });
  return (
    <section>
      <h1>Strategy lab</h1>
      <p class="muted">Paste a Pine Script v5 strategy from TradingView, turn it into a rule document, backtest it on the
        bundled market data and ask the consultant how to improve it. Every change the consultant suggests has been
        backtested on data it was not tuned on.</p>
      <PineImport onImported={onImported} />
      <Async state={datasets} what="Market data">
        {(d) => (
          <>
            <MarketChoice datasets={d.items} value={market} onChange={setMarket} />
            {/* a new import starts step 2 afresh: no job of an older rule document stays on screen */}
            {d.items.length > 0 && <RulesBacktest key={imported ? imported.seq : 0} imported={imported} market={market || defaultMarket(d.items)} />}
            {d.items.length > 0 && <Consultant imported={imported} strategyId={strategyId} market={market || defaultMarket(d.items)} />}
            {imported && user && user.role === 'PROVIDER' && <SaveAsStrategy key={imported.seq} imported={imported} market={market || defaultMarket(d.items)} />}
          </>
        )}
      </Async>
    </section>
  );
}

/** The bundled data set with the most bars: 15m BTC/USD in the shipped data. */
function defaultMarket(datasets) {
  const first = [...datasets].sort((a, b) => b.bars - a.bars)[0];
  return first ? { symbol: first.symbol, timeframe: first.timeframe } : { symbol: 'BTC/USD', timeframe: '15m' };
}

function MarketChoice({ datasets, value, onChange }) {
  if (datasets.length === 0) return <Empty>No market data is loaded, so nothing can be backtested yet. An admin imports it with POST /api/market-data/import.</Empty>;
  const v = value || defaultMarket(datasets);
  const symbols = [...new Set(datasets.map((d) => d.symbol))];
  const chosen = datasets.find((d) => d.symbol === v.symbol);
  return (
    <div class="card">
      <h2>Market data</h2>
      <div class="inline">
        <Field label="Pair"><select value={v.symbol} onChange={(e) => onChange({ ...v, symbol: e.target.value })}>{symbols.map((s) => <option value={s}>{s}</option>)}</select></Field>
        <Field label="Timeframe"><select value={v.timeframe} onChange={(e) => onChange({ ...v, timeframe: e.target.value })}>{TIMEFRAMES.map((t) => <option value={t}>{t}</option>)}</select></Field>
      </div>
      {chosen && <p class="muted">Bundled data: {when(chosen.from)} – {when(chosen.to)} ({chosen.bars} bars of {chosen.timeframe}; longer timeframes are built from them).</p>}
    </div>
  );
}

function PineImport({ onImported }) {
  const [script, setScript] = useState('');
  const [result, setResult] = useState(null);
  const action = useAction();
  const area = useRef(null);
  const submit = (e) => {
    e.preventDefault();
    setResult(null);
    onImported(null);
    action.run(async () => {
      const r = await api('POST', '/api/strategies/import/pine', { script });
      setResult(r);
      onImported(r);
    });
  };
  // Puts the caret on a diagnostic's line and column (1-based) in the script box.
  const goTo = (line, column) => {
    const el = area.current;
    if (!el) return;
    const lines = el.value.split('\n');
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
    offset += Math.max(0, column - 1);
    el.focus();
    el.setSelectionRange(offset, offset + 1);
  };
  const unsupported = action.error && action.error.code === 'PINE_UNSUPPORTED';
  return (
    <form class="card" onSubmit={submit} aria-labelledby="pine-h">
      <h2 id="pine-h">1. Import a Pine Script strategy</h2>
      <Field label="Pine Script v5" hint="Supported: input.*, ta.* indicators (sma, ema, rsi, macd, bb, atr, stoch, supertrend, highest/lowest), crossover/crossunder, if blocks, strategy.entry/exit/close. Anything else is reported with its line and column.">
        <textarea ref={area} rows="12" spellcheck={false} class="code" value={script} onInput={(e) => setScript(e.target.value)} placeholder={EXAMPLE} />
      </Field>
      <div class="inline">
        <button type="submit" class="primary" disabled={action.busy || !script.trim()}>Import script</button>
        {!script.trim() && <button type="button" onClick={() => setScript(EXAMPLE)}>Use an example script</button>}
      </div>
      {action.busy && <p role="status">Translating…</p>}
      {unsupported ? (
        <div class="error" role="alert" data-testid="pine-errors">
          <p><strong>The script cannot be imported as it is.</strong> Fix or remove the parts below (each at its line and column), then import again.</p>
          <Diagnostics items={action.error.details} goTo={goTo} />
        </div>
      ) : <ErrorBox error={action.error} />}
      {result && <Imported result={result} goTo={goTo} />}
    </form>
  );
}

function Diagnostics({ items, goTo }) {
  if (!items || items.length === 0) return null;
  return (
    <ul class="diagnostics" data-testid="pine-diagnostics">
      {items.map((d) => (
        <li data-line={d.line} data-column={d.column}>
          <button type="button" class="link" onClick={() => goTo(d.line, d.column)}>Line {d.line}, column {d.column}</button>
          {' '}<span class="sev">{d.severity}</span> {d.message}{d.code ? <small class="muted"> ({d.code})</small> : null}
        </li>
      ))}
    </ul>
  );
}

function Imported({ result, goTo }) {
  const bt = result.backtest || {};
  return (
    <div data-testid="pine-result">
      <p role="status" class="badge ok">Imported “{result.name || 'strategy'}” as a rule document.</p>
      {Object.keys(bt).length > 0 && (
        <p class="muted">Backtest settings from the script: {Object.entries(bt).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ')}</p>
      )}
      {(result.diagnostics || []).length > 0 && (
        <div class="notice"><p>Notes on the translation:</p><Diagnostics items={result.diagnostics} goTo={goTo} /></div>
      )}
      <details>
        <summary>Rule document</summary>
        <pre class="code scroll" data-testid="rule-document" tabindex="0" aria-label="Rule document (JSON)">{JSON.stringify(result.rules, null, 2)}</pre>
      </details>
    </div>
  );
}

/** The backtest request fields of the imported strategy: the rule document plus what the script fixes. */
function rulesRequest(imported, market) {
  return { ...(imported.backtest || {}), rules: imported.rules, symbol: market.symbol, timeframe: market.timeframe };
}

function RulesBacktest({ imported, market }) {
  const [jobId, setJobId] = useState(null);
  const action = useAction();
  const run = () => action.run(async () => {
    setJobId(null);
    const accepted = await api('POST', '/api/backtest/run', rulesRequest(imported, market));
    setJobId(accepted.id);
  });
  return (
    <div class="card">
      <h2>2. Backtest the rule document</h2>
      {!imported ? <Empty>Import a script first (step 1); its rule document is backtested on {market.symbol} {market.timeframe}.</Empty> : (
        <>
          <p>Runs “{imported.name || 'the imported strategy'}” over all the bundled {market.symbol} data at {market.timeframe}. The run also appears in the <a href="#/backtest">backtest lab</a>'s recent runs.</p>
          <button type="button" class="primary" onClick={run} disabled={action.busy}>Backtest imported rules</button>
          <ErrorBox error={action.error} />
        </>
      )}
      {jobId && <Job id={jobId} key={jobId} onDone={() => {}} />}
    </div>
  );
}

function Consultant({ imported, strategyId, market }) {
  const [source, setSource] = useState(strategyId ? 'strategy' : 'imported');
  const [id, setId] = useState(strategyId || '');
  const [question, setQuestion] = useState('How do I reduce its drawdown?');
  const [answer, setAnswer] = useState(null);
  const action = useAction();
  // an answer about an earlier import is not shown beside a new one
  useEffect(() => { if (source === 'imported') { setAnswer(null); action.setError(null); } }, [imported]);
  const ask = (e) => {
    e.preventDefault();
    setAnswer(null);
    action.run(async () => {
      const body = source === 'imported'
        ? { ...rulesRequest(imported, market), question }
        : { strategyId: id.trim(), symbol: market.symbol, timeframe: market.timeframe, question };
      setAnswer(await api('POST', '/api/advisor/ask', body));
    });
  };
  const ready = question.trim() && (source === 'imported' ? !!imported : !!id.trim());
  const limit = action.error && action.error.status === 429;
  return (
    <form class="card" onSubmit={ask} aria-labelledby="advisor-h">
      <h2 id="advisor-h">3. Ask the strategy consultant</h2>
      <fieldset>
        <legend>About</legend>
        <label><input type="radio" name="advisor-source" value="imported" checked={source === 'imported'} onChange={() => setSource('imported')} /> The imported script's rule document{!imported && ' (import one in step 1)'}</label>
        <label><input type="radio" name="advisor-source" value="strategy" checked={source === 'strategy'} onChange={() => setSource('strategy')} /> A marketplace strategy</label>
        {source === 'strategy' && (
          <Field label="Strategy id" hint="Shown in the strategy page's address (#/strategy/…); the strategy needs a backtest definition.">
            <input value={id} onInput={(e) => setId(e.target.value)} autocomplete="off" />
          </Field>
        )}
      </fieldset>
      <Field label="Your question" hint="Say what to improve: drawdown, win rate, return or risk-adjusted return. The question only picks the goal; it never changes what is run.">
        <textarea rows="2" maxlength="1000" value={question} onInput={(e) => setQuestion(e.target.value)} />
      </Field>
      <button type="submit" class="primary" disabled={action.busy || !ready}>Ask the consultant</button>
      {action.busy && <p role="status">The consultant is backtesting its candidate changes on {market.symbol} {market.timeframe}; this takes a few seconds…</p>}
      {limit ? (
        <div class="error" role="alert" data-testid="advisor-limit">
          <strong>Daily limit reached.</strong> {action.error.message}. Asking again about the same strategy and question is answered from the cache and does not count.
        </div>
      ) : <ErrorBox error={action.error} />}
      {answer && <Answer a={answer} />}
    </form>
  );
}

/** DRAWDOWN → "drawdown", RISK_ADJUSTED → "risk adjusted". */
const focusText = (focus) => (focus ? focus.replace('_', ' ').toLowerCase() : '');

const FIGURES = [['totalTrades', 'Trades', (v) => v ?? '–'], ['roi', 'ROI', pct], ['maxDrawdown', 'Max drawdown', pct], ['sharpeRatio', 'Sharpe', num], ['winRate', 'Win rate', pct]];

function Figures({ f }) {
  return FIGURES.map(([k, , fmt]) => <td>{f ? fmt(f[k]) : '–'}</td>);
}

function Answer({ a }) {
  const w = a.window || {};
  const suggestions = a.suggestions || [];
  return (
    <div data-testid="advisor-answer" data-suggestions={suggestions.length}>
      <h3>Answer{a.focus ? `: ${focusText(a.focus)}` : ''}</h3>
      {a.narrative ? (
        <blockquote class="narrative" data-testid="advisor-narrative">{a.narrative}<footer class="muted">Phrased by {a.narration}; every figure below is from the project's own backtests.</footer></blockquote>
      ) : (
        <p class="notice" data-testid="advisor-rule-based">Rule-based answer{a.narrationUnavailable ? `: no model narration (${a.narrationUnavailable})` : ' (no language model is configured on this server)'}. The figures come from the same backtests.</p>
      )}
      {a.summary && <p data-testid="advisor-summary">{a.summary}</p>}
      <p class="muted">{a.candidatesTested ?? 0} candidate changes tested on {a.source ? `${a.source.symbol} ${a.source.timeframe}` : 'the data'}: chosen on {when(w.inSampleFrom)} – {when(w.outOfSampleFrom)} (in sample), then checked on the held-out {when(w.outOfSampleFrom)} – {when(w.outOfSampleTo)} (out of sample).{a.cached ? ' Answered from the 24 h cache.' : ''}</p>
      {suggestions.length === 0 ? <Empty>No tested change beat the original on the in-sample data; keep the strategy as it is or ask about another goal.</Empty> : null}
      <div class="scroll"><table data-testid="advisor-table">
        <caption>Out-of-sample figures (held-out data) of the original and each tested change</caption>
        <thead><tr><th scope="col">Version</th>{FIGURES.map(([, label]) => <th scope="col">{label}</th>)}<th scope="col">Better {focusText(a.focus) || 'overall'} out of sample?</th></tr></thead>
        <tbody>
          <tr class="original"><th scope="row">Original</th><Figures f={a.original && a.original.outOfSample} /><td>–</td></tr>
          {suggestions.map((s) => (
            <tr data-testid="advisor-suggestion"><th scope="row">{s.change}{s.proposedBy === 'MODEL' && <small class="muted"> (proposed by the model)</small>}</th><Figures f={s.outOfSample} /><td class={s.betterOutOfSample ? 'up' : 'down'}>{s.betterOutOfSample ? 'Yes' : 'No'}</td></tr>
          ))}
        </tbody>
      </table></div>
      {suggestions.length > 0 && (
        <details>
          <summary>In-sample figures and the exact settings tested</summary>
          <div class="scroll"><table>
            <caption>In-sample figures (the data the changes were chosen on)</caption>
            <thead><tr><th scope="col">Version</th>{FIGURES.map(([, label]) => <th scope="col">{label}</th>)}<th scope="col">Settings</th></tr></thead>
            <tbody>
              <tr><th scope="row">Original</th><Figures f={a.original && a.original.inSample} /><td>{settings(a.source)}</td></tr>
              {suggestions.map((s) => <tr><th scope="row">{s.change}</th><Figures f={s.inSample} /><td>{settings(s)}</td></tr>)}
            </tbody>
          </table></div>
        </details>
      )}
    </div>
  );
}

function settings(s) {
  if (!s) return '–';
  const parts = Object.entries(s.parameters || {}).map(([k, v]) => `${k}=${num(v, 2)}`);
  if (s.direction) parts.push(`direction ${s.direction}`);
  if (s.stopLoss) parts.push(`stop-loss ${pct(s.stopLoss)}`);
  return parts.join(', ') || '–';
}

/** Providers keep the imported rules as a private strategy (POST /api/strategies with a backtest definition). */
function SaveAsStrategy({ imported, market }) {
  const [name, setName] = useState(imported.name || 'Imported strategy');
  const [saved, setSaved] = useState(null);
  const action = useAction();
  const save = (e) => {
    e.preventDefault();
    action.run(async () => setSaved(await api('POST', '/api/strategies', { name, description: 'Imported from Pine Script',
      category: 'pine', supportedPairs: [market.symbol.replace('/', '')], supportedTimeframes: [market.timeframe],
      monthlyPrice: 0, isPublic: false, backtest: { ...(imported.backtest || {}), rules: imported.rules } })));
  };
  return (
    <form class="card" onSubmit={save} aria-labelledby="save-h">
      <h2 id="save-h">4. Keep it as one of your strategies</h2>
      {saved ? (
        <p role="status" data-testid="saved-strategy">Saved as the private strategy “{saved.name}”. List it, price it and connect its TradingView
          alerts in the <a href="#/provider">provider console</a>; its backtests and consultant answers use these rules
          (<a href={`#/lab/strategy/${encodeURIComponent(saved.id)}`}>ask the consultant about it</a>).</p>
      ) : (
        <>
          <Field label="Strategy name"><input value={name} onInput={(e) => setName(e.target.value)} required maxLength={100} /></Field>
          <p class="muted">Saved private (not in the marketplace) for {market.symbol} {market.timeframe}, with the rule document as its backtest definition.</p>
          <button type="submit" disabled={action.busy}>Save as a private strategy</button>
        </>
      )}
      <ErrorBox error={action.error} />
    </form>
  );
}
