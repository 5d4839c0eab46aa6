import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeWorkflowFile } from './canonical';
import { WORKFLOW_FILE_SCHEMA } from './format';
import { JSON_SCHEMA_PATH, serializeJsonSchema } from './json-schema';
import { readWorkflowFile } from './read';

const root = join(import.meta.dirname, '../../..');
const fixtures = join(root, 'test/fixtures/workflows');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

function roundTrip(text: string, fileName?: string): string {
  const read = readWorkflowFile(text, { fileName });
  if (!read.ok) throw new Error(read.message);
  return serializeWorkflowFile(read.workflows[0]!);
}

describe('workflow file: canonical form', () => {
  it.each(readdirSync(fixtures).filter((f) => f.endsWith('.switchyard.json')))(
    '%s: import → export → import → export gives the same bytes',
    (name) => {
      const once = roundTrip(fixture(name), name);
      expect(roundTrip(once)).toBe(once);
    },
  );

  it('writes a canonical file back byte for byte', () => {
    const text = fixture('manual-debug.switchyard.json');
    expect(roundTrip(text)).toBe(text);
  });

  it('turns shuffled keys, tabs and CRLF into the canonical form', () => {
    const out = roundTrip(fixture('shuffled-crlf.switchyard.json'));
    expect(out).not.toContain('\r');
    expect(out.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(out) as object)).toEqual([
      'schema',
      'id',
      'name',
      'description',
      'trigger',
      'steps',
      'edges',
      'settings',
      'connections',
    ]);
    expect(out).toContain('\n  "schema": 1,\n  "id": "shuffled_crlf",');
    expect(out).toMatch(/"position": \{\n\s+"x": 10,\n\s+"y": 320\n/);
  });
});

describe('workflow file: refusals name what and where', () => {
  interface Loose {
    [key: string]: unknown;
    steps: { connection: string | null; position: { x: unknown } }[];
  }
  const base = () => JSON.parse(fixture('manual-debug.switchyard.json')) as Loose;

  it('refuses a newer schema, saying so', () => {
    const read = readWorkflowFile(JSON.stringify({ ...base(), schema: 7 }), { fileName: 'a.json' });
    expect(read).toMatchObject({ ok: false, code: 'file_newer_schema' });
    expect(!read.ok && read.message).toBe(
      `a.json: $.schema: This file was written by a newer Switchyard (workflow file schema 7); this version reads schema ${WORKFLOW_FILE_SCHEMA} and older. Update Switchyard to import it.`,
    );
  });

  it('names the JSON path and the node of a bad field', () => {
    const file = base();
    file.steps[0]!.position.x = 'left';
    const read = readWorkflowFile(JSON.stringify(file), { fileName: 'w.switchyard.json' });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.issues[0]).toMatchObject({
      file: 'w.switchyard.json',
      path: '$.steps[0].position.x',
      nodeId: 'record',
    });
    expect(!read.ok && read.message).toMatch(
      /^w\.switchyard\.json: \$\.steps\[0\]\.position\.x \(node "record"\): /,
    );
  });

  it('refuses machine state and secrets in connections', () => {
    const file = { ...base(), enabled: true, connections: { crm: { kind: 'http', token: 'abc' } } };
    const read = readWorkflowFile(JSON.stringify(file));
    expect(!read.ok && read.issues.map((i) => i.path).sort()).toEqual(['$', '$.connections.crm']);
  });

  it('refuses a node that uses an alias "connections" does not list', () => {
    const file = base();
    file.steps[0]!.connection = 'crm';
    const read = readWorkflowFile(JSON.stringify(file));
    expect(!read.ok && read.issues[0]).toMatchObject({
      path: '$.steps[0].connection',
      nodeId: 'record',
    });
  });

  it('refuses truncated JSON, too-deep nesting and too-large files before parsing them', () => {
    const text = fixture('manual-debug.switchyard.json');
    const truncated = readWorkflowFile(text.slice(0, 200));
    expect(!truncated.ok && truncated.message).toMatch(/^The file is not valid JSON: /);
    const deep = readWorkflowFile('['.repeat(100_000) + ']'.repeat(100_000));
    expect(!deep.ok && deep.message).toMatch(/nests deeper than 64 levels/);
    const big = readWorkflowFile(' '.repeat(5 * 1024 * 1024 + 1));
    expect(big).toMatchObject({ ok: false, code: 'file_too_large' });
  });

  it('migrates a schema 0 API record: machine state dropped, connection ids become aliases', () => {
    const v1 = base();
    v1.steps[0]!.connection = 'conn_secret_id';
    const record = {
      id: v1.id,
      name: v1.name,
      description: v1.description,
      state: 'active',
      version: 9,
      createdAt: 'x',
      updatedAt: 'y',
      definition: { trigger: v1.trigger, steps: v1.steps, edges: v1.edges },
    };
    const read = readWorkflowFile(JSON.stringify(record));
    expect(read).toMatchObject({ ok: true, migratedFrom: 0 });
    const out = read.ok ? serializeWorkflowFile(read.workflows[0]!) : '';
    expect(out).not.toMatch(/conn_secret_id|active|createdAt/);
    expect(JSON.parse(out)).toMatchObject({ connections: { debug: { kind: 'debug' } } });
  });

  it('never throws, whatever the text (1,000 random and mutated files)', () => {
    const valid = fixture('manual-debug.switchyard.json');
    const mutated = fc
      .tuple(fc.nat(valid.length), fc.nat(40), fc.string({ maxLength: 20 }))
      .map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(at + cut));
    const anyJson = fc.jsonValue().map((v) => JSON.stringify(v));
    fc.assert(
      fc.property(fc.oneof(mutated, anyJson, fc.string()), (text) => {
        const read = readWorkflowFile(text);
        if (read.ok) {
          const out = serializeWorkflowFile(read.workflows[0]!);
          expect(roundTrip(out)).toBe(out);
        } else {
          expect(read.message.length).toBeGreaterThan(0);
          expect(read.issues[0]!.path).toMatch(/^\$/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the published JSON Schema', () => {
  it(`is up to date in ${JSON_SCHEMA_PATH} (regenerate: npx tsx --tsconfig tsconfig.node.json scripts/write-workflow-schema.ts)`, () => {
    const committed = readFileSync(join(root, JSON_SCHEMA_PATH), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(serializeJsonSchema()));
  });
});
