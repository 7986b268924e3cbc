import * as path from 'node:path';
import { PACKAGE_ROOT } from './schemas';

/** Where the built-in rule packs and their data live. */
export const RULES_DIR = path.join(PACKAGE_ROOT, 'rules');

/** How a policy's `extends` names a built-in pack (`dfft:eu-gdpr`). */
export const BUILTIN_PREFIX = 'dfft:';

/** "<dfft>/rules/eu-gdpr.yaml": stable across machines, so reports stay byte-identical. */
export function builtinDisplayName(file: string, rulesDir = RULES_DIR): string {
  return `<dfft>/rules/${path.relative(rulesDir, path.resolve(file)).split(path.sep).join('/')}`;
}
