'use strict';
// The .json files under a folder, as `dfft check <dir>` finds them (sorted by name, folders
// walked in turn): shared by bench/floor.js and bench/pass-through.js, so both read the same files.
const fs = require('node:fs');
const path = require('node:path');

function jsonFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) jsonFiles(full, out);
    else if (e.name.endsWith('.json')) out.push(full);
  }
  return out;
}

module.exports = { jsonFiles };
