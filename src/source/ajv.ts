import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { loadSchema, type SchemaName } from './schemas';

/**
 * Options shared by the run-time compiler and the build-time standalone compiler. ajv itself is
 * loaded only here: the CLI normally uses the precompiled validators and never needs it.
 */
export function createAjv(options: { code?: { source: boolean } } = {}): Ajv {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  const addFormats = (require('ajv-formats') as { default: (ajv: Ajv, formats: string[]) => void }).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  // verbose: errors carry their parentSchema, which names the allowed fields for "did you mean".
  const ajv = new AjvClass({ allErrors: true, strict: true, discriminator: true, verbose: true, ...options });
  addFormats(ajv, ['date', 'uri']);
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' }); // read by json-schema-to-typescript only
  ajv.addKeyword({ keyword: 'celType', schemaType: 'string' }); // the type rules see, where the engine normalises the value (src/policy/cel/environment.ts)
  return ajv;
}

const validators = new Map<SchemaName, ValidateFunction>();

/**
 * The validator for a schema, compiled once per process. The build precompiles them to
 * standalone modules (scripts/postbuild.js), which start faster than compiling here.
 */
export function getValidator(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    validate = loadPrecompiled(name) ?? createAjv().compile(loadSchema(name));
    validators.set(name, validate);
  }
  return validate;
}

function loadPrecompiled(name: SchemaName): ValidateFunction | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`./generated/${name}.js`) as ValidateFunction;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}
