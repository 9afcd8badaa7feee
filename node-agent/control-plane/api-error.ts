// A non-2xx answer from the control plane, carrying what Kubernetes' Status
// body said so logs and callers can tell NotFound from Conflict from Forbidden.
import type { HttpResponse } from "./http-client.ts";

interface StatusBody {
  kind?: string;
  reason?: string;
  message?: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string,
  ) {
    super(message);
  }
}

export function apiError(method: string, path: string, res: HttpResponse): ApiError {
  const body = (res.json ?? {}) as StatusBody;
  const reason = body.reason ?? `HTTP ${res.status}`;
  const detail = body.message ?? (res.text.slice(0, 200) || "(empty body)");
  return new ApiError(`${method} ${path}: ${res.status} ${reason}: ${detail}`, res.status, reason);
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}
