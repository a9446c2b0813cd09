/** The part of frappe-gantt 1.x that Gantt.tsx uses (the package ships no types). */
declare module 'frappe-gantt' {
  export interface FrappeTask {
    id: string;
    /** Rendered as HTML by frappe-gantt: escape it. */
    name: string;
    /** `YYYY-MM-DD`; the end day is included. */
    start: string;
    end: string;
    progress?: number;
    custom_class?: string;
  }

  export interface PopupContext {
    task: FrappeTask;
    set_title(html: string): void;
    set_subtitle(html: string): void;
    set_details(html: string): void;
  }

  export interface FrappeOptions {
    view_mode?: 'Day' | 'Week' | 'Month';
    bar_height?: number;
    padding?: number;
    upper_header_height?: number;
    lower_header_height?: number;
    column_width?: number;
    infinite_padding?: boolean;
    scroll_to?: 'start' | 'today' | 'end';
    today_button?: boolean;
    readonly?: boolean;
    readonly_progress?: boolean;
    /** Locale of the header's month and day names. */
    language?: string;
    move_dependencies?: boolean;
    popup_on?: 'click' | 'hover';
    popup?: ((ctx: PopupContext) => void) | false;
    /** Fired while a bar is dragged or resized; `end` is the last instant of the last day. */
    on_date_change?: (task: FrappeTask, start: Date, end: Date) => void;
  }

  export default class Gantt {
    constructor(wrapper: HTMLElement, tasks: FrappeTask[], options?: FrappeOptions);
    /** The options in force (defaults filled in). */
    readonly options: FrappeOptions;
    refresh(tasks: FrappeTask[]): void;
    /** Applies changed options (merged over the ones given at construction) and redraws. */
    update_options(options: FrappeOptions): void;
  }
}
