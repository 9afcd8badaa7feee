// The agent's command line. Every mistake becomes a UsageError with one line
// that says what to change; the CLI prints it and exits 2.
import { hostname, homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { parseArgs } from "node:util";

export class UsageError extends Error {}

export interface AgentOptions {
  server: string;
  joinToken: string;
  nodeName: string;
  dockerHost: string;
  stateDir: string;
  labels: Record<string, string>;
  maxPods: number;
  allowPrivileged: boolean;
  insecureSkipTlsVerify: boolean;
  caFile?: string;
  /** Give pods the node's own network on its podCIDR, with Services and cluster DNS (node-agent/network). */
  podNetwork: boolean;
  /** "simulated": a TEST TOOL runtime that runs no containers (node-agent/runtime/simulated); default Docker. */
  runtime?: "docker" | "simulated";
  /** TEST TOOL: run this many hollow nodes (sim-0 …) in one process instead of one real node (node-agent/simulate). */
  simulate?: number;
  verbose: boolean;
}

export const USAGE = `Usage: kubeflare-agent --server URL --token JOIN_TOKEN [options]

Joins a Kubeflare cluster as a node and runs the pods bound to it on Docker.

  --server URL                 the control plane (https://host[:port][/clusters/NAME])
  --token TOKEN                the cluster's join token (or env KUBEFLARE_JOIN_TOKEN)
  --name NAME                  node name (default: this host's name, lowercased)
  --docker-host URL            unix:///var/run/docker.sock (default, or DOCKER_HOST), tcp://host:port
  --state-dir DIR              credential and pod volumes (default: ~/.kubeflare/nodes/NAME)
  --labels k=v,...             extra node labels
  --max-pods N                 pods this node accepts (default 110)
  --allow-privileged           allow privileged containers
  --insecure-skip-tls-verify   accept any server certificate (local development)
  --ca-file FILE               trust this CA bundle for the server
  --no-pod-network             keep pods on Docker's default bridge (no podCIDR network,
                               Service routing or cluster DNS; needs no root or iptables)
  --runtime docker|simulated   simulated is a TEST TOOL: pods only change status, no
                               containers run (scale tests, like kubemark)
  --simulate N                 TEST TOOL: run N hollow nodes (sim-0 … sim-N-1) in this
                               process, each with its own heartbeats and pods long-poll
  -v, --verbose                debug logging
  -h, --help                   this text`;

const NODE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of text.split(",")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw new UsageError(`--labels: "${part}" is not key=value`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!LABEL_KEY.test(key)) throw new UsageError(`--labels: "${key}" is not a valid label key`);
    if (!LABEL_VALUE.test(value)) throw new UsageError(`--labels: "${value}" is not a valid label value (for key "${key}")`);
    labels[key] = value;
  }
  return labels;
}

function parseServer(text: string | undefined): string {
  if (!text) throw new UsageError("--server is required (the control plane's URL, e.g. https://127.0.0.1:8787)");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--server: "${text}" is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`--server: only http and https are supported (got ${url.protocol})`);
  return url.toString().replace(/\/+$/, "");
}

function parseDockerHost(text: string): string {
  if (text.startsWith("unix://") || text.startsWith("tcp://") || text.startsWith("http://")) return text;
  if (isAbsolute(text)) return `unix://${text}`;
  throw new UsageError(`--docker-host: "${text}" should look like unix:///var/run/docker.sock or tcp://host:2375`);
}

export function parseAgentArgs(argv: string[], env: NodeJS.ProcessEnv): AgentOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        server: { type: "string" },
        token: { type: "string" },
        name: { type: "string" },
        "docker-host": { type: "string" },
        "state-dir": { type: "string" },
        labels: { type: "string" },
        "max-pods": { type: "string" },
        "allow-privileged": { type: "boolean" },
        "insecure-skip-tls-verify": { type: "boolean" },
        "ca-file": { type: "string" },
        "no-pod-network": { type: "boolean" },
        runtime: { type: "string" },
        simulate: { type: "string" },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    // parseArgs explains unknown flags and missing values well; keep its sentence.
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
  if (values.help) return "help";
  const server = parseServer(values.server);
  const joinToken = values.token ?? env.KUBEFLARE_JOIN_TOKEN ?? "";
  if (!joinToken) throw new UsageError("--token is required (the cluster's join token; KUBEFLARE_JOIN_TOKEN also works)");
  const nodeName = values.name ?? hostname().toLowerCase();
  if (nodeName.length > 253 || !NODE_NAME.test(nodeName)) {
    throw new UsageError(`--name: "${nodeName}" is not a valid node name (lowercase letters, digits, '-' and '.')`);
  }
  const maxPodsText = values["max-pods"] ?? "110";
  const maxPods = Number(maxPodsText);
  if (!Number.isInteger(maxPods) || maxPods < 1 || maxPods > 10000) throw new UsageError(`--max-pods: "${maxPodsText}" is not a whole number between 1 and 10000`);
  const stateDir = resolve(values["state-dir"] ?? join(homedir(), ".kubeflare", "nodes", nodeName));
  if (values["insecure-skip-tls-verify"] && values["ca-file"]) throw new UsageError("--ca-file and --insecure-skip-tls-verify exclude each other");
  const runtime = values.runtime ?? "docker";
  if (runtime !== "docker" && runtime !== "simulated") throw new UsageError(`--runtime: "${runtime}" is not docker or simulated`);
  const simulate = values.simulate === undefined ? undefined : Number(values.simulate);
  if (simulate !== undefined && (!Number.isInteger(simulate) || simulate < 1 || simulate > 100_000)) throw new UsageError(`--simulate: "${values.simulate}" is not a whole number between 1 and 100000`);
  if (simulate !== undefined && values["ca-file"]) throw new UsageError("--simulate does not support --ca-file (use it against a local dev server with --insecure-skip-tls-verify)");
  return {
    server,
    joinToken,
    nodeName,
    dockerHost: parseDockerHost(values["docker-host"] ?? env.DOCKER_HOST ?? "unix:///var/run/docker.sock"),
    stateDir,
    labels: parseLabels(values.labels ?? ""),
    maxPods,
    allowPrivileged: values["allow-privileged"] ?? false,
    insecureSkipTlsVerify: values["insecure-skip-tls-verify"] ?? false,
    caFile: values["ca-file"] ? resolve(values["ca-file"]) : undefined,
    podNetwork: !(values["no-pod-network"] ?? false),
    runtime,
    simulate,
    verbose: values.verbose ?? false,
  };
}
