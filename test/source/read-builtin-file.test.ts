import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBuiltinFile } from '../../src/source/read-file';
import { tmpDir } from '../support/tmp';

// A run reads each built-in pack three times; readBuiltinFile reads it once while it is unchanged,
// and never serves a changed file's old text.
describe('readBuiltinFile', () => {
  it('reads an unchanged file once, and again when it changes, even to the same size and modification time', () => {
    const file = path.join(tmpDir({ 'pack.yaml': 'id: one\n' }), 'pack.yaml');
    const first = readBuiltinFile(file);
    const again = readBuiltinFile(file);
    if (!first.ok || !again.ok) throw new Error('unreadable');
    expect(again.value).toBe(first.value); // the same object: not read again
    const { mtime, atime } = fs.statSync(file);
    fs.writeFileSync(file, 'id: two\n');
    fs.utimesSync(file, atime, mtime); // same size, modification time set back
    const changed = readBuiltinFile(file);
    expect(changed.ok && changed.value.text).toBe('id: two\n');
    expect(changed.ok && changed.value.sha256).not.toBe(first.value.sha256);
  });

  it('keeps no failure: a file that could not be read is read when it is back', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'pack.yaml');
    const missing = readBuiltinFile(file, 'policy/unreadable');
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.diagnostics[0].code).toBe('policy/unreadable');
    fs.writeFileSync(file, 'id: back\n');
    const back = readBuiltinFile(file);
    expect(back.ok && back.value.text).toBe('id: back\n');
  });
});
