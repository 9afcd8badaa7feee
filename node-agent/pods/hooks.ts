// postStart and preStop handlers: exec, httpGet, tcpSocket or sleep, run
// against a container and bounded by a timeout.
import type { Container } from "../../worker/schema/kinds.ts";
import { execHandler, httpGetHandler, tcpHandler } from "../probes/handlers.ts";
import type { HandlerTarget } from "../probes/handlers.ts";
import { sleep } from "../util/time.ts";

export type LifecycleHandler = NonNullable<NonNullable<Container["lifecycle"]>["postStart"]>;

/** Runs the hook; resolves to an error message, or undefined when it succeeded. */
export async function runHook(handler: LifecycleHandler, target: HandlerTarget, timeoutMs: number): Promise<string | undefined> {
  if (handler.sleep) {
    await sleep(Math.min(handler.sleep.seconds * 1000, timeoutMs));
    return undefined;
  }
  const result = handler.exec
    ? await execHandler(target, handler.exec.command ?? [], timeoutMs)
    : handler.httpGet
      ? await httpGetHandler(target, handler.httpGet, timeoutMs)
      : handler.tcpSocket
        ? await tcpHandler(target, handler.tcpSocket, timeoutMs)
        : { ok: false as const, message: "the hook has no handler" };
  return result.ok ? undefined : result.message;
}
