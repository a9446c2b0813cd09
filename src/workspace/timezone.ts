/**
 * PURE — IANA time-zone names as people type them. A zone is valid when luxon (i.e. the runtime's
 * Intl data) knows it; it is stored with the spelling of the zone database (`europe/berlin` →
 * `Europe/Berlin`), but never swapped for another alias (`US/Pacific` stays `US/Pacific`: ICU would
 * "canonicalise" it, and `America/Argentina/Buenos_Aires` to a name people do not recognise).
 */
import { IANAZone } from 'luxon';

let known: Map<string, string> | undefined;

function knownZones(): Map<string, string> {
  if (!known) {
    const names = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'GMT', 'Etc/GMT'];
    known = new Map(names.map((n) => [n.toLowerCase(), n]));
  }
  return known;
}

/** The zone's name in its usual spelling, or null when it is not an IANA zone. */
export function normalizeTimezone(input: string): string | null {
  const name = input.trim();
  if (name === '' || !IANAZone.isValidZone(name)) return null;
  return knownZones().get(name.toLowerCase()) ?? name;
}
