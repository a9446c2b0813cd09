/**
 * An Apache ECharts chart as a React component. Only the chart types and components the dashboards
 * use are registered (through `echarts/core`, not the whole library), drawn with the SVG renderer
 * (crisp at any zoom, text selectable). The chart follows its box's size (ResizeObserver) and is
 * disposed on unmount. For screen readers it is one image with a label saying what it shows; the
 * figures themselves are also on the page as text.
 */
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useSyncExternalStore } from 'react';

use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** Series colours: the strategy green and campaign amber first, then hues that stay apart for colour-blind readers. */
export const CHART_COLORS = ['#2f5d50', '#9e5614', '#1b5fd1', '#8e3b8e', '#5d6661', '#c2185b', '#00838f'];

/**
 * The page's font, named: ECharts measures text (legend gaps, axis label room) with it, and
 * `inherit` would be measured as the browser's default font, so labels would overlap.
 */
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export function Chart({
  option,
  label,
  height,
  className = '',
}: {
  option: ChartOption;
  label: string;
  height: number;
  className?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const el = box.current!;
    const instance = init(el, null, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ color: CHART_COLORS, animation: false, textStyle: { fontFamily: FONT }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={box} className={`chart ${className}`} role="img" aria-label={label} style={{ height }} />;
}

const NARROW = '(max-width: 600px)';

/** True on a phone-sized screen: charts stack and show fewer axis labels. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(NARROW).matches,
  );
}
