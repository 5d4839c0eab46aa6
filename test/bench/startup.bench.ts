/**
 * Engine cold start to ready with 100 stored workflows (`engineReadyMs`: lock the directory,
 * open SQLite, check migrations, prepare the repositories and answer workflows:list), against
 * opening the same SQLite file bare and counting its workflows (`bareOpenMs`). Target ≤ 300 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEngine, DATABASE_FILE } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { chain, debugStep, manualTrigger, mappingStep } from '../support/workflows';
import type { Benchmark } from './run';
import { median, round, timeMs } from './stats';

const WORKFLOWS = 100;
const SAMPLES = 25;
const TARGET_MS = 300;

function definition(i: number) {
  const steps = Array.from({ length: 12 }, (_, s) =>
    s % 3 === 0
      ? mappingStep(`step_${s}`, [
          {
            target: 'email',
            source: { kind: 'path', path: 'trigger.email' },
            transforms: [{ op: 'trim' }],
          },
          { target: 'name', source: { kind: 'path', path: 'trigger.name' } },
        ])
      : debugStep(`step_${s}`, { record: { sheet: `sheet-${i}`, email: '{{trigger.email}}' } }),
  );
  return chain(manualTrigger({ email: 'ada@example.com', name: 'Ada' }), steps);
}

const startup: Benchmark = async ({ log }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  try {
    const keyring = createKeyFileKeyring(dataDir);
    const seed = createEngine({ dataDir, keyring });
    for (let i = 0; i < WORKFLOWS; i++) {
      const result = await seed.invoke('workflows:save', {
        name: `Workflow ${i}`,
        definition: definition(i),
      });
      if (!result.ok) throw new Error(result.error.message);
    }
    seed.close();

    const file = join(dataDir, DATABASE_FILE);
    const bare: number[] = [];
    const engine: number[] = [];
    let listed = 0;
    for (let s = 0; s < SAMPLES; s++) {
      // Alternate the two so drift on a shared machine affects both alike.
      bare.push(
        timeMs(() => {
          const db = new Database(file);
          db.prepare('SELECT count(*) FROM workflows').pluck().get();
          db.close();
        }),
      );
      let ready!: ReturnType<typeof createEngine>;
      const ms = timeMs(() => {
        ready = createEngine({ dataDir, keyring });
      });
      const listMs = await (async () => {
        const start = process.hrtime.bigint();
        const result = await ready.invoke('workflows:list', {});
        if (!result.ok) throw new Error(result.error.message);
        listed = (result.value as unknown[]).length;
        return Number(process.hrtime.bigint() - start) / 1e6;
      })();
      ready.close();
      engine.push(ms + listMs);
    }
    if (listed !== WORKFLOWS) throw new Error(`expected ${WORKFLOWS} workflows, listed ${listed}`);

    const engineReadyMs = round(median(engine));
    const bareOpenMs = round(median(bare));
    log(
      `startup: ${WORKFLOWS} workflows, ${SAMPLES} samples each (medians; module loading excluded)`,
    );
    log(`  bareOpenMs    ${bareOpenMs}  (baseline: better-sqlite3 open + count)`);
    log(`  engineReadyMs ${engineReadyMs}  (target ≤ ${TARGET_MS})`);
    return {
      workflows: WORKFLOWS,
      samples: SAMPLES,
      engineReadyMs,
      bareOpenMs,
      ratio: round(engineReadyMs / bareOpenMs),
      firstEngineReadyMs: round(engine[0]!),
      targetMs: TARGET_MS,
      meetsTarget: engineReadyMs <= TARGET_MS,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

export default startup;
