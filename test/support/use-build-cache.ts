import * as fs from 'node:fs';
import * as path from 'node:path';

// Tests run from src, where there is no build cache of the built-in packs: each checker would
// parse and type-check every CEL expression of six packs again (about 0.3 s). `npm test` builds
// first, so the build's cache is current; it is used only when it is newer than every file it
// depends on (src, rules, schemas), so a stale build after an edit is never read. Entries are
// matched by sha256 in any case (src/policy/builtin-cache.ts).
const root = path.join(__dirname, '..', '..');
const cacheFile = path.join(root, 'dist', 'builtin-cache.json');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

if (!process.env.DFFT_NO_CACHE && !process.env.DFFT_BUILTIN_CACHE && fs.existsSync(cacheFile)) {
  const built = fs.statSync(cacheFile).mtimeMs;
  if (['src', 'rules', 'schemas'].every((d) => newestMtime(path.join(root, d)) <= built)) process.env.DFFT_BUILTIN_CACHE = cacheFile;
}
