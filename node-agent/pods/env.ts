// A container's environment as kubelet builds it: envFrom sources first,
// then env entries in order (later names override earlier ones), with
// $(VAR) references to variables defined before them expanded.
import type { Container, Pod } from "../../worker/schema/kinds.ts";
import { expandVars } from "./expand.ts";
import { ConfigError, fieldRefValue, resourceFieldValue } from "./field-ref.ts";
import type { PodRuntimeFacts } from "./field-ref.ts";
import type { ObjectSource } from "./object-source.ts";

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function decode(base64: string): string {
  return Buffer.from(base64, "base64").toString("utf8");
}

export interface ResolvedEnv {
  vars: Map<string, string>;
  /** Keys skipped because they are not valid variable names (kubelet reports these as an event). */
  skipped: string[];
}

/**
 * `services`: the Service variables (service-env.ts); they may be referenced
 * with $(VAR) and fill in the names the container does not set itself.
 */
export async function resolveEnv(pod: Pod, container: Container, objects: ObjectSource, facts: PodRuntimeFacts, services: ReadonlyMap<string, string> = new Map()): Promise<ResolvedEnv> {
  const namespace = pod.metadata.namespace ?? "default";
  const vars = new Map<string, string>();
  const skipped: string[] = [];

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? "";
    let data: Record<string, string> = {};
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? "";
      const cm = await objects.configMap(namespace, name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new ConfigError(`configmap "${name}" not found`);
      }
      data = cm.data ?? {};
    } else if (from.secretRef) {
      const name = from.secretRef.name ?? "";
      const secret = await objects.secret(namespace, name);
      if (!secret) {
        if (from.secretRef.optional) continue;
        throw new ConfigError(`secret "${name}" not found`);
      }
      data = Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, decode(v)]));
    }
    for (const [key, value] of Object.entries(data)) {
      const name = prefix + key;
      if (!ENV_NAME.test(name)) skipped.push(name);
      else vars.set(name, value);
    }
  }

  for (const env of container.env ?? []) {
    const source = env.valueFrom;
    if (!source) {
      vars.set(env.name, expandVars(env.value ?? "", (name) => vars.get(name) ?? services.get(name)));
      continue;
    }
    if (source.fieldRef) {
      vars.set(env.name, fieldRefValue(pod, source.fieldRef.fieldPath, facts));
    } else if (source.resourceFieldRef) {
      vars.set(env.name, resourceFieldValue(pod, source.resourceFieldRef, container.name, facts));
    } else if (source.configMapKeyRef) {
      const { name = "", key, optional } = source.configMapKeyRef;
      const cm = await objects.configMap(namespace, name);
      if (!cm) {
        if (optional) continue;
        throw new ConfigError(`configmap "${name}" not found`);
      }
      const value = cm.data?.[key] ?? (cm.binaryData?.[key] !== undefined ? decode(cm.binaryData[key]) : undefined);
      if (value === undefined) {
        if (optional) continue;
        throw new ConfigError(`couldn't find key ${key} in ConfigMap ${namespace}/${name}`);
      }
      vars.set(env.name, value);
    } else if (source.secretKeyRef) {
      const { name = "", key, optional } = source.secretKeyRef;
      const secret = await objects.secret(namespace, name);
      if (!secret) {
        if (optional) continue;
        throw new ConfigError(`secret "${name}" not found`);
      }
      const value = secret.data?.[key];
      if (value === undefined) {
        if (optional) continue;
        throw new ConfigError(`couldn't find key ${key} in Secret ${namespace}/${name}`);
      }
      vars.set(env.name, decode(value));
    }
  }
  for (const [name, value] of services) if (!vars.has(name)) vars.set(name, value);
  return { vars, skipped };
}

export function envList(vars: Map<string, string>): string[] {
  return [...vars].map(([k, v]) => `${k}=${v}`);
}
