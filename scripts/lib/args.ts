// Command-line flags of `npm start`. Errors are UsageErrors: one line, exit 2.
import { DEFAULT_NODES } from "./node-agents.ts";
import { STATE_DIR_ENV } from "./paths.ts";

export interface StartArgs {
  nodes: number;
  port: number;
  stateDir?: string;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm start [-- --nodes N] [--port P] [--state-dir DIR]
  --nodes N        node agents to run on this machine's Docker engine (default 1; 0 for none)
  --port P         https port of the API (default 8787)
  --state-dir DIR  keep secrets, state, log and kubeconfig under DIR
                   (default: .dev.vars, .wrangler/state, .kubeflare/; env ${STATE_DIR_ENV})`;

function integer(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw new UsageError(`${flag} needs a whole number, got ${raw === undefined ? "nothing" : `"${raw}"`}`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function parseStartArgs(argv: string[], env: NodeJS.ProcessEnv, defaultPort: number): StartArgs {
  const args: StartArgs = { nodes: DEFAULT_NODES, port: defaultPort, stateDir: env[STATE_DIR_ENV] || undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case "--nodes":
        args.nodes = integer(flag, value(), 0, 100);
        break;
      case "--port":
        args.port = integer(flag, value(), 1, 65535);
        break;
      case "--state-dir":
        args.stateDir = value();
        if (args.stateDir === "") throw new UsageError("--state-dir needs a directory");
        break;
      case "-h":
      case "--help":
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown argument "${arg}" (try --help)`);
    }
  }
  return args;
}
