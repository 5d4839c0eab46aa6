import {
  FixedOffsetZone,
  IANAZone,
  Zone,
  type ZoneOffsetFormat,
  type ZoneOffsetOptions,
} from 'luxon';

const HOUR_MS = 3_600_000;
const MAX_HOURS = 50_000;

/**
 * An IANA zone whose offsets are memoised per UTC hour. Each offset lookup otherwise costs an
 * Intl `formatToParts` call, most of luxon's time. Offsets change only at transitions, and tzdb
 * never puts two transitions within an hour of each other, so an hour that starts and ends on
 * the same offset has it throughout. An hour is settled (two lookups) on its second visit, so
 * dates that never repeat an hour cost no more than without the memo.
 */
class MemoizedIANAZone extends Zone {
  private readonly inner: IANAZone;
  /** Hour index → its offset, or NaN for an hour that contains a transition. */
  private readonly settled = new Map<number, number>();
  private readonly visited = new Set<number>();

  constructor(name: string) {
    super();
    this.inner = IANAZone.create(name);
  }

  override get type(): string {
    // 'iana' makes luxon hand the zone name to Intl for localized formats.
    return 'iana';
  }

  override get name(): string {
    return this.inner.name;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): true {
    return true;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string {
    return this.inner.offsetName(ts, options) ?? '';
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.inner.formatOffset(ts, format);
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    const known = this.settled.get(hour);
    if (known !== undefined && !Number.isNaN(known)) return known;
    if (known === undefined && this.visited.has(hour)) {
      const start = this.inner.offset(hour * HOUR_MS);
      const settled = start === this.inner.offset((hour + 1) * HOUR_MS) ? start : NaN;
      if (this.settled.size >= MAX_HOURS) this.settled.clear();
      this.settled.set(hour, settled);
      if (!Number.isNaN(settled)) return settled;
    } else if (known === undefined) {
      if (this.visited.size >= MAX_HOURS) this.visited.clear();
      this.visited.add(hour);
    }
    return this.inner.offset(ts);
  }
}

export const isValidZoneName = (name: string): boolean => IANAZone.isValidZone(name);

const zones = new Map<string, Zone>();

/** The zone named `name` (an IANA name such as Europe/Berlin, or UTC), shared and memoised. */
export function zoneNamed(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    if (!isValidZoneName(name)) throw new Error(`"${name}" is not an IANA time zone`);
    const upper = name.toUpperCase();
    zone =
      upper === 'UTC' || upper === 'ETC/UTC'
        ? FixedOffsetZone.utcInstance
        : new MemoizedIANAZone(name);
    zones.set(name, zone);
  }
  return zone;
}
