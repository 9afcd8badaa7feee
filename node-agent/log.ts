// Concise one-line logs on stderr. Callers pass names and reasons, never
// tokens or secret values: nothing here can tell a secret from a message.

export type LogLevel = "debug" | "info" | "warn" | "error";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A logger whose lines say which component (or pod) they are about. */
  child(scope: string): Logger;
}

export type LogSink = (line: string) => void;

export function createLogger(level: LogLevel = "info", sink: LogSink = (line) => process.stderr.write(`${line}\n`), scope = ""): Logger {
  const emit = (at: LogLevel, message: string) => {
    if (ORDER[at] < ORDER[level]) return;
    const time = new Date().toISOString().slice(11, 23);
    const tag = at === "info" ? "" : `${at.toUpperCase()} `;
    sink(`${time} ${tag}${scope ? `[${scope}] ` : ""}${message}`);
  };
  return {
    debug: (m) => emit("debug", m),
    info: (m) => emit("info", m),
    warn: (m) => emit("warn", m),
    error: (m) => emit("error", m),
    child: (s) => createLogger(level, sink, scope ? `${scope} ${s}` : s),
  };
}

/** For tests and embedders that want silence. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};

/** The message of anything thrown, without a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
