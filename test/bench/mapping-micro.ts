/**
 * Micro-benchmark of the mapping engine alone: µs per evaluation of the engine benchmark's
 * 15-field mapping (12 string transforms, phone_e164, a date in Europe/Berlin, a number; path
 * sources only), over distinct items. Not a test; run with
 * `npx tsx --tsconfig tsconfig.node.json test/bench/mapping-micro.ts`.
 */
import { compileMapping, Mapping, type MappingInput, type Scope } from '@shared/workflow/mapping';

const path = (p: string) => ({ kind: 'path' as const, path: `trigger.${p}` });
const FIELDS: MappingInput['fields'] = [
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

/** `spreadHours`: each item's date lies this many hours after the previous one. */
function item(i: number, spreadHours: number): Scope {
  return {
    trigger: {
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
    },
  };
}

function microsPerEvaluation(
  fields: MappingInput['fields'],
  items: Scope[],
  passes: number,
): number {
  const mapping = compileMapping(Mapping.parse({ fields }));
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const scope of items) {
      const result = mapping.evaluateSync(scope);
      if (result.problems.length > 0) throw new Error(JSON.stringify(result.problems));
    }
  }
  return ((performance.now() - started) * 1000) / (items.length * passes);
}

const ITEMS = 20_000;
const only = (target: string) => FIELDS.filter((f) => f.target === target);
const without = (...targets: string[]) => FIELDS.filter((f) => !targets.includes(f.target));
// Items an hour apart (dates like a stream of recent sign-ups) and a week apart (a spread-out
// sheet: every date in a new hour, so the zone's offset memo never helps within a pass).
const hourly = Array.from({ length: ITEMS }, (_, i) => item(i, 1));
const weekly = Array.from({ length: ITEMS }, (_, i) => item(i, 24 * 7 + 1));

microsPerEvaluation(FIELDS, hourly, 2); // warm-up: JIT
const figures = {
  'all 15 fields, first pass (week-apart dates)': microsPerEvaluation(FIELDS, weekly, 1),
  'all 15 fields, hour-apart dates': microsPerEvaluation(FIELDS, hourly, 3),
  'all 15 fields, week-apart dates, repeated': microsPerEvaluation(FIELDS, weekly, 3),
  '13 fields without phone and date': microsPerEvaluation(without('phone', 'signedUp'), hourly, 3),
  'phone_e164 field alone': microsPerEvaluation(only('phone'), hourly, 3),
  'date field alone, hour-apart dates': microsPerEvaluation(only('signedUp'), hourly, 3),
  'async evaluate(), all 15 fields': 0,
};

const asyncMapping = compileMapping(Mapping.parse({ fields: FIELDS }));
const asyncStarted = performance.now();
for (let pass = 0; pass < 3; pass++) for (const scope of hourly) await asyncMapping.evaluate(scope);
figures['async evaluate(), all 15 fields'] =
  ((performance.now() - asyncStarted) * 1000) / (ITEMS * 3);

for (const [name, micros] of Object.entries(figures)) {
  console.log(`${name.padEnd(48)} ${micros.toFixed(2)} µs`);
}
