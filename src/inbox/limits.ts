/** Items one bulk request may change; the web app sends larger selections in batches of this size. */
export const BULK_MAX = 100;
