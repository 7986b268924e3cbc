/**
 * The service as the `dfft serve` command starts it: the one module of src/server that another
 * front end may import. The service itself is built on the public API (src/index.ts) only.
 */
export { createServer, SERVER_DEFAULTS } from './app';
export { POOL_DEFAULTS } from './check-pool';
export { createLogger, LOG_LEVELS, type LogLevel } from './logger';
