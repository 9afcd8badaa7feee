// The scale subresource of Deployments and ReplicaSets: an autoscaling/v1
// Scale view onto spec.replicas.
import type { KubeObject } from "../../apimachinery/object.ts";
import { isPlainObject } from "../../apimachinery/object.ts";
import { StatusError, errors, failure } from "../../apimachinery/status.ts";
import { applyPatch } from "../../patch/index.ts";
import type { PatchType } from "../../patch/index.ts";
import type { WriteOptions } from "../options.ts";
import { labelSelectorFromObject, labelSelectorToString } from "../../apimachinery/selectors.ts";
import type { StoreContext } from "./context.ts";
import { readExisting, resourceOf } from "./context.ts";
import { commitWrite } from "./write.ts";

interface ScalableSpec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
}

export function scaleOf(object: KubeObject): KubeObject {
  const spec = (object.spec ?? {}) as ScalableSpec;
  const status = (object.status ?? {}) as { replicas?: number };
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: {
      replicas: status.replicas ?? 0,
      selector: spec.selector ? labelSelectorToString(labelSelectorFromObject(spec.selector)) : "",
    },
  };
}

export function getScale(ctx: StoreContext, plural: string, namespace: string | undefined, name: string): KubeObject {
  return scaleOf(readExisting(ctx, resourceOf(plural), namespace, name));
}

/** PUT of a whole Scale, or a patch of one (type given). */
export function writeScale(
  ctx: StoreContext,
  plural: string,
  namespace: string | undefined,
  name: string,
  body: unknown,
  options: WriteOptions,
  patchType?: Exclude<PatchType, "apply">,
): KubeObject {
  const r = resourceOf(plural);
  const old = readExisting(ctx, r, namespace, name);
  const current = scaleOf(old);
  const scale = patchType ? applyPatch(patchType, current, body) : body;
  if (!isPlainObject(scale) || !isPlainObject(scale.spec)) {
    throw new StatusError(errors.badRequest("the body of the request must be a Scale object"));
  }
  const meta = isPlainObject(scale.metadata) ? scale.metadata : {};
  if (typeof meta.resourceVersion === "string" && meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) {
    throw new StatusError(errors.conflict(r, name));
  }
  const replicas = scale.spec.replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw new StatusError(
      failure(422, "Invalid", `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`, {
        name,
        group: "autoscaling",
        kind: "Scale",
        causes: [{ reason: "FieldValueInvalid", message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`, field: "spec.replicas" }],
      }),
    );
  }
  const candidate = structuredClone(old);
  candidate.spec = { ...(candidate.spec as object), replicas };
  const { object } = commitWrite(ctx, r, old, candidate, options);
  return scaleOf(object);
}
