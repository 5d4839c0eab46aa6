import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// electron-builder's own dependencies: its config schema is checked with the same validator it uses.
import Ajv from 'ajv';
import yaml from 'js-yaml';

const root = join(import.meta.dirname, '../..');
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  never
> & {
  mac: { entitlements: string; icon: string; hardenedRuntime: boolean; target: string[] };
  win: { icon: string; target: string[] };
  linux: { icon: string; target: string[] };
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
};

describe('installer configuration (electron-builder.yml)', () => {
  it("is valid against electron-builder's configuration schema", () => {
    const schema = JSON.parse(
      readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds AppImage and deb, dmg with the hardened runtime, and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toContain('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('names files that exist: icons, entitlements, tray icons of every state', () => {
    for (const file of [
      config.mac.icon,
      config.win.icon,
      config.linux.icon,
      config.mac.entitlements,
    ])
      expect(existsSync(join(root, file)), file).toBe(true);
    const tray = config.extraResources.find((r) => r.to === 'tray')!;
    for (const state of ['ok', 'running', 'attention'])
      for (const name of [
        `tray-${state}.png`,
        `tray-${state}Template.png`,
        `tray-${state}Template@2x.png`,
      ])
        expect(existsSync(join(root, tray.from, name)), name).toBe(true);
  });

  it("unpacks better-sqlite3's native module from the asar", () => {
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });

  it('ships tray icons that are real PNGs of the right size', () => {
    const png = (name: string) => readFileSync(join(root, 'resources/tray', name));
    for (const [name, size] of [
      ['tray-ok.png', 32],
      ['tray-attentionTemplate.png', 16],
      ['tray-runningTemplate@2x.png', 32],
    ] as const) {
      const bytes = png(name);
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
