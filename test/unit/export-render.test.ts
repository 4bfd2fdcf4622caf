/**
 * The exported Word document opens in another word processor: LibreOffice
 * (headless) converts it to PDF, poppler renders its first pages to PNG, and
 * the pages are A4 and carry ink. Skipped, saying how to install them, where
 * LibreOffice or poppler is missing (.ci/run installs both).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzlibSync } from 'fflate';
import { analyzeText } from '../../server/src/engine/analyze';
import { exportDocx } from '../../server/src/export/docx';
import { example } from '../helpers';

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const INSTALL = 'LibreOffice not installed: apt-get install libreoffice-writer poppler-utils';

/** A PNG's size and the share of its pixels that are dark (text, rules), from its IDAT data unfiltered. */
function inkOf(png: Buffer): { width: number; height: number; dark: number } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, '8 bits a channel');
      channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[body[9]] ?? 0;
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = unzlibSync(Buffer.concat(data));
  const stride = width * channels;
  const previous = new Uint8Array(stride);
  const row = new Uint8Array(stride);
  let dark = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? row[i - channels] : 0;
      const up = previous[i];
      const corner = i >= channels ? previous[i - channels] : 0;
      const paeth = () => {
        const p = left + up - corner;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
        return a <= b && a <= c ? left : b <= c ? up : corner;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter];
      row[i] = (line[i] + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) if (row[x * channels] < 128) dark++;
    previous.set(row);
  }
  return { width, height, dark: dark / (width * height) };
}

test('the exported .docx converts to PDF in LibreOffice: A4 pages, 3–6 of them, the first two with text on them', async (t) => {
  if (!has('soffice') || !has('pdftoppm') || !has('pdfinfo')) return t.skip(INSTALL);
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-render-'));
  const docx = join(dir, 'clean-2024.docx');
  writeFileSync(docx, await exportDocx(analyzeText(example('clean-2024.md'))));
  // A profile of its own: no clash with a LibreOffice the user has open.
  const convert = spawnSync('soffice', [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile'))}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { encoding: 'utf8', timeout: 240_000 });
  assert.equal(convert.status, 0, convert.stderr);
  const pdf = join(dir, 'clean-2024.pdf');
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  assert.ok(pages >= 3 && pages <= 6, `${pages} pages`);
  const [width, height] = (/^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info) ?? []).slice(1).map(Number);
  assert.ok(Math.abs(width - 595.3) < 2 && Math.abs(height - 841.9) < 2, `A4 portrait: ${width} × ${height} pt`);
  const render = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, join(dir, 'page')], { encoding: 'utf8' });
  assert.equal(render.status, 0, render.stderr);
  const images = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f)).sort();
  assert.equal(images.length, 2);
  for (const image of images) {
    const ink = inkOf(readFileSync(join(dir, image)));
    assert.ok(Math.abs(ink.width / ink.height - 595.3 / 841.9) < 0.01, `${image}: ${ink.width} × ${ink.height}`);
    assert.ok(ink.dark > 0.02 && ink.dark < 0.3, `${image}: ${(ink.dark * 100).toFixed(2)}% dark pixels`);
  }
});
