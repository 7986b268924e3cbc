import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SourceText } from '../types/index';

/**
 * A manifest's text kept deflated (a JSON manifest packs to about a tenth), unpacked each time it
 * is read. A large estate's texts are its largest single cost in memory (380 MB at 1M flows); a
 * check needs a text whole only to parse it, and later only for a location deeper than its index
 * or a code frame. `readManifestPaths` packs the texts past `packTextsAfter` characters, and the check
 * lets go of the text of a packed input once the file is parsed (`SourceDocument.release`).
 * For texts decoded from a file's UTF-8 bytes (they hold no lone surrogate), so the text read back
 * is the text given, character for character.
 */
export function packText(file: string, text: string, sha256: string): SourceText {
  // Copied to its own length: zlib's result is a view of a 16 KiB chunk, which a small text would
  // keep whole (140 MB held for 45 MB of packed texts at 1M flows).
  const packed = Buffer.from(deflateRawSync(Buffer.from(text, 'utf8'), { level: 1 }));
  const entry = {
    file,
    get text(): string {
      return inflateRawSync(packed).toString('utf8');
    },
    sha256,
  };
  PACKED.add(entry);
  return entry;
}

/** Whether an input was made by packText: its text can be read again at any time, at a cost. */
export function isPackedText(entry: unknown): entry is SourceText {
  return typeof entry === 'object' && entry !== null && PACKED.has(entry);
}

const PACKED = new WeakSet<object>();
