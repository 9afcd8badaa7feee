// The calls a node makes to the control plane, authenticated with the node
// credential. A 401 means the credential is no longer accepted (for example
// the cluster's key changed): join again once and repeat the call.
import type { ConfigMap, Event, Lease, Node, Pod, Secret, ServiceAccount } from "../../worker/schema/kinds.ts";
import { ApiError, apiError } from "./api-error.ts";
import type { NodeCredential } from "./credential.ts";
import type { HttpClient, HttpResponse, RequestOptions } from "./http-client.ts";

export const STRATEGIC_MERGE = "application/strategic-merge-patch+json";
export const MERGE_PATCH = "application/merge-patch+json";

export interface Assignments {
  resourceVersion: string;
  pods: Pod[];
}

const seg = encodeURIComponent;

export class KubeClient {
  constructor(
    private readonly http: HttpClient,
    private readonly credential: NodeCredential,
  ) {}

  get server(): string {
    return this.http.base.toString();
  }

  /** The current node token, for the tunnel's upgrade request. */
  token(): Promise<string> {
    return this.credential.token();
  }

  /** Joins again after the server refused `rejected` (for the tunnel, which sees 401s itself). */
  renewToken(rejected: string): Promise<string> {
    return this.credential.renew(rejected);
  }

  private async call(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const token = await this.credential.token();
    const res = await this.http.request(method, path, { ...options, token });
    if (res.status !== 401) return res;
    const renewed = await this.credential.renew(token);
    return this.http.request(method, path, { ...options, token: renewed });
  }

  private async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.call(method, path, options);
    if (res.status < 200 || res.status > 299) throw apiError(method, path, res);
    return res.json as T;
  }

  createNode(node: Node): Promise<Node> {
    return this.json("POST", "/api/v1/nodes", { body: node });
  }

  getNode(name: string): Promise<Node> {
    return this.json("GET", `/api/v1/nodes/${seg(name)}`);
  }

  patchNode(name: string, patch: object): Promise<Node> {
    return this.json("PATCH", `/api/v1/nodes/${seg(name)}`, { body: patch, contentType: MERGE_PATCH });
  }

  patchNodeStatus(name: string, patch: object): Promise<Node> {
    return this.json("PATCH", `/api/v1/nodes/${seg(name)}/status`, { body: patch, contentType: STRATEGIC_MERGE });
  }

  putLease(lease: Lease): Promise<Lease> {
    const name = lease.metadata.name ?? "";
    return this.json("PUT", `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${seg(name)}`, { body: lease });
  }

  getConfigMap(namespace: string, name: string): Promise<ConfigMap> {
    return this.json("GET", `/api/v1/namespaces/${seg(namespace)}/configmaps/${seg(name)}`);
  }

  getSecret(namespace: string, name: string): Promise<Secret> {
    return this.json("GET", `/api/v1/namespaces/${seg(namespace)}/secrets/${seg(name)}`);
  }

  getServiceAccount(namespace: string, name: string): Promise<ServiceAccount> {
    return this.json("GET", `/api/v1/namespaces/${seg(namespace)}/serviceaccounts/${seg(name)}`);
  }

  patchPodStatus(namespace: string, name: string, patch: object): Promise<Pod> {
    return this.json("PATCH", `/api/v1/namespaces/${seg(namespace)}/pods/${seg(name)}/status`, { body: patch, contentType: STRATEGIC_MERGE });
  }

  /** Confirms that a terminating pod has stopped, so the store may remove it. */
  async confirmPodDeletion(namespace: string, name: string, uid: string): Promise<void> {
    const path = `/api/v1/namespaces/${seg(namespace)}/pods/${seg(name)}`;
    const res = await this.call("DELETE", path, { body: { kind: "DeleteOptions", apiVersion: "v1", gracePeriodSeconds: 0, preconditions: { uid } } });
    // Gone already, or a new pod of the same name (uid precondition): either way ours is done.
    if (res.status === 404 || res.status === 409) return;
    if (res.status < 200 || res.status > 299) throw apiError("DELETE", path, res);
  }

  createEvent(namespace: string, event: Event): Promise<Event> {
    return this.json("POST", `/api/v1/namespaces/${seg(namespace)}/events`, { body: event });
  }

  patchEvent(namespace: string, name: string, patch: object): Promise<Event> {
    return this.json("PATCH", `/api/v1/namespaces/${seg(namespace)}/events/${seg(name)}`, { body: patch, contentType: MERGE_PATCH });
  }

  /** The long-poll: returns at once without a resourceVersion or when this node's pods changed since it. */
  async pollAssignments(nodeName: string, resourceVersion: string | undefined, timeoutSeconds: number, signal?: AbortSignal): Promise<Assignments> {
    const query = new URLSearchParams({ timeoutSeconds: String(timeoutSeconds) });
    if (resourceVersion) query.set("resourceVersion", resourceVersion);
    const body = await this.json<Partial<Assignments>>("GET", `/kubeflare/v1/nodes/${seg(nodeName)}/pods?${query}`, {
      timeoutMs: (timeoutSeconds + 15) * 1000,
      signal,
    });
    if (typeof body?.resourceVersion !== "string" || !Array.isArray(body.pods)) {
      throw new ApiError(`GET /kubeflare/v1/nodes/${nodeName}/pods: the answer is not a NodeAssignments object`, 500, "InternalError");
    }
    return { resourceVersion: body.resourceVersion, pods: body.pods };
  }
}
