// Admission fixtures shared by the schema tests: run `admit` and read its verdict.
import { expect } from "vitest";
import type { KubeObject } from "../../worker/apimachinery/object.ts";
import type { ResourceType } from "../../worker/apimachinery/registry.ts";
import { resourceByPlural } from "../../worker/apimachinery/registry.ts";
import type { Status } from "../../worker/apimachinery/status.ts";
import type { AdmitOptions, AdmitResult } from "../../worker/schema/admission.ts";
import { admit } from "../../worker/schema/admission.ts";

export function resource(plural: string): ResourceType {
  const r = resourceByPlural(plural);
  if (!r) throw new Error(`no resource ${plural}`);
  return r;
}

export function admitted(result: AdmitResult): { object: KubeObject; warnings: string[] } {
  if (!result.ok) throw new Error(`expected admission, got ${JSON.stringify(result.status)}`);
  return result;
}

export function rejected(result: AdmitResult): Status {
  if (result.ok) throw new Error(`expected rejection, got ${JSON.stringify(result.object)}`);
  return result.status;
}

/** `field: message` of each cause, as kubectl prints them. */
export function causes(result: AdmitResult): string[] {
  const status = rejected(result);
  expect(status.code).toBe(422);
  return (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
}

export function run(plural: string, input: unknown, options: Partial<AdmitOptions> = {}): AdmitResult {
  return admit(resource(plural), input, { strict: false, ...options });
}

export function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: "p" }): Record<string, unknown> {
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

export function container(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "main", image: "nginx:1.25", ...extra };
}

export function deployment(spec: Record<string, unknown> = {}, name = "web"): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [container()] } },
      ...spec,
    },
  };
}
