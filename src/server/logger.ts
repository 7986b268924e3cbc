import { pino, type DestinationStream, type Logger } from 'pino';

/** Log levels of --log-level. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The service's structured JSON logger (one object a line, ISO time, level as a word). Requests
 * are logged by method, URL, status and time; bodies never are, and the routes log counts rather
 * than anything read from a manifest. Credentials are redacted should a header ever be logged.
 */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'dfft', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    },
    options.destination,
  );
}
