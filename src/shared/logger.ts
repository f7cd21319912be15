import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Paths whose next segment is a secret: a survey token is the customer's only key to their survey,
 * so the log says that a survey was opened, never which one.
 */
const SECRET_SEGMENT_AFTER = ['/v1/surveys/', '/survey/'];

/** The path as logs show it: no query string (search terms, emails) and no secret segment. */
export function pathForLog(url: string): string {
  const path = url.split('?')[0] ?? '';
  const lower = path.toLowerCase();
  const prefix = SECRET_SEGMENT_AFTER.find((p) => lower.startsWith(p));
  if (!prefix) return path;
  const end = path.indexOf('/', prefix.length);
  return `${path.slice(0, prefix.length)}[redacted]${end < 0 ? '' : path.slice(end)}`;
}

/**
 * drizzle's errors say `Failed query: <sql>\nparams: <values>`, and Postgres adds `detail`
 * ("Key (email)=(…) already exists"): the values are customers' data. Logs keep the statement and
 * the driver's own message and code, never the values.
 */
export function messageForLog(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]');
}

function errorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: messageForLog(error) };
  const cause = (error as { cause?: unknown }).cause;
  const code = (error as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code;
  return {
    type: error.name,
    message: messageForLog(error),
    ...(typeof code === 'string' ? { code } : {}),
    ...(cause instanceof Error ? { cause: messageForLog(cause) } : {}),
    // The stack's first line repeats the message: keep only the frames.
    stack: error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 12).join('\n'),
  };
}

/**
 * One pino logger per process, shared by Fastify and the workers. Logs say what happened without
 * saying who: requests are logged without query strings (search terms, emails), secrets in paths
 * or headers, and bodies are never logged. `destination` is for tests that read the lines.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        path: pathForLog(request.url),
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: errorForLog,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
