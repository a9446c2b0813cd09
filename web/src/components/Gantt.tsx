/**
 * A Gantt timeline (frappe-gantt) for plan dates: one bar per item, dragged or resized with the
 * mouse. A drag is reported once, when the mouse is released, so the chart is never redrawn under
 * the pointer. The chart is a mouse convenience: every date it shows must also be editable in a form.
 */
import FrappeGantt, { type FrappeTask } from 'frappe-gantt';
import 'frappe-gantt/style.css';
import { useEffect, useRef } from 'react';
import { formatPeriod, LOCALE } from '../pages/publishing/time.ts';

export interface GanttBar {
  id: string;
  name: string;
  /** `YYYY-MM-DD`, both days included; callers pass only bars whose end is not before their start. */
  start: string;
  end: string;
  /** Styles the bar: `gantt-<kind>`. */
  kind: string;
}

type GanttDateChange = (id: string, start: string, end: string) => void;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A local Date (frappe-gantt works in local time) → `YYYY-MM-DD`. */
const isoDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

// frappe-gantt mutates the tasks it is given and renders names as HTML: always hand it fresh, escaped copies.
const toTasks = (bars: readonly GanttBar[]): FrappeTask[] =>
  bars.map((b) => ({ id: b.id, name: escapeHtml(b.name), start: b.start, end: b.end, progress: 0, custom_class: `gantt-${b.kind}` }));

/** `readonly` is read when the chart is first drawn; `label` names the scrolling chart for assistive technology. */
export function Gantt({
  bars,
  label,
  onDateChange,
  readonly = false,
}: {
  bars: readonly GanttBar[];
  label: string;
  onDateChange: GanttDateChange;
  readonly?: boolean;
}) {
  const wrapper = useRef<HTMLDivElement>(null);
  const chart = useRef<FrappeGantt | null>(null);
  const pending = useRef<{ id: string; start: string; end: string } | null>(null);
  const report = useRef(onDateChange);
  useEffect(() => {
    report.current = onDateChange;
  });

  useEffect(() => {
    const tasks = toTasks(bars);
    if (chart.current) {
      // The role can load or change after the chart is made: frappe-gantt takes the new option in place.
      if (chart.current.options.readonly !== readonly) chart.current.update_options({ readonly });
      chart.current.refresh(tasks);
      return;
    }
    chart.current = new FrappeGantt(wrapper.current!, tasks, {
      view_mode: 'Week',
      language: LOCALE,
      bar_height: 26,
      padding: 14,
      upper_header_height: 34,
      lower_header_height: 26,
      // Infinite padding lets the chart scroll to the first bar without frappe's date-label lookup.
      infinite_padding: true,
      scroll_to: 'start',
      today_button: false,
      readonly,
      readonly_progress: true,
      popup_on: 'click',
      popup: (ctx) => {
        ctx.set_title(ctx.task.name);
        ctx.set_subtitle('');
        ctx.set_details(escapeHtml(formatPeriod(ctx.task)));
      },
      on_date_change: (task, start, end) => {
        pending.current = { id: task.id, start: isoDay(start), end: isoDay(end) };
      },
    });
  }, [bars, readonly]);

  // The chart is wider than the screen: keyboard users scroll it with the arrow keys once it has focus.
  useEffect(() => {
    const scroller = wrapper.current!.querySelector<HTMLElement>('.gantt-container');
    if (!scroller) return;
    scroller.tabIndex = 0;
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', label);
  }, [label]);

  useEffect(() => {
    const el = wrapper.current!;
    const release = () => {
      const change = pending.current;
      pending.current = null;
      if (change) report.current(change.id, change.start, change.end);
    };
    document.addEventListener('mouseup', release);
    return () => {
      document.removeEventListener('mouseup', release);
      el.replaceChildren();
      chart.current = null;
    };
  }, []);

  return <div ref={wrapper} className="gantt-frame" />;
}
