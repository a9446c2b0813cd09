/**
 * The report's charts, drawn by Apache ECharts on the server: its SVG renderer in SSR mode needs no
 * DOM or canvas, and the SVG goes into the PDF as vector graphics (svg-to-pdfkit). No animation, no
 * titles (the PDF writes those in its own fonts); axis labels are numbers, dates and channel ids.
 */
import * as echarts from 'echarts';
import { PALETTE } from '../../plan/export/master-document.ts';
import type { ChannelFollowers, DailySeries, ReportKpi } from './content.ts';
import { TOTAL_LABELS } from './content.ts';

const COLOURS = PALETTE.bars.map((c) => `#${c}`);
const INK = `#${PALETTE.muted}`;
const RULE = `#${PALETTE.rule}`;

/** An ECharts option rendered to an SVG string of `width` × `height` (points). */
export function renderChart(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: COLOURS, textStyle: { fontFamily: 'sans-serif', color: INK }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const axisLabel = { fontSize: 8, color: INK, hideOverlap: true };
const splitLine = { lineStyle: { color: RULE, width: 0.5 } };
/** 2027-03-14 → 14 Mar (the year is on the page). */
const shortDate = (iso: string): string =>
  `${Number(iso.slice(8, 10))} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(iso.slice(5, 7)) - 1]}`;
const timeAxis = (from: string, to: string) => ({
  type: 'time',
  min: `${from}T00:00:00Z`,
  max: `${to}T00:00:00Z`,
  axisLabel: { ...axisLabel, formatter: (v: number) => shortDate(new Date(v).toISOString().slice(0, 10)) },
  axisLine: { lineStyle: { color: RULE } },
  splitLine: { show: false },
});
const valueAxis = (extra: object = {}) => ({ type: 'value', scale: true, axisLabel, splitLine, ...extra });
const point = (date: string, value: number) => [`${date}T00:00:00Z`, value];

/** A KPI's values in the period, with its target (dashed) and baseline (dotted) as lines. */
export function kpiChartOption(kpi: ReportKpi, period: { from: string; to: string }): echarts.EChartsCoreOption {
  const marks: object[] = [];
  if (kpi.target !== null) marks.push({ yAxis: kpi.target, name: 'target', lineStyle: { type: 'dashed', color: COLOURS[1] } });
  if (kpi.baseline !== null) marks.push({ yAxis: kpi.baseline, name: 'baseline', lineStyle: { type: 'dotted', color: INK } });
  const ratio = kpi.unit === 'ratio';
  // The axis reaches the target and the baseline, so the distance still to go shows.
  const levels = [kpi.target, kpi.baseline].filter((v): v is number => v !== null);
  return {
    grid: { left: 44, right: 14, top: 10, bottom: 22 },
    xAxis: timeAxis(period.from, period.to),
    yAxis: valueAxis({
      min: (v: { min: number }) => Math.min(v.min, ...levels),
      max: (v: { max: number }) => Math.max(v.max, ...levels),
      ...(ratio ? { axisLabel: { ...axisLabel, formatter: (v: number) => `${Math.round(v * 1000) / 10}%` } } : {}),
    }),
    series: [
      {
        type: 'line',
        data: kpi.series.map((v) => point(v.date, v.value)),
        showSymbol: kpi.series.length < 40,
        symbolSize: 4,
        lineStyle: { width: 1.5 },
        markLine: { silent: true, symbol: 'none', label: { show: false }, data: marks },
      },
    ],
  };
}

/** Followers per channel over the period, one line each, with a legend. */
export function followersChartOption(
  channels: readonly ChannelFollowers[],
  period: { from: string; to: string },
): echarts.EChartsCoreOption {
  return {
    grid: { left: 54, right: 14, top: 28, bottom: 22 },
    legend: { top: 0, textStyle: { fontSize: 8, color: INK }, itemWidth: 14, itemHeight: 6 },
    xAxis: timeAxis(period.from, period.to),
    yAxis: valueAxis(),
    series: channels.map((c) => ({
      type: 'line',
      name: c.id,
      data: c.points.map((p) => point(p.date, p.value)),
      showSymbol: c.points.length < 40,
      symbolSize: 3,
      lineStyle: { width: 1.5 },
    })),
  };
}

/** Daily sums of two or more metrics: the first as bars on the left axis, the others as lines on the right. */
export function dailyChartOption(series: readonly DailySeries[], period: { from: string; to: string }): echarts.EChartsCoreOption {
  return {
    grid: { left: 48, right: 48, top: 28, bottom: 22 },
    legend: { top: 0, textStyle: { fontSize: 8, color: INK }, itemWidth: 14, itemHeight: 6 },
    xAxis: timeAxis(period.from, period.to),
    yAxis: [valueAxis({ scale: false }), valueAxis({ scale: false, splitLine: { show: false } })],
    series: series.map((s, i) => ({
      type: i === 0 ? 'bar' : 'line',
      name: TOTAL_LABELS[s.metric],
      yAxisIndex: i === 0 ? 0 : 1,
      data: s.points.map((p) => point(p.date, p.value)),
      showSymbol: false,
      lineStyle: { width: 1.5 },
      barMaxWidth: 8,
    })),
  };
}
