// One kind's admission: parse, unknown fields, defaults, validation. Generic in
// the kind's type, erased behind `KindAdmission` so one table holds them all.
import type { z } from "zod";
import type { KubeObject } from "../../apimachinery/object.ts";
import type { ResourceType } from "../../apimachinery/registry.ts";
import type { Status } from "../../apimachinery/status.ts";
import { errors } from "../../apimachinery/status.ts";
import type { FieldError } from "../validation/field.ts";
import { causesFromZod } from "./zod-causes.ts";
import { unknownFields } from "./unknown-fields.ts";

export interface AdmitOptions {
  strict: boolean;
  old?: KubeObject;
  subresource?: "status" | "scale";
}

export type AdmitResult = { ok: true; object: KubeObject; warnings: string[] } | { ok: false; status: Status };

export interface KindHooks<T extends KubeObject> {
  schema: z.ZodType<T>;
  defaults?(object: T, context: { creating: boolean; old?: T }): void;
  validate(object: T): FieldError[];
  validateUpdate?(object: T, old: T): FieldError[];
  /** Status-subresource writes: the spec is the stored one, only status is checked. */
  validateStatus?(object: T, old?: T): FieldError[];
}

export interface KindAdmission {
  /** `r` names the object in errors (for Scale, an autoscaling/v1 Scale). */
  admit(r: ResourceType, input: Record<string, unknown>, options: AdmitOptions): AdmitResult;
}

function nameOf(input: Record<string, unknown>, old?: KubeObject): string {
  const meta = input.metadata;
  const name = typeof meta === "object" && meta !== null ? (meta as Record<string, unknown>).name : undefined;
  return typeof name === "string" ? name : (old?.metadata.name ?? "");
}

export function strictDecodingError(r: ResourceType, unknown: readonly string[]): Status {
  const fields = unknown.map((f) => `unknown field ${JSON.stringify(f)}`).join(", ");
  return errors.badRequest(`${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: strict decoding error: ${fields}`);
}

export function defineKind<T extends KubeObject>(hooks: KindHooks<T>): KindAdmission {
  return {
    admit(r, input, options) {
      const name = nameOf(input, options.old);
      const parsed = hooks.schema.safeParse(input);
      if (!parsed.success) return { ok: false, status: errors.invalid(r, name, causesFromZod(parsed.error, input)) };
      const object = parsed.data;
      const unknown = unknownFields(input, object);
      if (unknown.length > 0 && options.strict) return { ok: false, status: strictDecodingError(r, unknown) };
      const oldParsed = options.old && options.subresource !== "scale" ? hooks.schema.safeParse(options.old) : undefined;
      const old = oldParsed?.success ? oldParsed.data : undefined;
      hooks.defaults?.(object, { creating: options.old === undefined, old });
      let errs: FieldError[];
      if (options.subresource === "status") {
        errs = hooks.validateStatus?.(object, old) ?? [];
      } else {
        errs = hooks.validate(object);
        if (old && hooks.validateUpdate) errs.push(...hooks.validateUpdate(object, old));
      }
      if (errs.length > 0) return { ok: false, status: errors.invalid(r, name, errs) };
      return { ok: true, object, warnings: unknown.map((f) => `unknown field ${JSON.stringify(f)}`) };
    },
  };
}
