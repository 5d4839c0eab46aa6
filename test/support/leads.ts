/** Lead-capture data shared by the engine and mapping benchmarks. */
import type { MappingInput } from '@shared/workflow/mapping';

const path = (p: string) => ({ kind: 'path' as const, path: `trigger.${p}` });
/** The engine benchmark's 15-field mapping: 12 string transforms, phone_e164, a zoned date, a number. */
export const LEAD_FIELDS: MappingInput['fields'] = [
  { target: 'email', source: path('email'), transforms: [{ op: 'trim' }, { op: 'lowercase' }] },
  {
    target: 'firstName',
    source: path('first'),
    transforms: [{ op: 'trim' }, { op: 'title_case' }],
  },
  { target: 'lastName', source: path('last'), transforms: [{ op: 'title_case' }] },
  { target: 'company', source: path('company'), transforms: [{ op: 'trim' }] },
  { target: 'country', source: path('country'), transforms: [{ op: 'uppercase' }] },
  { target: 'city', source: path('city'), transforms: [{ op: 'title_case' }] },
  { target: 'postcode', source: path('postcode'), transforms: [{ op: 'remove_spaces' }] },
  { target: 'source', source: path('source'), transforms: [{ op: 'lowercase' }] },
  { target: 'notes', source: path('notes'), transforms: [{ op: 'truncate', length: 40 }] },
  { target: 'tags', source: path('tags'), transforms: [{ op: 'split', separator: ',' }] },
  {
    target: 'sku',
    source: path('sku'),
    transforms: [{ op: 'replace', pattern: '-', flags: 'g', replacement: '' }],
  },
  { target: 'title', source: path('title'), transforms: [{ op: 'trim' }] },
  {
    target: 'phone',
    source: path('phone'),
    transforms: [{ op: 'phone_e164', defaultCountry: 'US' }],
  },
  {
    target: 'signedUp',
    source: path('signedUp'),
    transforms: [{ op: 'date', from: 'iso', to: 'yyyy-MM-dd HH:mm', zone: 'Europe/Berlin' }],
  },
  { target: 'amount', source: path('amount'), transforms: [{ op: 'number' }] },
];

const FIRST = ['ada', ' grace', 'alan ', 'edsger', 'barbara', 'donald', 'margaret', 'ken'];
const CITIES = ['london', 'new york', 'zürich', 'paris', 'tokyo'];
const HOUR_MS = 3_600_000;

/** Lead number `i`; `spreadHours`: each lead's date lies this many hours after the previous one. */
export function leadData(i: number, spreadHours = 1): Record<string, unknown> {
  return {
    email: ` User${i}@Example.com `,
    first: FIRST[i % FIRST.length],
    last: `lovelace-${i % 97}`,
    company: `  Acme ${i % 50} Ltd `,
    country: ['gb', 'us', 'ch', 'fr', 'jp'][i % 5],
    city: CITIES[i % CITIES.length],
    postcode: `SW1A ${i % 9}AA`,
    source: i % 2 ? 'Webinar' : 'Newsletter',
    notes: `Met at the conference, interested in plan ${i % 7}; follow up next week please.`,
    tags: 'lead,warm,2026',
    sku: `AB-${i % 1000}-X`,
    title: '  Head of Operations ',
    phone: `(${200 + (i % 700)}) 555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
    signedUp: new Date(
      Date.UTC(2000, 0, 1) + i * spreadHours * HOUR_MS + (i % 60) * 60_000,
    ).toISOString(),
    amount: `${(i % 5000) + 0.5}`,
  };
}
