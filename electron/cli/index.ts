#!/usr/bin/env node
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '@shared/errors';
import { RunsAtOnce } from '@shared/settings';
import { APP_VERSION } from '@shared/version';
import { defaultHeadlessDataDir } from './data-dir';
import { createStderrLogger } from './logger';
import { serve } from './serve';
import { describeReport, validateFile } from './validate';
import { exportCommand } from './export';
import { FILE_ERROR_CODES, describeImport, importCommand } from './import';
import { progressBar } from './progress';
import { openHeadlessEngine } from './open-engine';
import { describeRun, runOnce } from './run';

const USAGE = `Usage: switchyard <command> [options]

Commands:
  serve              Run the engine and the app in your browser on 127.0.0.1
  validate <file>... Check workflow files as import would; touches no data
  export <id>...|--all  Write workflows as a file to stdout (several: one bundle),
                     or with --out-dir <dir> one file each
  import <file>...   Import workflow files (they arrive disabled); --bind alias=id
                     chooses an account (default: the only one of its kind),
                     --on-clash replace|keep-both|skip decides for ids already here
  run [<id>...]      With ids: one real run of each now, waiting for it (--item JSON
                     for the trigger item, --enable to enable a disabled one first);
                     without: run every enabled workflow in the foreground (headless)
  list               List the workflows: id, state, steps and name
  version            Print the version

Options:
  --data-dir <dir>   Where data lives (default: ${defaultHeadlessDataDir()})
  --port <n>         Port for serve (default: the one kept from the first start)
  --runs-at-once <n> For serve and run without ids: how many workflow runs execute
                     at once, 1–16, this time only (default: the "Runs at once"
                     setting, 8)
  --json             Print results as JSON
  -h, --help         Show this help

Exit codes: 0 done, 1 internal error, 2 usage or refused, 3 a file is invalid,
            4 a run did not succeed
`;

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'runs-at-once': { type: 'string' },
        json: { type: 'boolean' },
        all: { type: 'boolean' },
        'out-dir': { type: 'string' },
        bind: { type: 'string', multiple: true },
        'on-clash': { type: 'string' },
        item: { type: 'string' },
        enable: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UserError('invalid_input', `${(error as Error).message}\n\n${USAGE}`);
  }
}

/** `--runs-at-once`: digits only, then the setting's own bounds (1–16). */
function parseRunsAtOnce(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = RunsAtOnce.safeParse(/^\d+$/.test(text) ? Number(text) : Number.NaN);
  if (!parsed.success)
    throw new UserError(
      'invalid_input',
      `--runs-at-once must be a whole number from 1 to 16, not "${text}".`,
    );
  return parsed.data;
}

/**
 * The built renderer: beside the bundle (this code is in out/main/chunks/, loaded by
 * out/main/cli.js → out/renderer), or, when this file runs from source through tsx
 * (electron/cli/index.ts), the one `npm run build` wrote to out/renderer.
 */
const rendererDir = (): string =>
  basename(import.meta.filename).endsWith('.ts')
    ? resolve(import.meta.dirname, '../../out/renderer')
    : resolve(import.meta.dirname, '../../renderer');

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  const command = positionals[0];
  const runsAtOnce = parseRunsAtOnce(values['runs-at-once']);
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 1;
  }
  if (command === 'version') {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  if (command === 'validate') {
    const files = positionals.slice(1);
    if (files.length === 0)
      throw new UserError('invalid_input', `validate needs a file.\n\n${USAGE}`);
    const reports = files.map((file) => validateFile(file));
    if (values.json) process.stdout.write(`${JSON.stringify(reports)}\n`);
    for (const report of reports) {
      if (values.json) continue;
      (report.ok ? process.stdout : process.stderr).write(describeReport(report));
    }
    return reports.every((r) => r.ok) ? 0 : 3;
  }
  if (command === 'list') {
    const engine = openHeadlessEngine(
      resolve(values['data-dir'] ?? defaultHeadlessDataDir()),
      createStderrLogger('warn'),
    );
    try {
      const workflows = engine.repos.workflows.list();
      if (values.json) process.stdout.write(`${JSON.stringify(workflows)}\n`);
      else
        for (const w of workflows)
          process.stdout.write(`${w.id}\t${w.state}\t${w.stepCount}\t${w.name}\n`);
    } finally {
      engine.close();
    }
    return 0;
  }
  if (command === 'import') {
    const files = positionals.slice(1);
    if (files.length === 0)
      throw new UserError('invalid_input', `import needs a file.\n\n${USAGE}`);
    const clash = values['on-clash'];
    if (clash !== undefined && !['replace', 'keep-both', 'skip'].includes(clash)) {
      throw new UserError(
        'invalid_input',
        `--on-clash takes replace, keep-both or skip, not "${clash}".`,
      );
    }
    const reports = importCommand({
      dataDir: resolve(values['data-dir'] ?? defaultHeadlessDataDir()),
      files,
      bind: values.bind ?? [],
      onClash: clash === undefined ? undefined : (clash.replace('-', '_') as 'keep_both'),
      logger: createStderrLogger('warn'),
      onProgress: values.json ? undefined : progressBar('Importing'),
    });
    if (values.json) process.stdout.write(`${JSON.stringify(reports)}\n`);
    else for (const report of reports) process.stdout.write(describeImport(report));
    return 0;
  }
  if (command === 'run' && positionals.length > 1) {
    let item: Record<string, unknown> | undefined;
    if (values.item !== undefined) {
      try {
        item = JSON.parse(values.item) as Record<string, unknown>;
      } catch (error) {
        throw new UserError('invalid_input', `--item is not JSON: ${(error as Error).message}`);
      }
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        throw new UserError('invalid_input', '--item must be a JSON object.');
    }
    const reports = await runOnce({
      dataDir: resolve(values['data-dir'] ?? defaultHeadlessDataDir()),
      ids: positionals.slice(1),
      item,
      enable: values.enable ?? false,
      logger: createStderrLogger('warn'),
    });
    if (values.json) process.stdout.write(`${JSON.stringify(reports)}\n`);
    else for (const report of reports) process.stdout.write(describeRun(report));
    return reports.every((r) => r.state === 'succeeded') ? 0 : 4;
  }
  if (command === 'export') {
    const ids = positionals.slice(1);
    if (!values.all && ids.length === 0)
      throw new UserError('invalid_input', `export needs workflow ids or --all.\n\n${USAGE}`);
    const result = exportCommand({
      dataDir: resolve(values['data-dir'] ?? defaultHeadlessDataDir()),
      ids: values.all ? 'all' : ids,
      outDir: values['out-dir'] && resolve(values['out-dir']),
      logger: createStderrLogger('warn'),
      onProgress: values.json ? undefined : progressBar('Exporting'),
    });
    if (result.text !== undefined) process.stdout.write(result.text);
    if (values.json && result.text === undefined)
      process.stdout.write(
        `${JSON.stringify({ written: result.written, stripped: result.stripped })}\n`,
      );
    else for (const path of result.written) process.stdout.write(`${path}\n`);
    if (result.stripped > 0)
      process.stderr.write(
        `switchyard: left out ${result.stripped} secret value(s); set them again after import.\n`,
      );
    return 0;
  }
  if (command !== 'serve' && command !== 'run')
    throw new UserError('invalid_input', `Unknown command "${command}".\n\n${USAGE}`);

  // Digits only: Number() would also take "", " 80", "0x50" and "1e3".
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(/^\d+$/.test(values.port!) && port <= 65535)) {
    throw new UserError(
      'invalid_input',
      `--port must be a number from 0 to 65535, not "${values.port}".`,
    );
  }
  const dataDir = resolve(values['data-dir'] ?? defaultHeadlessDataDir());
  const running = await serve({
    dataDir,
    port,
    runsAtOnce,
    staticDir: rendererDir(),
    logger: createStderrLogger(),
    ui: command === 'serve',
  });
  process.stdout.write(
    command === 'serve'
      ? `Switchyard is running at ${running.server.url}\nData: ${dataDir}\nPress Ctrl+C to stop.\n`
      : `Switchyard is running enabled workflows (webhooks on port ${running.server.port})\nData: ${dataDir}\nPress Ctrl+C to stop.\n`,
  );
  await new Promise<void>((done) => {
    const stop = () => void running.stop().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UserError) process.stderr.write(`switchyard: ${error.message}\n`);
    else
      process.stderr.write(
        `switchyard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    if (!(error instanceof UserError)) process.exit(1);
    process.exit(FILE_ERROR_CODES.has(error.code) ? 3 : 2);
  },
);
