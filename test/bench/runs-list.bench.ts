/**
 * The Runs list in the real app (browser mode, Debian's Chromium) with 100,000 seeded runs,
 * against the same list with 20 runs in the same run:
 * - `firstRowsMs`: from the click on Runs in the navigation until the first 20 rows are painted,
 *   measured in the page (median of several visits);
 * - `scrollP95FrameMs`, `scrollLongFramesPct` (frames over 33 ms): frame times while the mouse
 *   wheel scrolls the list for 5 s.
 * Targets: firstRowsMs ≤ 300, scrollP95FrameMs ≤ 1.25 × smallScrollP95FrameMs,
 * scrollLongFramesPct ≤ 2. Needs `npx electron-vite build` first.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { crmDefinition } from '../support/failing-workflow';
import { callApi } from '../support/http-api';
import { seedRuns } from '../support/seed-runs';
import { startServe } from '../support/serve-process';
import type { Benchmark } from './run';
import { median, round } from './stats';

const BIG = Number(process.env.BENCH_RUNS ?? 100_000);
const SMALL = 20;
const VISITS = 5;
const SCROLL_MS = 5_000;
const LONG_FRAME_MS = 33;

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => !!p && existsSync(p),
);

interface ListFigures {
  firstRowsMs: number;
  scrollP95FrameMs: number;
  scrollLongFramesPct: number;
  rowsLoaded: number;
}

/** A data directory with one workflow and `count` finished runs, seeded straight into SQLite. */
async function seededDataDir(count: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-runs-'));
  const server = await startServe(dataDir);
  const { id } = await callApi(server, 'workflows:save', {
    name: 'Sheet rows → CRM contacts',
    description: '',
    definition: crmDefinition({ failWith: null }),
  });
  await server.stop();
  seedRuns(dataDir, { workflowId: id, count, failEvery: 10 });
  return dataDir;
}

// Scripts run inside the page, kept as plain JavaScript: this file is compiled without DOM types.

/** Resolves (as window.__firstRows) once 20 run rows exist and a frame with them was painted. */
const ARM_FIRST_ROWS_PROBE = `
  window.__firstRows = new Promise((resolve) => {
    const link = [...document.querySelectorAll('nav a')].find((a) => a.textContent === 'Runs');
    link.addEventListener('click', () => {
      const start = performance.now();
      const rows = () =>
        document.querySelectorAll('[role="listbox"][aria-label="Runs"] [role="option"]').length;
      // The frame after the rows were committed has been painted by the time its rAF runs.
      const painted = () =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
      if (rows() >= 20) return painted();
      const observer = new MutationObserver(() => {
        if (rows() < 20) return;
        observer.disconnect();
        painted();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    }, { capture: true, once: true });
  });
  undefined; // page.evaluate would otherwise wait for the promise, i.e. for the click
`;

const START_FRAME_RECORDER = `
  window.__frames = [];
  window.__recording = true;
  requestAnimationFrame((first) => {
    let last = first;
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
`;

const STOP_FRAME_RECORDER = `(() => { window.__recording = false; return window.__frames; })()`;

const ROWS_LOADED = `Number((document.querySelector('.runs-foot')?.textContent ?? '').split(' ')[0].replace(/,/g, '') || 0)`;

async function measureList(
  page: Page,
  url: string,
  log: (line: string) => void,
): Promise<ListFigures> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const samples: number[] = [];
  for (let visit = 0; visit < VISITS; visit++) {
    await nav.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
    await page.evaluate(ARM_FIRST_ROWS_PROBE);
    await nav.getByRole('link', { name: 'Runs' }).click();
    samples.push(await page.evaluate<number>('window.__firstRows'));
  }
  log(`  first rows (ms): ${samples.map((s) => round(s, 1)).join(', ')}`);

  const list = page.getByRole('listbox', { name: 'Runs' });
  const box = (await list.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(START_FRAME_RECORDER);
  const until = Date.now() + SCROLL_MS;
  while (Date.now() < until) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(16);
  }
  const frames = await page.evaluate<number[]>(STOP_FRAME_RECORDER);
  const rowsLoaded = await page.evaluate<number>(ROWS_LOADED);
  const sorted = [...frames].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
  const long = frames.filter((f) => f > LONG_FRAME_MS).length;
  log(
    `  ${frames.length} frames while scrolling, p95 ${round(p95, 1)} ms, ${long} over ${LONG_FRAME_MS} ms`,
  );
  return {
    firstRowsMs: median(samples),
    scrollP95FrameMs: p95,
    scrollLongFramesPct: frames.length === 0 ? 100 : (100 * long) / frames.length,
    rowsLoaded,
  };
}

const runsList: Benchmark = async ({ log }) => {
  if (!CHROMIUM) throw new Error('No Chromium at /usr/bin/chromium (apt-get install -y chromium).');
  log(`Seeding ${BIG.toLocaleString('en-US')} and ${SMALL} runs…`);
  const bigDir = await seededDataDir(BIG);
  const smallDir = await seededDataDir(SMALL);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    const measure = async (dataDir: string, label: string) => {
      const server = await startServe(dataDir);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        log(`${label}:`);
        return await measureList(await context.newPage(), server.url, log);
      } catch (error) {
        log(`  failed: ${String(error)}`);
        throw error;
      } finally {
        await context.close();
        await server.stop();
      }
    };
    // The small list first and last would be fairer still; one each keeps the run short.
    const small = await measure(smallDir, `${SMALL} runs`);
    const big = await measure(bigDir, `${BIG.toLocaleString('en-US')} runs`);
    const meetsTarget =
      big.firstRowsMs <= 300 &&
      big.scrollP95FrameMs <= 1.25 * small.scrollP95FrameMs &&
      big.scrollLongFramesPct <= 2;
    return {
      firstRowsMs: round(big.firstRowsMs, 1),
      smallFirstRowsMs: round(small.firstRowsMs, 1),
      scrollP95FrameMs: round(big.scrollP95FrameMs, 1),
      smallScrollP95FrameMs: round(small.scrollP95FrameMs, 1),
      scrollLongFramesPct: round(big.scrollLongFramesPct, 2),
      smallScrollLongFramesPct: round(small.scrollLongFramesPct, 2),
      rowsLoadedAfterScroll: big.rowsLoaded,
      runs: BIG,
      meetsTarget,
    };
  } finally {
    await browser.close();
    rmSync(bigDir, { recursive: true, force: true });
    rmSync(smallDir, { recursive: true, force: true });
  }
};

export default runsList;
