import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEngines } from '../../../test/support/engine';
import { useTempDir } from '../../../test/support/temp-dir';
import { startLoopbackServer } from '../server/http-server';
import { silentLogger } from '../types';

const TOKEN = 'bridge-token-0123456789abcdefghij';
const fixture = readFileSync(
  join(import.meta.dirname, '../../../test/fixtures/workflows/manual-debug.switchyard.json'),
  'utf8',
);

describe('workflow files over the browser-mode bridge', () => {
  const tempDir = useTempDir('switchyard-bridge-');
  const openEngine = useEngines();

  it('takes a file over 1 MB on the file channels (others keep the 1 MB limit), and says when it is over 5 MB', async () => {
    const dataDir = tempDir();
    const engine = openEngine(dataDir);
    const staticDir = join(dataDir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    const server = await startLoopbackServer({
      engine,
      staticDir,
      token: TOKEN,
      port: 0,
      logger: silentLogger,
    });
    const origin = `http://127.0.0.1:${server.port}`;
    const post = (channel: string, input: unknown) =>
      fetch(`${origin}/api/call/${channel}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          origin,
          'content-type': 'application/json',
        },
        body: JSON.stringify(input),
      });
    try {
      // A 3 MB note in a step's config: a large but honest file.
      const big = fixture.replace(
        '"record": {',
        `"note": "${'n'.repeat(3 * 1024 * 1024)}",\n"record": {`,
      );
      const preview = await post('files:preview', { text: big });
      expect(preview.status).toBe(200);
      expect(await preview.json()).toMatchObject({
        ok: true,
        value: { workflows: [{ id: 'manual_debug' }] },
      });
      const other = await post('workflows:validate', { definition: { note: 'x'.repeat(2 ** 21) } });
      expect(other.status).toBe(413);
      const huge = await post('files:import', { text: `${big}${' '.repeat(3 * 1024 * 1024)}` });
      expect(huge.status).toBe(413);
      expect(await huge.json()).toMatchObject({
        ok: false,
        error: {
          code: 'file_too_large',
          message: 'The file is over 5.0 MB; a workflow file may be at most 5.0 MB.',
        },
      });
    } finally {
      await server.close();
    }
  });
});
