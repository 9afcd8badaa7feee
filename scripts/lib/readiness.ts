// Polls the control plane's /readyz until it answers "ok". The local
// certificate is self-signed, so this probe (and only this probe) skips
// verification; it never carries a credential.
import { Agent, get } from "node:https";

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Rejects early, e.g. when the server process has exited. */
  abort?: Promise<never>;
  onAttempt?: (attempt: number, lastError: string) => void | Promise<void>;
}

const insecureAgent = new Agent({ rejectUnauthorized: false, keepAlive: false });

function probe(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: insecureAgent, timeout: 5_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitForReady(baseUrl: string, options: WaitOptions): Promise<void> {
  const url = new URL("/readyz", baseUrl).toString();
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 300;
  let lastError = "no answer yet";
  for (let attempt = 1; ; attempt++) {
    const outcome = probe(url).then(
      ({ status, body }) => (status === 200 && body.trim() === "ok" ? undefined : `HTTP ${status}: ${body.slice(0, 200)}`),
      (error: Error) => error.message,
    );
    const result = await (options.abort ? Promise.race([outcome, options.abort]) : outcome);
    if (result === undefined) return;
    lastError = result;
    await options.onAttempt?.(attempt, lastError);
    if (Date.now() >= deadline) {
      throw new Error(`${url} did not answer ok within ${Math.round(options.timeoutMs / 1000)} s (last: ${lastError})`);
    }
    await (options.abort ? Promise.race([sleep(interval), options.abort]) : sleep(interval));
  }
}
