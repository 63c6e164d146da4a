// Chart components: lightweight-charts for prices with trade markers, uPlot for equity and drawdown.
import { useEffect, useRef } from 'preact/hooks';
import { createChart, createSeriesMarkers, LineSeries, CandlestickSeries } from 'lightweight-charts';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const seconds = (iso) => Math.floor(new Date(iso).getTime() / 1000);

/** Keeps one value per second, ascending (lightweight-charts rejects repeated or unordered times). */
function uniqueAscending(points) {
  const byTime = new Map();
  for (const p of points) byTime.set(p.time, p);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/**
 * Prices with entries and exits drawn on them: `candles` ({time, open, high, low, close}, from
 * GET /api/market-data/candles) as candlesticks with each marker on the bar holding its time; without candles (they
 * could not be loaded) the fill prices of the trades themselves as a line.
 */
export function TradeChart({ trades, candles, label }) {
  const el = useRef(null);
  useEffect(() => {
    if (!el.current) return undefined;
    // autoSize follows the container, so the container's height is fixed (an unfixed one grows with the chart)
    const chart = createChart(el.current, {
      layout: { background: { color: '#ffffff' }, textColor: '#1f2933' },
      timeScale: { timeVisible: true, secondsVisible: false },
      autoSize: true,
    });
    let series;
    let drawn = trades;
    let snap = (t) => t;
    if (candles && candles.length) {
      series = chart.addSeries(CandlestickSeries, { upColor: '#1a7f37', downColor: '#b42318', borderVisible: false, wickUpColor: '#1a7f37', wickDownColor: '#b42318' });
      const bars = uniqueAscending(candles);
      series.setData(bars);
      // a marker sits on the bar holding its time; trades outside the drawn bars are left out
      const times = bars.map((b) => b.time);
      const first = times[0];
      const last = times[times.length - 1];
      snap = (t) => {
        let lo = 0; let hi = times.length - 1;
        while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (times[mid] <= t) lo = mid; else hi = mid - 1; }
        return times[lo];
      };
      drawn = trades.filter((t) => seconds(t.entryTime) >= first && seconds(t.entryTime) <= last);
    } else {
      series = chart.addSeries(LineSeries, { color: '#2f5d8a', lineWidth: 2 });
      const points = [];
      for (const t of trades) {
        points.push({ time: seconds(t.entryTime), value: t.entryPrice });
        if (t.exitTime) points.push({ time: seconds(t.exitTime), value: t.exitPrice });
      }
      series.setData(uniqueAscending(points));
    }
    const markers = [];
    for (const t of drawn) {
      const long = t.side !== 'SHORT';
      markers.push({ time: snap(seconds(t.entryTime)), position: long ? 'belowBar' : 'aboveBar', color: '#1a7f37', shape: long ? 'arrowUp' : 'arrowDown', text: `${long ? 'Buy' : 'Sell'} ${Number(t.entryPrice).toFixed(2)}` });
      if (t.exitTime) markers.push({ time: snap(seconds(t.exitTime)), position: long ? 'aboveBar' : 'belowBar', color: t.pnl >= 0 ? '#1a7f37' : '#b42318', shape: long ? 'arrowDown' : 'arrowUp', text: `Exit ${t.exitReason || ''}` });
    }
    markers.sort((a, b) => a.time - b.time);
    createSeriesMarkers(series, markers);
    el.current.dataset.markers = String(markers.length);
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [trades, candles]);
  return <div class="chart price-chart" ref={el} role="figure" aria-label={label} data-testid="trade-chart" data-candles={candles ? candles.length : 0} />;
}

/** Equity and drawdown (two uPlot panels over the same time axis). */
export function EquityChart({ points, label }) {
  const el = useRef(null);
  useEffect(() => {
    if (!el.current || points.length < 2) return undefined;
    const xs = points.map((p) => p.t);
    const equity = points.map((p) => p.v);
    let peak = -Infinity;
    const drawdown = equity.map((v) => { peak = Math.max(peak, v); return peak > 0 ? -(peak - v) / peak * 100 : 0; });
    const width = Math.max(300, el.current.clientWidth || 600);
    const common = { width, height: 200, scales: { x: { time: true } }, legend: { show: true } };
    const a = new uPlot({ ...common, title: 'Equity', series: [{}, { label: 'Equity', stroke: '#2f5d8a', width: 2 }] }, [xs, equity], el.current);
    const b = new uPlot({ ...common, height: 140, title: 'Drawdown %', series: [{}, { label: 'Drawdown %', stroke: '#b42318', fill: 'rgba(180,35,24,0.15)' }] }, [xs, drawdown], el.current);
    const resize = () => {
      const w = Math.max(300, el.current ? el.current.clientWidth : width);
      a.setSize({ width: w, height: 200 });
      b.setSize({ width: w, height: 140 });
    };
    addEventListener('resize', resize);
    return () => { removeEventListener('resize', resize); a.destroy(); b.destroy(); };
  }, [points]);
  if (points.length < 2) return <p class="empty">Not enough closed results for an equity curve yet.</p>;
  return <div class="chart" ref={el} role="figure" aria-label={label} data-testid="equity-chart" />;
}

export const toSeconds = seconds;
