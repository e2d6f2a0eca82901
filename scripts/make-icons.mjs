#!/usr/bin/env node
// Draws the Teams app icons (a support headset) with pngjs, so the package carries no third-party artwork.
//   node scripts/make-icons.mjs [outDir]      (default: manifest/)
// Teams wants color.png 192x192 (full-bleed background allowed) and outline.png 32x32, white on transparent.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';

const { PNG } = pngjs;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Fluent "communication blue"; also the manifest's accentColor. */
export const ACCENT = [0x0f, 0x6c, 0xbd];

const hypot = Math.hypot;
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = clamp(x, x0 + r, x1 - r);
  const cy = clamp(y, y0 + r, y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && hypot(x - cx, y - cy) <= r;
}

/** The headset in unit coordinates (0..1, y down): head band, two ear cups, a microphone boom. */
function inHeadset(x, y) {
  const band = hypot(x - 0.5, y - 0.52);
  if (y <= 0.56 && band >= 0.33 && band <= 0.43) return true;
  if (inRoundedRect(x, y, 0.05, 0.44, 0.27, 0.8, 0.08)) return true;
  if (inRoundedRect(x, y, 0.73, 0.44, 0.95, 0.8, 0.08)) return true;
  const boom = hypot(x - 0.56, y - 0.6);
  if (x >= 0.56 && y >= 0.78 && boom >= 0.26 && boom <= 0.33) return true;
  return hypot(x - 0.54, y - 0.895) <= 0.065;
}

/** Fraction of a pixel covered by the symbol, from a 4x4 grid of samples (smooth edges without a rasterizer). */
function coverage(px, py, size, margin) {
  const span = size * (1 - 2 * margin);
  let hit = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const u = (px + (i + 0.5) / 4 - size * margin) / span;
      const v = (py + (j + 0.5) / 4 - size * margin) / span;
      if (inHeadset(u, v)) hit++;
    }
  }
  return hit / 16;
}

export function drawColor(size = 192) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, 0.2);
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(ACCENT[c] * (1 - a) + 255 * a);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export function drawOutline(size = 32) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * coverage(x, y, size, 0.03));
    }
  }
  return PNG.sync.write(png);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(root, 'manifest'));
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'color.png'), drawColor());
  fs.writeFileSync(path.join(out, 'outline.png'), drawOutline());
  console.log(`wrote ${path.join(out, 'color.png')} and ${path.join(out, 'outline.png')}`);
}
