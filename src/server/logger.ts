// Structured JSON logs. Nothing personal goes in: no NIK, KK, name or body is ever logged, and
// the redact list is a second fence in case a field slips through.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string = 'info'): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['nik', 'kk', 'name', 'body', '*.nik', '*.kk', '*.name', 'tracking_code'],
      censor: '[redacted]',
    },
  });
}
