// What the API layer passes to the store for each verb: query parameters and
// DeleteOptions, already parsed. Plain data, so it crosses Durable Object RPC.
import type { KubeObject } from "../apimachinery/object.ts";
import type { Status } from "../apimachinery/status.ts";

export type FieldValidation = "Strict" | "Warn" | "Ignore";

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  /** Server-side apply: take over fields other managers own. */
  force?: boolean;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface WatchOptions extends ListOptions {
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

export type PropagationPolicy = "Background" | "Foreground" | "Orphan";

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface ObjectList {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Every store call answers with this: errors are values, so they survive RPC intact. */
export type Outcome<T> =
  | { ok: true; value: T; warnings?: string[]; created?: boolean }
  | { ok: false; status: Status };
