// Parsers of option values, shared by commander's options and the config file's values; like
// main.ts, nothing here loads the library.
import { InvalidArgumentError } from 'commander';

/** A whole number of at least 1. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
}

/** A size in bytes: 500KB, 64MiB, 1GB or a plain number of bytes. */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 500KB, 64MiB or 1GB');
  const unit = (m[2] ?? 'B').toLowerCase();
  const factor: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };
  return Math.floor(Number(m[1]) * factor[unit]);
}

/** A comma-separated list of pack ids. */
export function splitList(value: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list of pack ids');
  return items;
}
