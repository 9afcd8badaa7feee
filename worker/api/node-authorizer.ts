// Kubernetes' node authorizer and NodeRestriction, for node credentials: a
// node reads what its own pods need and writes only its Node, its Lease, its
// pods' status and Events. Decisions that depend on stored relationships
// (is this pod bound here? does a pod here use this Secret?) are asked of the
// store, which answers consistently with its current state.
import type { ResourceType } from "../apimachinery/registry.ts";
import { qualifiedName } from "../apimachinery/registry.ts";
import type { Status } from "../apimachinery/status.ts";
import { failure } from "../apimachinery/status.ts";

export type Verb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";

export interface NodeRequest {
  verb: Verb;
  r: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  fieldSelector?: string;
}

export type NodeDecision = "allow" | "deny" | "ask-store";

const READ: ReadonlySet<Verb> = new Set(["get", "list", "watch"]);
const WRITE: ReadonlySet<Verb> = new Set(["create", "update", "patch"]);
/** Objects a node may read only when one of its pods refers to them. */
export const POD_REFERENCED = new Set(["configmaps", "secrets", "serviceaccounts"]);

export function authorizeNode(nodeName: string, req: NodeRequest): NodeDecision {
  const { verb, r, name, subresource } = req;
  switch (r.plural) {
    case "nodes":
      if (READ.has(verb)) return "allow";
      return WRITE.has(verb) && (name === nodeName || (verb === "create" && name === undefined)) ? "allow" : "deny";
    case "leases":
      return req.namespace === "kube-node-lease" && (name === nodeName || (verb === "create" && name === undefined)) && (READ.has(verb) || WRITE.has(verb))
        ? "allow"
        : "deny";
    case "pods":
      if (verb === "list" || verb === "watch") return selectsNode(req.fieldSelector, nodeName) ? "allow" : "deny";
      if (verb === "get" || verb === "delete") return subresource ? "deny" : "ask-store";
      if ((verb === "update" || verb === "patch") && subresource === "status") return "ask-store";
      return "deny";
    case "events":
      return WRITE.has(verb) || verb === "get" ? "allow" : "deny";
    case "services":
    case "endpoints":
      return READ.has(verb) ? "allow" : "deny";
    default:
      return POD_REFERENCED.has(r.plural) && verb === "get" ? "ask-store" : "deny";
  }
}

function selectsNode(fieldSelector: string | undefined, nodeName: string): boolean {
  return (fieldSelector ?? "").split(",").some((term) => term.trim() === `spec.nodeName=${nodeName}` || term.trim() === `spec.nodeName==${nodeName}`);
}

export function nodeForbidden(nodeName: string, req: NodeRequest): Status {
  const resource = req.subresource ? `${req.r.plural}/${req.subresource}` : req.r.plural;
  const scope = req.namespace ? `in the namespace "${req.namespace}"` : "at the cluster scope";
  const subject = req.name ? `${qualifiedName(req.r)} "${req.name}"` : qualifiedName(req.r);
  return failure(
    403,
    "Forbidden",
    `${subject} is forbidden: User "system:node:${nodeName}" cannot ${req.verb} resource "${resource}" in API group "${req.r.group}" ${scope}: no relationship found between node '${nodeName}' and this object`,
    { ...(req.name ? { name: req.name } : {}), ...(req.r.group ? { group: req.r.group } : {}), kind: req.r.plural },
  );
}
