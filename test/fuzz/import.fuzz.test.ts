import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type EngineInternals } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { storedState } from '../support/stored-state';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prototypeSnapshot, turnEventLoop } from './runs';

/**
 * Random and mutated workflow files through the real importer on a real SQLite file: every
 * answer is a valid import or a coded, located refusal, and a refusal changes nothing stored.
 */
const runs = fuzzRuns();
const fixtures = join(import.meta.dirname, '../fixtures/workflows');
const valid = ['sheet-rows-debug.switchyard.json', 'manual-debug.switchyard.json'].map((f) =>
  readFileSync(join(fixtures, f), 'utf8'),
);
const bundle = JSON.stringify(
  { schema: 1, workflows: valid.map((text) => JSON.parse(text) as unknown) },
  null,
  2,
);
const texts = [...valid, bundle];

let dataDir: string;
let engine: EngineInternals;
let googleId: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchyard-import-fuzz-'));
  engine = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir) });
  googleId = engine.repos.connections.create(
    { kind: 'google', name: 'Work', secret: { accessToken: 't' } },
    new Date(),
  ).id;
});

afterAll(() => {
  engine?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Json = unknown;

/** Every path into a JSON value, so a mutation can land anywhere in the file. */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...at, i])));
  if (typeof value === 'object' && value !== null)
    return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}

function mutateAt(root: Json, path: (string | number)[], replacement: Json, remove: boolean): Json {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (remove && Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (remove) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', 'zoho_crm', 'trigger', '{{trigger.email}}', -1, 1e308, null, [], {}, 2),
);

const structured = fc
  .tuple(fc.constantFrom(...texts), fc.nat(), oddValue, fc.boolean(), fc.boolean())
  .map(([text, pick, value, remove, crlf]) => {
    const parsed = JSON.parse(text) as Json;
    const paths = pathsOf(parsed);
    const out = JSON.stringify(
      mutateAt(parsed, paths[pick % paths.length]!, value, remove),
      null,
      2,
    );
    return crlf ? out.replaceAll('\n', '\r\n') : out;
  });
const textual = fc
  .tuple(fc.constantFrom(...texts), fc.nat(), fc.nat(40), fc.string({ maxLength: 20 }))
  .map(([text, at, cut, insert]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(i + cut);
  });
const fileText = fc.oneof(
  { weight: 4, arbitrary: structured },
  { weight: 3, arbitrary: textual },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.constantFrom(...texts) },
);
const choices = fc.record({
  bindings: fc.oneof(
    fc.constant({}),
    fc.constant({ leads_sheet: 'GOOGLE' }),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.constant(null), fc.string())),
  ),
  clash: fc.constantFrom('replace', 'skip', 'keep_both', undefined),
});

async function withDeadline<T>(work: Promise<T>, ms = 5_000): Promise<T | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<'hang'>((done) => (timer = setTimeout(() => done('hang'), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const RESET_EVERY = 250;
let cases = 0;

/** Deletes every imported workflow (their versions, aliases and trigger rows go with them). */
function forgetImports(): void {
  engine.db.exec('DELETE FROM workflows; DELETE FROM audit_log;');
}

const FILE_CODES = ['invalid_file', 'file_too_large', 'file_newer_schema', 'missing_connector'];

describe('import under random and mutated files', () => {
  it(
    `never crashes or hangs; refusals are coded, located and change nothing (${runs} cases)`,
    async () => {
      const pristine = prototypeSnapshot();
      let imported = 0;
      await fc.assert(
        fc.asyncProperty(fileText, choices, async (text, { bindings, clash }) => {
          // Keep the database small: the "refusal changes nothing" snapshot reads every stored
          // row, so with imports piling up 100,000 cases took quadratic time (hours).
          if (++cases % RESET_EVERY === 0) forgetImports();
          // Each case in a loop round of its own, as a real IPC call arrives (see turnEventLoop).
          await turnEventLoop();
          const before = storedState(engine);
          const ids = [...text.matchAll(/"id": ?"([A-Za-z0-9_-]{1,64})"/g)].map((m) => m[1]!);
          const input = {
            text,
            fileName: 'fuzz.switchyard.json',
            bindings: JSON.parse(JSON.stringify(bindings).replaceAll('"GOOGLE"', `"${googleId}"`)),
            onClash: clash ? Object.fromEntries(ids.map((id) => [id, clash])) : {},
          };
          const preview = await withDeadline(engine.invoke('files:preview', input));
          const result = await withDeadline(engine.invoke('files:import', input));
          for (const answer of [preview, result]) {
            expect(answer).not.toBe('hang');
            if (answer === 'hang' || answer.ok) continue;
            expect(answer.error.code).not.toBe('internal');
            expect(answer.error.message.length).toBeGreaterThan(0);
            if (FILE_CODES.includes(answer.error.code)) {
              const issues = (answer.error.details as { issues: { path: string }[] }).issues;
              expect(issues[0]!.path).toMatch(/^\$/);
              expect(answer.error.message).toContain(
                issues[0]!.path === '$' ? '' : issues[0]!.path,
              );
            }
          }
          if (result === 'hang') return;
          if (!result.ok) {
            expect(storedState(engine)).toBe(before);
            return;
          }
          const value = result.value as { imported: { id: string }[] };
          for (const { id } of value.imported) {
            imported++;
            expect(engine.repos.workflows.get(id)!.state).toBe('disabled');
          }
        }),
        { numRuns: runs, seed: fuzzSeed() },
      );
      expect(prototypeSnapshot()).toBe(pristine);
      // The generators must reach valid imports too, or the property says little.
      expect(imported).toBeGreaterThan(runs / 20);
    },
    fuzzTimeout(runs, 60),
  );
});
