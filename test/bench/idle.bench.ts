/**
 * `npm run bench -- idle --json`: the headless engine (`cli.js serve`) left alone for 60 s with
 * 50 enabled workflows, each polling its own Google sheet every minute against the emulator
 * (nothing new to find), next to the same process with no workflows, both in the same window.
 * Reports each process's resident memory (mean of 1 s samples, and peak) and CPU time as a share
 * of one core, read from /proc. Targets: rssMb ≤ 120, cpuPct ≤ 1.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google/server';
import { startServe, type ServeProcess } from '../support/serve-process';
import { chain, debugStep } from '../support/workflows';
import type { Benchmark } from './run';
import { round } from './stats';

const WORKFLOWS = Number(process.env.IDLE_WORKFLOWS ?? 50);
const WINDOW_MS = Number(process.env.IDLE_WINDOW_MS ?? 60_000);
/** After start: the first poll of each workflow (its baseline) and the workers' start-up settle. */
const WARMUP_MS = Number(process.env.IDLE_WARMUP_MS ?? 15_000);
const TARGET_RSS_MB = 120;
const TARGET_CPU_PCT = 1;
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime of every thread of the process, in clock ticks (/proc/<pid>/stat fields 14, 15). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function seedWorkflows(dataDir: string, emu: GoogleEmulator, count: number): Promise<void> {
  const engine = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir) });
  try {
    const tokens = emu.issueToken();
    const connection = engine.repos.connections.create(
      {
        kind: 'google',
        name: 'Emulated Google',
        fields: { clientId: emu.client.clientId, apiRootUrl: emu.url },
        secret: {
          clientSecret: emu.client.clientSecret,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          expiresAt: Date.now() + 3_000_000,
        },
      },
      new Date(),
    );
    for (let i = 0; i < count; i++) {
      const rows = [
        ['email', 'name'],
        ...Array.from({ length: 20 }, (_, r) => [`lead${i}-${r}@example.com`, `Lead ${r}`]),
      ];
      const { spreadsheetId } = emu.control.createSpreadsheet({
        title: `Leads ${i}`,
        sheets: [{ title: 'Leads', rows }],
      });
      const saved = await engine.invoke('workflows:save', {
        name: `Leads ${i}`,
        definition: chain(
          {
            id: 'trigger',
            type: 'trigger',
            connector: 'google',
            operation: 'sheets_new_row',
            connection: connection.id,
            position: { x: 0, y: 0 },
            config: { spreadsheetId, sheetId: 0, keyColumn: 'email' },
          },
          [debugStep('record', { record: '{{trigger.email}}' })],
          { pollIntervalSeconds: 60 },
        ),
      });
      if (!saved.ok) throw new Error(`workflows:save: ${saved.error.message}`);
      const id = (saved.value as { id: string }).id;
      const enabled = await engine.invoke('workflows:enable', { id });
      if (!enabled.ok) throw new Error(`workflows:enable: ${enabled.error.message}`);
    }
  } finally {
    engine.close();
  }
}

interface Watch {
  rss: number[];
  ticksAtStart: number;
  pid: number;
}

const watchOf = (serve: ServeProcess): Watch => {
  const pid = serve.child.pid!;
  return { pid, rss: [], ticksAtStart: cpuTicks(pid) };
};

function summary(watch: Watch, elapsedMs: number) {
  const cpuSeconds = (cpuTicks(watch.pid) - watch.ticksAtStart) / CLOCK_TICKS;
  return {
    rssMb: round(watch.rss.reduce((a, b) => a + b, 0) / watch.rss.length, 1),
    peakRssMb: round(Math.max(...watch.rss), 1),
    cpuPct: round((cpuSeconds / (elapsedMs / 1000)) * 100, 2),
  };
}

const idle: Benchmark = async ({ log }) => {
  const emu = await startGoogleEmulator({ driveVersionLagMs: 0, readsPerMinutePerUser: 100_000 });
  const loadedDir = mkdtempSync(join(tmpdir(), 'switchyard-idle-'));
  const baselineDir = mkdtempSync(join(tmpdir(), 'switchyard-idle-base-'));
  const started: ServeProcess[] = [];
  try {
    log(`seeding ${WORKFLOWS} Sheets workflows polling every minute…`);
    await seedWorkflows(loadedDir, emu, WORKFLOWS);
    await seedWorkflows(baselineDir, emu, 0);
    // One after the other, each kept as it starts, so a failed start leaves no process behind.
    const loaded = await startServe(loadedDir);
    started.push(loaded);
    const baseline = await startServe(baselineDir);
    started.push(baseline);
    log(`warming up ${WARMUP_MS / 1000} s (first polls take the baseline)…`);
    await new Promise((r) => setTimeout(r, WARMUP_MS));

    const pollsBefore = emu.control.requests().filter((r) => r.api !== 'oauth').length;
    const watches = [watchOf(loaded), watchOf(baseline)];
    const startedAt = performance.now();
    log(`measuring ${WINDOW_MS / 1000} s…`);
    while (performance.now() - startedAt < WINDOW_MS) {
      for (const w of watches) w.rss.push(rssMb(w.pid));
      await new Promise((r) => setTimeout(r, 1000));
    }
    const elapsed = performance.now() - startedAt;
    const [withWorkflows, without] = watches.map((w) => summary(w, elapsed));
    const requests = emu.control.requests().filter((r) => r.api !== 'oauth');
    const inWindow = requests.slice(pollsBefore);
    // A poll asks Drive for the file's version (files/<id>) and reads the sheet only when it moved.
    const polled = new Set(
      inWindow.map((r) => /(?:spreadsheets|files)\/([^/:?]+)/.exec(r.path)?.[1]).filter(Boolean),
    );
    return {
      workflows: WORKFLOWS,
      windowSeconds: round(elapsed / 1000, 1),
      rssMb: withWorkflows!.rssMb,
      peakRssMb: withWorkflows!.peakRssMb,
      cpuPct: withWorkflows!.cpuPct,
      baselineRssMb: without!.rssMb,
      baselinePeakRssMb: without!.peakRssMb,
      baselineCpuPct: without!.cpuPct,
      rssRatio: round(withWorkflows!.rssMb / without!.rssMb, 2),
      googleCallsInWindow: inWindow.length,
      sheetsPolledInWindow: polled.size,
      sheetsReadsInWindow: inWindow.filter((r) => r.api === 'sheets').length,
      googleErrorsInWindow: inWindow.filter((r) => r.status >= 400).length,
      rssTargetMet: withWorkflows!.rssMb <= TARGET_RSS_MB,
      cpuTargetMet: withWorkflows!.cpuPct <= TARGET_CPU_PCT,
    };
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    await emu.close();
    rmSync(loadedDir, { recursive: true, force: true });
    rmSync(baselineDir, { recursive: true, force: true });
  }
};

export default idle;
