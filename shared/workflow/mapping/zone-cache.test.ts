import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { zoneNamed } from './zone-cache';

/** Zones with DST, half- and quarter-hour offsets, 30-minute DST, and Ramadan DST breaks. */
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Africa/Casablanca',
  'Pacific/Chatham',
  'Europe/Amsterdam',
];

describe('zoneNamed', () => {
  it('gives the same offsets as luxon’s own IANA zone, at any instant', () => {
    const instant = fc.integer({ min: Date.UTC(1880, 0, 1), max: Date.UTC(2100, 0, 1) });
    for (const name of ZONES) {
      const memoised = zoneNamed(name);
      const reference = IANAZone.create(name);
      fc.assert(
        fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (instants) => {
          // Each instant twice, then its neighbours, so settled hours are exercised too.
          for (const ts of [...instants, ...instants, ...instants.map((t) => t + 1_800_000)]) {
            expect(memoised.offset(ts)).toBe(reference.offset(ts));
          }
        }),
        { numRuns: 50 },
      );
    }
  });

  it('is exact at the millisecond of a daylight-saving change', () => {
    const berlin = zoneNamed('Europe/Berlin');
    const change = Date.UTC(2026, 2, 29, 1);
    for (let pass = 0; pass < 3; pass++) {
      expect(berlin.offset(change - 1)).toBe(60);
      expect(berlin.offset(change)).toBe(120);
    }
    const lordHowe = zoneNamed('Australia/Lord_Howe');
    const halfHourChange = Date.UTC(2026, 3, 4, 15); // 02:00 local daylight time → 01:30
    for (let pass = 0; pass < 3; pass++) {
      expect(lordHowe.offset(halfHourChange - 1)).toBe(660);
      expect(lordHowe.offset(halfHourChange)).toBe(630);
    }
  });

  it('names the zone like luxon does, and rejects unknown zones', () => {
    expect(zoneNamed('Europe/Berlin').name).toBe('Europe/Berlin');
    expect(zoneNamed('Europe/Berlin').type).toBe('iana');
    expect(zoneNamed('UTC').offset(0)).toBe(0);
    expect(() => zoneNamed('Mars/Olympus')).toThrow('"Mars/Olympus" is not an IANA time zone');
  });
});
