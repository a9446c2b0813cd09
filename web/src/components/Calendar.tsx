/**
 * A content calendar (FullCalendar): month, week and list views of timed items, campaign periods
 * as labelled background bands, items dragged to a new time.
 *
 * Everything is shown in ONE named zone (the workspace's), whatever the browser's zone. FullCalendar
 * runs in UTC and is handed wall-clock times of that zone as if they were UTC ("UTC coercion"), so a
 * slot labelled 09:00 is 09:00 in the zone, and a dropped item's new start read back in UTC is
 * exactly the new wall-clock time to send. Callers speak wall-clock strings (`YYYY-MM-DDTHH:mm[:ss]`).
 */
import type { DatesSetArg, DayCellMountArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { DateTime } from 'luxon';
import { useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { LOCALE } from '../pages/publishing/time.ts';

export type CalendarView = 'dayGridMonth' | 'timeGridWeek' | 'listMonth';
export const CALENDAR_VIEWS: readonly CalendarView[] = ['dayGridMonth', 'timeGridWeek', 'listMonth'];

export interface CalendarItem {
  id: string;
  title: string;
  /** Wall-clock start in the calendar's zone. */
  start: string;
  /** May be dragged to another time. */
  movable: boolean;
  colors: { bg: string; fg: string; border: string };
  /** A check mark before the title (done, e.g. published). */
  done?: boolean;
  /** Small print under the title (channels). */
  detail?: string;
  /** Link target (the item opens on click or Enter). */
  href: string;
  className?: string;
}

/** Moves the calendar from outside (keyboard shortcuts). */
export interface CalendarControl {
  today(): void;
  next(): void;
  prev(): void;
  view(view: CalendarView): void;
}

export interface CalendarBand {
  id: string;
  title: string;
  /** First and last day, both included (`YYYY-MM-DD`). */
  start: string;
  end: string;
}

/** A Date FullCalendar gives back (UTC-coerced) → the wall-clock time it stands for. */
const wallOf = (d: Date): string => {
  const iso = d.toISOString();
  return iso.slice(17, 19) === '00' ? iso.slice(0, 16) : iso.slice(0, 19);
};

const nextDay = (day: string): string => DateTime.fromISO(day, { zone: 'utc' }).plus({ days: 1 }).toISODate()!;

export function Calendar({
  items,
  bands,
  zone,
  initialDate,
  initialView,
  onMove,
  onOpen,
  onRange,
  control,
}: {
  items: readonly CalendarItem[];
  bands: readonly CalendarBand[];
  /** IANA zone every time is shown in. */
  zone: string;
  initialDate?: string;
  initialView: CalendarView;
  /** Resolve to keep the move, reject to put the item back where it was. */
  onMove: (id: string, start: string) => Promise<void>;
  onOpen: (id: string, href: string) => void;
  /** The visible range (wall-clock, end exclusive) and view, after every navigation. */
  onRange: (range: { start: string; end: string; view: CalendarView }) => void;
  control?: Ref<CalendarControl>;
}) {
  const fc = useRef<FullCalendar>(null);
  useImperativeHandle(control, () => ({
    today: () => fc.current?.getApi().today(),
    next: () => fc.current?.getApi().next(),
    prev: () => fc.current?.getApi().prev(),
    view: (view) => fc.current?.getApi().changeView(view),
  }));
  const events = useMemo<EventInput[]>(
    () => [
      ...bands.map((b) => ({
        id: `band:${b.id}`,
        title: b.title,
        // Timed (midnight to midnight), so the band also spans the week view's time grid.
        start: `${b.start}T00:00:00`,
        end: `${nextDay(b.end)}T00:00:00`,
        allDay: false,
        display: 'background',
        classNames: ['campaign-band'],
      })),
      ...items.map((i) => ({
        id: i.id,
        title: i.title,
        start: i.start,
        url: i.href,
        startEditable: i.movable,
        durationEditable: false,
        backgroundColor: i.colors.bg,
        borderColor: i.colors.border,
        textColor: i.colors.fg,
        classNames: ['calendar-item', ...(i.className ? [i.className] : []), ...(i.movable ? ['calendar-item-movable'] : [])],
        extendedProps: { done: i.done ?? false, detail: i.detail ?? '' },
      })),
    ],
    [items, bands],
  );

  const drop = (info: EventDropArg) => {
    const start = info.event.start;
    if (!start) return info.revert();
    onMove(info.event.id, wallOf(start)).catch(() => info.revert());
  };
  const click = (info: EventClickArg) => {
    if (info.event.display === 'background') return;
    info.jsEvent.preventDefault();
    onOpen(info.event.id, info.event.url);
  };
  const range = (info: DatesSetArg) => onRange({ start: wallOf(info.start), end: wallOf(info.end), view: info.view.type as CalendarView });

  return (
    <div className="calendar-frame" data-zone={zone}>
      <FullCalendar
        ref={fc}
        plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
        timeZone="UTC"
        // Only dates are written the locale's way (FullCalendar formats with Intl for an unloaded locale code); the labels stay ours.
        locale={LOCALE}
        now={() => DateTime.now().setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss")}
        initialView={initialView}
        initialDate={initialDate}
        headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,listMonth' }}
        // Words, not FullCalendar's chevron icons: those are role="img" spans without a text alternative.
        buttonIcons={false}
        buttonText={{ prev: 'Previous', next: 'Next', today: 'Today', month: 'Month', week: 'Week', list: 'List' }}
        views={{ listMonth: { buttonText: 'List' } }}
        firstDay={1}
        height="auto"
        events={events}
        editable
        eventDurationEditable={false}
        eventDisplay="block"
        defaultTimedEventDuration="00:30"
        allDaySlot={false}
        nowIndicator
        scrollTime="08:00:00"
        slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        dayMaxEventRows={4}
        eventDrop={drop}
        eventClick={click}
        datesSet={range}
        eventContent={renderItem}
        dayCellDidMount={nameDayByContent}
        noEventsContent="Nothing planned in this period."
      />
    </div>
  );
}

/**
 * FullCalendar names a month day after its number link ("December 1, 2026"), which hides the posts
 * shown inside it from that name; without the label, the cell is read with all it contains.
 */
function nameDayByContent(arg: DayCellMountArg) {
  arg.el.removeAttribute('aria-labelledby');
}

function renderItem(arg: EventContentArg) {
  if (arg.event.display === 'background') return <span className="campaign-band-title">{arg.event.title}</span>;
  const { done, detail } = arg.event.extendedProps as { done: boolean; detail: string };
  return (
    <span className="calendar-item-body" title={`${arg.timeText} ${arg.event.title}${detail ? ` (${detail})` : ''}`}>
      <span className="calendar-item-time">{arg.timeText}</span>{' '}
      {done && (
        <span className="calendar-item-done">
          <span role="img" aria-label="published">
            ✓
          </span>{' '}
        </span>
      )}
      <span className="calendar-item-title">{arg.event.title}</span>
      {detail && <span className="calendar-item-detail">{detail}</span>}
    </span>
  );
}
