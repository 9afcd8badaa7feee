// Probes and lifecycle handlers: exactly one handler, valid ports, sane numbers.
import type { z } from "zod";
import type { LifecycleHandler, Probe } from "../container.ts";
import type { IntOrStringValue } from "../meta.ts";
import type { FieldError } from "./field.ts";
import { child, fieldErrors, invalidEach, nonNegative } from "./field.ts";
import { portNameErrors, portNumErrors } from "../../apimachinery/name-validation.ts";

type ProbeValue = z.infer<typeof Probe>;
type HandlerValue = z.infer<typeof LifecycleHandler>;

export function validatePortNumOrName(port: IntOrStringValue, path: string): FieldError[] {
  if (typeof port === "number") return invalidEach(path, port, portNumErrors(port));
  if (port === "") return [fieldErrors.required(path)];
  return invalidEach(path, port, portNameErrors(port));
}

function validateHandlers(handler: ProbeValue | HandlerValue, path: string, names: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  const record: Record<string, unknown> = handler;
  const set = names.filter((n) => record[n] !== undefined);
  if (set.length === 0) errs.push(fieldErrors.required(path, "must specify a handler type"));
  if (set.length > 1) errs.push(fieldErrors.forbidden(child(path, set[1]), "may not specify more than 1 handler type"));
  if (handler.httpGet) errs.push(...validatePortNumOrName(handler.httpGet.port, child(child(path, "httpGet"), "port")));
  if (handler.tcpSocket) errs.push(...validatePortNumOrName(handler.tcpSocket.port, child(child(path, "tcpSocket"), "port")));
  if (handler.exec && (handler.exec.command ?? []).length === 0) {
    errs.push(fieldErrors.required(child(child(path, "exec"), "command")));
  }
  return errs;
}

export function validateLifecycleHandler(handler: HandlerValue | undefined, path: string): FieldError[] {
  if (!handler) return [];
  const errs = validateHandlers(handler, path, ["exec", "httpGet", "tcpSocket", "sleep"]);
  if (handler.sleep && handler.sleep.seconds < 0) {
    errs.push(fieldErrors.invalid(child(child(path, "sleep"), "seconds"), handler.sleep.seconds, "must be non-negative"));
  }
  return errs;
}

/** `mustSucceedOnce`: liveness and startup probes require successThreshold 1. */
export function validateProbe(probe: ProbeValue | undefined, path: string, mustSucceedOnce: boolean): FieldError[] {
  if (!probe) return [];
  const errs = validateHandlers(probe, path, ["exec", "httpGet", "tcpSocket", "grpc"]);
  if (probe.grpc) errs.push(...invalidEach(child(child(path, "grpc"), "port"), probe.grpc.port, portNumErrors(probe.grpc.port)));
  for (const f of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] as const) {
    errs.push(...nonNegative(child(path, f), probe[f]));
  }
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(fieldErrors.invalid(child(path, "terminationGracePeriodSeconds"), probe.terminationGracePeriodSeconds, "must be greater than 0"));
  }
  if (mustSucceedOnce && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errs.push(fieldErrors.invalid(child(path, "successThreshold"), probe.successThreshold, "must be 1"));
  }
  return errs;
}
