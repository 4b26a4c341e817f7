// The main process's one logger. Every line passes through redact(), and a
// line names the module it comes from. The window's lines arrive over IPC.

import { redact } from './auth/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = {
  debug: 0,
  info: 1,
  warn: 2,
  error: 3,
};

/** Where log lines go; tests collect them to check nothing leaks. */
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(`${line}\n`);
let threshold: LogLevel =
  (process.env['CODEX_ACCOUNTS_LOG_LEVEL'] as LogLevel | undefined) ?? 'info';

/** Sends log lines elsewhere; returns a function that restores the old sink. */
export function setLogSink(next: LogSink, level: LogLevel = threshold) {
  const previous = { sink, threshold };
  sink = next;
  threshold = level;
  return () => {
    sink = previous.sink;
    threshold = previous.threshold;
  };
}

/** Facts about a secret may be logged (`hasCode: true`), never its value. */
export type LogFields = Record<string, string | number | boolean | null>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger whose lines start with `[scope]`. */
export function createLogger(scope: string): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVEL_ORDER[level] < (LEVEL_ORDER[threshold] ?? 1)) return;

    const extra = fields ? ` ${JSON.stringify(fields)}` : '';
    const time = new Date().toISOString();
    sink(
      redact(`${time} ${level.toUpperCase()} [${scope}] ${message}${extra}`),
    );
  };

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
