/**
 * Packed texts: past packTextsAfter characters, readManifestPaths keeps texts deflated, and the
 * check lets go of a packed file's text once it is parsed. Reports must not change: locations from
 * the index (flows), deeper ones (a dataset's identifiability), code frames of the text format.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRun, formatReport, readManifestPaths } from '../../src/index';
import { isPackedText, packText } from '../../src/source/packed-text';
import { SourceDocument } from '../../src/source/source-document';
import { parseSource } from '../../src/source/parse-source';
import { tmpDir } from '../support/tmp';

const manifest = {
  manifestVersion: 1,
  system: { id: 'analytics', name: 'Analytiké – 分析', owner: 'a@b.example' },
  parties: [
    { id: 'shop-de', name: 'Shop GmbH', country: 'DE', role: 'controller' },
    { id: 'bi-us', name: 'BI Inc.', country: 'US', role: 'processor' },
  ],
  datasets: [
    { id: 'stats', categories: ['identifiers.name', 'contact.email'], subjects: ['customers'], identifiability: 'anonymised', collectedIn: ['DE'], purposes: ['analytics'] },
    { id: 'orders', categories: ['contact.email'], subjects: ['customers'], collectedIn: ['DE'], purposes: ['analytics'] },
  ],
  flows: [
    { id: 'stats-to-us', from: 'shop-de', to: 'bi-us', datasets: ['stats'], purposes: ['analytics'] },
    { id: 'orders-to-us', from: 'shop-de', to: 'bi-us', datasets: ['orders'], purposes: ['analytics'] },
  ],
};

it('gives the text back as it was, and says which inputs are packed', () => {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const packed = packText('m.json', text, 'abc');
  expect(isPackedText(packed)).toBe(true);
  expect(isPackedText({ file: 'm.json', text })).toBe(false);
  expect(packed.text).toBe(text);
  expect(packed.sha256).toBe('abc');
});

it('locates the same after release, reading the text again only for what the index lacks', () => {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const parsed = parseSource('m.json', text);
  if (!parsed.ok) throw new Error('parse');
  const doc: SourceDocument = parsed.value.source;
  const pointers = ['/flows/1', '/datasets/0', '/parties/1', '/datasets/0/identifiability', '/flows/0/purposes/0', '/nowhere/3'];
  const before = pointers.map((p) => doc.locate(p));
  let restored = 0;
  const again = parseSource('m.json', text);
  if (!again.ok) throw new Error('parse');
  again.value.source.release(() => {
    restored++;
    return text;
  });
  expect(again.value.source.locate('/flows/1')).toEqual(before[0]);
  expect(restored).toBe(0);
  expect(pointers.map((p) => again.value.source.locate(p))).toEqual(before);
  expect(restored).toBeGreaterThan(0);
  expect(again.value.source.text).toBe(text);
});

it.each([
  ['indented', `${JSON.stringify(manifest, null, 2)}\n`],
  ['on one line', JSON.stringify(manifest)],
  ['with CRLF line ends', JSON.stringify(manifest, null, 1).replace(/\n/g, '\r\n')],
])('keeps lines and columns of keys and values after release, %s, and reads the text once for deep ones', (_, text) => {
  const parse = (): SourceDocument => {
    const parsed = parseSource('m.json', text);
    if (!parsed.ok) throw new Error('parse');
    return parsed.value.source;
  };
  const indexed = ['/flows/0', '/flows/1', '/parties/0', '/datasets/1', '/system', '/system/name', '/manifestVersion'];
  const deep = ['/flows/0/to', '/flows/1/datasets/0', '/datasets/0/identifiability', '/parties/1/country', '/flows/9', '/flows/x'];
  const before = parse();
  const want = [...indexed.map((p) => before.locate(p)), ...indexed.map((p) => before.locate(p, { key: true })), ...deep.map((p) => before.locate(p))];
  const after = parse();
  let restored = 0;
  after.release(() => {
    restored++;
    return text;
  });
  const got = [...indexed.map((p) => after.locate(p)), ...indexed.map((p) => after.locate(p, { key: true }))];
  expect(restored).toBe(0);
  got.push(...deep.map((p) => after.locate(p)));
  expect(got).toEqual(want);
  expect(restored).toBeLessThanOrEqual(2); // the full index and the line table, each made once
});

it('checks packed files with the same reports, code frames and deep locations included', async () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'a.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.copyFileSync(path.join('examples', 'manifests', 'jp-retailer-eu-subsidiary.json'), path.join(dir, 'b.json'));
  const plain = readManifestPaths([dir]);
  const packed = readManifestPaths([dir], { packTextsAfter: 0 });
  expect(packed.sources.every(isPackedText)).toBe(true);
  expect(plain.sources.some(isPackedText)).toBe(false);
  expect(packed.characters).toBe(plain.characters);
  const options = { asOf: '2026-11-28' };
  const a = await checkRun(plain.sources, options);
  const b = await checkRun(packed.sources, options);
  // The deep location of the anonymised dataset's finding is part of what must stay the same.
  expect(a.report.findings.some((f) => f.location.pointer === '/datasets/0/identifiability')).toBe(true);
  expect(JSON.stringify(b.report)).toBe(JSON.stringify(a.report));
  const text = async (r: typeof a): Promise<string> => String(await formatReport('text', r.report, { color: false, sourceText: r.sourceText }));
  expect(await text(b)).toBe(await text(a));
  expect(await text(a)).toContain('> ');
});

it('unpacks a file once for all its code frames, not once per finding', async () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'a.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.copyFileSync(path.join('examples', 'manifests', 'jp-retailer-eu-subsidiary.json'), path.join(dir, 'b.json'));
  const run = await checkRun(readManifestPaths([dir], { packTextsAfter: 0 }).sources, { asOf: '2026-11-28' });
  const perFile = new Map<string, number>();
  for (const f of run.report.findings) perFile.set(f.location.file, (perFile.get(f.location.file) ?? 0) + 1);
  expect(Math.max(...perFile.values())).toBeGreaterThan(2);
  // The module object itself (an import would give a copy that the code under test does not call through).
  const zlib = require('node:zlib') as typeof import('node:zlib'); // eslint-disable-line @typescript-eslint/no-require-imports
  const inflate = jest.spyOn(zlib, 'inflateRawSync');
  try {
    await formatReport('text', run.report, { color: false, sourceText: run.sourceText });
    expect(inflate.mock.calls.length).toBeLessThanOrEqual(perFile.size);
    expect(inflate.mock.calls.length).toBeGreaterThan(0);
  } finally {
    inflate.mockRestore();
  }
});
