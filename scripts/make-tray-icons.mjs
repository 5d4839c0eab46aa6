// Draws the tray icons (three states, colour and macOS template) as PNGs with a tiny encoder.
// Run: node scripts/make-tray-icons.mjs  → resources/tray/*.png
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** RGBA pixels (Float rgba 0..1 per pixel) → PNG bytes. */
function encodePng(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = Math.round(r * 255);
      raw[o + 1] = Math.round(g * 255);
      raw[o + 2] = Math.round(b * 255);
      raw[o + 3] = Math.round(Math.max(0, Math.min(1, a)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a 16-unit space, as signed distances (negative inside); coverage is antialiased.
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const box = (x0, y0, x1, y1) => (x, y) => Math.max(x0 - x, x - x1, y0 - y, y - y1);
const union =
  (...s) =>
  (x, y) =>
    Math.min(...s.map((f) => f(x, y)));
const cover = (d, px) => Math.max(0, Math.min(1, 0.5 - d / px));
const bang = union(box(7.1, 3.6, 8.9, 9.4), circle(8, 11.6, 1.05));
const play = (x, y) => Math.max(6 - x, (x - 11.2) * 0.9 + Math.abs(y - 8) * 1.6 - 1.2 + 0.3);
const check = (x, y) => {
  const seg = (ax, ay, bx, by) => {
    const t = Math.max(
      0,
      Math.min(
        1,
        ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2),
      ),
    );
    return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) - 1.05;
  };
  return Math.min(seg(4.9, 8.3, 7, 10.5), seg(7, 10.5, 11.2, 5.6));
};

const STATES = {
  ok: { color: [0.13, 0.6, 0.33], mark: check },
  running: { color: [0.15, 0.45, 0.85], mark: play },
  attention: { color: [0.9, 0.55, 0.05], mark: bang },
};

function colourIcon(size, { color, mark }) {
  const k = size / 16;
  const disc = circle(8, 8, 7.2);
  return encodePng(size, (px, py) => {
    const x = px / k;
    const y = py / k;
    const a = cover(disc(x, y), 1 / k);
    const m = cover(mark(x, y), 1 / k);
    return [color[0] * (1 - m) + m, color[1] * (1 - m) + m, color[2] * (1 - m) + m, a];
  });
}

/** macOS template: black with alpha only; the system draws it light or dark. */
function templateIcon(size, state) {
  const k = size / 16;
  const ring = (x, y) => Math.abs(Math.hypot(x - 8, y - 8) - 6.4) - 1.1;
  return encodePng(size, (px, py) => {
    const x = px / k;
    const y = py / k;
    const shape =
      state === 'attention'
        ? Math.max(circle(8, 8, 7.4)(x, y), -bang(x, y)) // a disc with the mark cut out
        : union(ring, STATES[state].mark)(x, y);
    return [0, 0, 0, cover(shape, 1 / k)];
  });
}

const dir = join(import.meta.dirname, '../resources/tray');
mkdirSync(dir, { recursive: true });
for (const [state, spec] of Object.entries(STATES)) {
  writeFileSync(join(dir, `tray-${state}.png`), colourIcon(32, spec));
  writeFileSync(join(dir, `tray-${state}Template.png`), templateIcon(16, state));
  writeFileSync(join(dir, `tray-${state}Template@2x.png`), templateIcon(32, state));
  // A large copy only for looking at the drawing; not shipped.
  if (process.argv.includes('--preview')) {
    writeFileSync(join('/tmp', `tray-${state}-preview.png`), colourIcon(128, spec));
    writeFileSync(join('/tmp', `tray-${state}Template-preview.png`), templateIcon(128, state));
  }
}
console.log(`wrote tray icons to ${dir}`);
