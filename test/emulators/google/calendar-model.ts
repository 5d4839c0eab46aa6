import type { calendar_v3 } from '@googleapis/calendar';

export interface StoredEvent {
  event: calendar_v3.Schema$Event;
  /** The calendar's change counter when this event last changed (what sync tokens compare). */
  changeSeq: number;
}

export interface CalendarModel {
  id: string;
  summary: string;
  timeZone: string;
  owner: string;
  primary: boolean;
  events: Map<string, StoredEvent>;
  seq: number;
  /** Bumped to expire every sync token handed out so far (410 on their next use). */
  tokenEpoch: number;
}

export function newCalendar(
  id: string,
  owner: string,
  summary: string,
  timeZone: string,
  primary: boolean,
): CalendarModel {
  return { id, summary, timeZone, owner, primary, events: new Map(), seq: 0, tokenEpoch: 0 };
}

/** Start or end of an event in ms; an all-day date counts from UTC midnight. */
export function timeOf(t: calendar_v3.Schema$EventDateTime | undefined): number {
  if (!t) return NaN;
  if (t.dateTime) return Date.parse(t.dateTime);
  if (t.date) return Date.parse(`${t.date}T00:00:00Z`);
  return NaN;
}

export interface SyncToken {
  calendarId: string;
  seq: number;
  epoch: number;
}

export const encodeToken = (t: object) => Buffer.from(JSON.stringify(t)).toString('base64url');

export function decodeToken<T>(text: string): T | undefined {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Base32hex letters and digits, as Calendar requires of event ids. */
export const EVENT_ID = /^[a-v0-9]{5,1024}$/;

let eventCounter = 0;
export function newEventId(): string {
  eventCounter++;
  let out = eventCounter.toString(32);
  while (out.length < 26) out += '0123456789abcdefghijklmnopqrstuv'[Math.floor(Math.random() * 32)];
  return out;
}

export function meetCode(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const pick = (n: number) =>
    Array.from({ length: n }, () => letters[Math.floor(Math.random() * 26)]).join('');
  return `${pick(3)}-${pick(4)}-${pick(3)}`;
}
