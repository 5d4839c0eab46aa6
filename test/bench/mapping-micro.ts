/**
 * Micro-benchmark of the mapping engine alone: µs per evaluation of the engine benchmark's
 * 15-field mapping (12 string transforms, phone_e164, a date in Europe/Berlin, a number; path
 * sources only), over distinct items. Not a test; run with
 * `npx tsx --tsconfig tsconfig.node.json test/bench/mapping-micro.ts`.
 */
import { compileMapping, Mapping, type MappingInput, type Scope } from '@shared/workflow/mapping';
import { LEAD_FIELDS as FIELDS, leadData } from '../support/leads';

const item = (i: number, spreadHours: number): Scope => ({ trigger: leadData(i, spreadHours) });

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
