// The actions probes and lifecycle hooks share: exec in the container, an
// HTTP GET or a TCP connect to the pod's IP. Each answers success or a
// failure message in kubelet's words, within a timeout.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect } from "node:net";
import type { Container, IntOrString } from "../../worker/schema/kinds.ts";
import type { ContainerRuntime } from "../runtime/runtime.ts";

export type HandlerResult = { ok: true; output: string } | { ok: false; message: string };

export interface HandlerTarget {
  runtime: ContainerRuntime;
  containerId: string;
  container: Container;
  podIP: string;
}

export interface HttpGetAction {
  path?: string;
  port: IntOrString;
  host?: string;
  scheme?: "HTTP" | "HTTPS";
  httpHeaders?: { name: string; value: string }[];
}

const MAX_BODY = 10 * 1024;
const USER_AGENT = "kube-probe/1.32";

export function resolvePort(port: IntOrString, container: Container): number {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  const named = container.ports?.find((p) => p.name === port);
  if (!named) throw new Error(`couldn't find port ${port} in container ${container.name}`);
  return named.containerPort;
}

export async function execHandler(target: HandlerTarget, command: string[], timeoutMs: number): Promise<HandlerResult> {
  try {
    const result = await target.runtime.exec(target.containerId, command, timeoutMs);
    if (result.timedOut) return { ok: false, message: `command ${JSON.stringify(command)} timed out after ${timeoutMs / 1000}s` };
    if (result.exitCode === 0) return { ok: true, output: result.output };
    return { ok: false, message: result.output.trim() || `command ${JSON.stringify(command)} exited with ${result.exitCode}` };
  } catch (error) {
    return { ok: false, message: `exec ${JSON.stringify(command)}: ${(error as Error).message}` };
  }
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

export function httpGetHandler(target: HandlerTarget, action: HttpGetAction, timeoutMs: number): Promise<HandlerResult> {
  let port: number;
  try {
    port = resolvePort(action.port, target.container);
  } catch (error) {
    return Promise.resolve({ ok: false, message: (error as Error).message });
  }
  const host = action.host || target.podIP;
  const scheme = (action.scheme ?? "HTTP").toLowerCase();
  const path = action.path?.startsWith("/") ? action.path : `/${action.path ?? ""}`;
  const url = `${scheme}://${hostForUrl(host)}:${port}${path}`;
  const headers: Record<string, string> = { "user-agent": USER_AGENT, accept: "*/*" };
  for (const h of action.httpHeaders ?? []) headers[h.name.toLowerCase()] = h.value;
  const send = scheme === "https" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: HandlerResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // Kubernetes does not verify probe certificates.
    const req = send(url, { method: "GET", headers, rejectUnauthorized: false, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` });
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      const why = error.code === "ECONNREFUSED" ? "connect: connection refused" : (error.code ?? error.message);
      finish({ ok: false, message: `Get "${url}": dial tcp ${host}:${port}: ${why}` });
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        if (body.length < MAX_BODY) body += chunk.toString("utf8");
      });
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 400) finish({ ok: true, output: body });
        else finish({ ok: false, message: `HTTP probe failed with statuscode: ${status}` });
      });
      res.on("error", () => finish({ ok: false, message: `Get "${url}": the response broke off` }));
    });
    req.end();
  });
}

export function tcpHandler(target: HandlerTarget, action: { port: IntOrString; host?: string }, timeoutMs: number): Promise<HandlerResult> {
  let port: number;
  try {
    port = resolvePort(action.port, target.container);
  } catch (error) {
    return Promise.resolve({ ok: false, message: (error as Error).message });
  }
  const host = action.host || target.podIP;
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, message: `dial tcp ${host}:${port}: i/o timeout` });
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: true, output: "" });
    });
    socket.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why = error.code === "ECONNREFUSED" ? "connect: connection refused" : (error.code ?? error.message);
      resolve({ ok: false, message: `dial tcp ${host}:${port}: ${why}` });
    });
  });
}
