import fc from 'fast-check';
import type { ManifestInput } from '../../../src/library/checker';
import { fileName, format, type Format, type JsonObject } from './arbitraries';
import type { InputFile } from './invariants';
import { serialize } from './serialize';

/** How a generated manifest is given to check: as text in a format, or as an object. */
export type Given = Format | 'object';
export const given: fc.Arbitrary<Given> = fc.oneof({ arbitrary: format, weight: 3 }, { arbitrary: fc.constant('object' as const), weight: 1 });

/** The inputs of check, and the files (with the text check sees) the report may point into. */
export function inputsOf(manifests: readonly JsonObject[], forms: readonly Given[]): { inputs: ManifestInput[]; files: InputFile[] } {
  const inputs: ManifestInput[] = [];
  const files: InputFile[] = [];
  manifests.forEach((manifest, i) => {
    const form = forms[i % forms.length];
    if (form === 'object') {
      const file = `inline-${i}.json`;
      inputs.push({ file, manifest });
      // The library writes an object as indented JSON to locate things in it.
      files.push({ file, text: `${JSON.stringify(manifest, null, 2)}\n` });
    } else {
      const file = fileName(i, form);
      const text = serialize(manifest, form);
      inputs.push({ file, text });
      files.push({ file, text });
    }
  });
  return { inputs, files };
}
