import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../worker/apimachinery/object.ts";
import { findResource } from "../../worker/apimachinery/registry.ts";
import type { ResourceType } from "../../worker/apimachinery/registry.ts";
import { StatusError } from "../../worker/apimachinery/status.ts";
import {
  exactFieldValue,
  fieldValue,
  labelSelectorFromObject,
  labelSelectorToString,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from "../../worker/apimachinery/selectors.ts";

const res = (group: string, plural: string): ResourceType => {
  const r = findResource(group, plural);
  if (!r) throw new Error(`no resource ${plural}`);
  return r;
};
const pods = res("", "pods");

function statusOf(fn: () => unknown): { code: number; reason?: string; message?: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error("expected a StatusError");
}

describe("parseLabelSelector", () => {
  const web = { app: "web", tier: "front" };

  it("matches equality, inequality and sets", () => {
    expect(matchesLabels(parseLabelSelector("app=web"), web)).toBe(true);
    expect(matchesLabels(parseLabelSelector("app==web"), web)).toBe(true);
    expect(matchesLabels(parseLabelSelector("app=db"), web)).toBe(false);
    expect(matchesLabels(parseLabelSelector("app!=db"), web)).toBe(true);
    expect(matchesLabels(parseLabelSelector("app!=web"), web)).toBe(false);
    expect(matchesLabels(parseLabelSelector("missing!=x"), web)).toBe(true);
    expect(matchesLabels(parseLabelSelector("app in (db, web)"), web)).toBe(true);
    expect(matchesLabels(parseLabelSelector("app notin (db,web)"), web)).toBe(false);
    expect(matchesLabels(parseLabelSelector("missing notin (a)"), web)).toBe(true);
    expect(matchesLabels(parseLabelSelector("missing in (a)"), web)).toBe(false);
  });

  it("matches existence and conjunctions", () => {
    expect(matchesLabels(parseLabelSelector("app"), web)).toBe(true);
    expect(matchesLabels(parseLabelSelector("!app"), web)).toBe(false);
    expect(matchesLabels(parseLabelSelector("!nope"), web)).toBe(true);
    expect(matchesLabels(parseLabelSelector(" app = web , tier in (front) ,!x "), web)).toBe(true);
    expect(matchesLabels(parseLabelSelector("app=web,tier=back"), web)).toBe(false);
    expect(matchesLabels(parseLabelSelector("app"), undefined)).toBe(false);
    expect(matchesLabels(parseLabelSelector("!app"), undefined)).toBe(true);
  });

  it("treats the empty string as everything and accepts empty values", () => {
    expect(matchesLabels(parseLabelSelector(""), undefined)).toBe(true);
    expect(matchesLabels(parseLabelSelector("a="), { a: "" })).toBe(true);
    expect(matchesLabels(parseLabelSelector("a in ()"), { a: "" })).toBe(true);
    expect(matchesLabels(parseLabelSelector("example.com/role=x"), { "example.com/role": "x" })).toBe(true);
  });

  it("supports gt and lt on integers", () => {
    expect(matchesLabels(parseLabelSelector("n>5"), { n: "7" })).toBe(true);
    expect(matchesLabels(parseLabelSelector("n<5"), { n: "7" })).toBe(false);
    expect(matchesLabels(parseLabelSelector("n>5"), { n: "x" })).toBe(false);
  });

  it("keeps the keywords usable as keys and values", () => {
    expect(matchesLabels(parseLabelSelector("in=notin"), { in: "notin" })).toBe(true);
  });

  it("prints requirements sorted by key", () => {
    expect(labelSelectorToString(parseLabelSelector("z=1,a in (c,b),!m,k"))).toBe("a in (b,c),k,!m,z=1");
  });

  it("rejects bad syntax with Kubernetes' messages", () => {
    expect(statusOf(() => parseLabelSelector("a b"))).toMatchObject({
      code: 400,
      reason: "BadRequest",
      message: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
    });
    expect(statusOf(() => parseLabelSelector("a=b,")).message).toBe("found '', expected: identifier after ','");
    expect(statusOf(() => parseLabelSelector("a in b")).message).toBe("unable to parse requirement: found 'b' expected: '('");
    expect(statusOf(() => parseLabelSelector("a in (b c)")).message).toBe(
      "unable to parse requirement: found 'c', expected: ',' or ')'",
    );
    expect(statusOf(() => parseLabelSelector("=a")).message).toBe("found '=', expected: !, identifier, or 'end of string'");
    expect(statusOf(() => parseLabelSelector("a=b c")).message).toBe("found 'c', expected: ',' or 'end of string'");
    expect(statusOf(() => parseLabelSelector("n>x")).message).toContain("for 'Gt', 'Lt' operators, the value must be an integer");
  });

  it("validates keys and values", () => {
    expect(statusOf(() => parseLabelSelector("-a=b")).message).toMatch(
      /^unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of alphanumeric characters/,
    );
    expect(statusOf(() => parseLabelSelector("a/b/c=d")).message).toContain("a qualified name must consist of");
    expect(statusOf(() => parseLabelSelector("a=-b")).message).toMatch(
      /^unable to parse requirement: values\[0\]\[a\]: Invalid value: "-b": a valid label must be an empty string/,
    );
    expect(statusOf(() => parseLabelSelector(`a=${"x".repeat(64)}`)).message).toContain("must be no more than 63 characters");
    expect(statusOf(() => parseLabelSelector("Bad.Prefix/a=b")).message).toContain("prefix part a lowercase RFC 1123 subdomain");
  });
});

describe("labelSelectorFromObject", () => {
  it("matches nothing for null and everything for an empty selector", () => {
    expect(matchesLabels(labelSelectorFromObject(null), { a: "b" })).toBe(false);
    expect(matchesLabels(labelSelectorFromObject(undefined), {})).toBe(false);
    expect(matchesLabels(labelSelectorFromObject({}), undefined)).toBe(true);
    expect(labelSelectorFromObject(null).nothing).toBe(true);
  });

  it("combines matchLabels and matchExpressions", () => {
    const sel = labelSelectorFromObject({
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["front", "edge"] },
        { key: "env", operator: "NotIn", values: ["prod"] },
        { key: "owner", operator: "Exists" },
        { key: "legacy", operator: "DoesNotExist" },
      ],
    });
    expect(matchesLabels(sel, { app: "web", tier: "edge", owner: "me" })).toBe(true);
    expect(matchesLabels(sel, { app: "web", tier: "edge", owner: "me", env: "prod" })).toBe(false);
    expect(matchesLabels(sel, { app: "web", tier: "edge" })).toBe(false);
    expect(matchesLabels(sel, { app: "web", tier: "edge", owner: "me", legacy: "1" })).toBe(false);
    expect(labelSelectorToString(sel)).toBe("app=web,env notin (prod),!legacy,owner,tier in (edge,front)");
  });

  it("renders the Scale selector string", () => {
    expect(labelSelectorToString(labelSelectorFromObject({ matchLabels: { app: "web" } }))).toBe("app=web");
  });

  it("rejects unknown operators and empty In sets", () => {
    expect(statusOf(() => labelSelectorFromObject({ matchExpressions: [{ key: "a", operator: "Like" }] }))).toMatchObject({
      code: 400,
      message: '"Like" is not a valid label selector operator',
    });
    expect(statusOf(() => labelSelectorFromObject({ matchExpressions: [{ key: "a", operator: "In", values: [] }] })).message).toBe(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
  });
});

describe("parseFieldSelector", () => {
  const pod: KubeObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web-1", namespace: "default" },
    spec: { nodeName: "n1", restartPolicy: "Always" },
    status: { phase: "Running", podIPs: [{ ip: "10.0.0.7" }] },
  };

  it("matches =, == and != with commas", () => {
    expect(matchesFields(parseFieldSelector(pods, "metadata.name=web-1"), pod)).toBe(true);
    expect(matchesFields(parseFieldSelector(pods, "metadata.name==web-2"), pod)).toBe(false);
    expect(matchesFields(parseFieldSelector(pods, "spec.nodeName=n1,status.phase!=Pending"), pod)).toBe(true);
    expect(matchesFields(parseFieldSelector(pods, "spec.nodeName=n1,status.phase!=Running"), pod)).toBe(false);
    expect(matchesFields(parseFieldSelector(pods, ""), pod)).toBe(true);
  });

  it("reads missing fields as empty and booleans as text", () => {
    expect(matchesFields(parseFieldSelector(pods, "spec.schedulerName="), pod)).toBe(true);
    expect(matchesFields(parseFieldSelector(pods, "status.nominatedNodeName!="), pod)).toBe(false);
    expect(matchesFields(parseFieldSelector(pods, "spec.hostNetwork=false"), pod)).toBe(true);
    expect(matchesFields(parseFieldSelector(pods, "status.podIP=10.0.0.7"), pod)).toBe(true);
    const node: KubeObject = { apiVersion: "v1", kind: "Node", metadata: { name: "n" }, spec: { unschedulable: true } };
    expect(matchesFields(parseFieldSelector(res("", "nodes"), "spec.unschedulable=true"), node)).toBe(true);
  });

  it("knows each resource's selectable fields", () => {
    const ev: KubeObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "e", namespace: "default" },
      involvedObject: { kind: "Pod", name: "web-1" },
      reportingComponent: "kubelet",
      type: "Warning",
    };
    const events = res("", "events");
    expect(matchesFields(parseFieldSelector(events, "involvedObject.kind=Pod,involvedObject.name=web-1,type=Warning"), ev)).toBe(true);
    expect(matchesFields(parseFieldSelector(events, "source=kubelet"), ev)).toBe(true);
    const secret: KubeObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, type: "Opaque" };
    expect(matchesFields(parseFieldSelector(res("", "secrets"), "type=Opaque"), secret)).toBe(true);
    const rs: KubeObject = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "r" }, status: { replicas: 2 } };
    expect(matchesFields(parseFieldSelector(res("apps", "replicasets"), "status.replicas=2"), rs)).toBe(true);
    expect(matchesFields(parseFieldSelector(res("", "namespaces"), "metadata.namespace="), rs)).toBe(true);
  });

  it("rejects unsupported fields and malformed terms", () => {
    expect(statusOf(() => parseFieldSelector(pods, "spec.containers=x"))).toMatchObject({
      code: 400,
      reason: "BadRequest",
      message: "field label not supported: spec.containers",
    });
    expect(statusOf(() => parseFieldSelector(res("", "configmaps"), "status.phase=x")).message).toBe(
      "field label not supported: status.phase",
    );
    expect(statusOf(() => parseFieldSelector(pods, "metadata.name")).message).toBe(
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    );
    expect(statusOf(() => parseFieldSelector(pods, "metadata.name=a=b")).message).toBe(
      "invalid field selector: unescaped character in value: =",
    );
  });

  it("unescapes values and exposes exact matches", () => {
    const sel = parseFieldSelector(pods, "metadata.name=a\\,b");
    expect(exactFieldValue(sel, "metadata.name")).toBe("a,b");
    expect(exactFieldValue(parseFieldSelector(pods, "metadata.name!=x"), "metadata.name")).toBeUndefined();
  });

  it("reads dotted paths", () => {
    expect(fieldValue(pod, "spec.nodeName")).toBe("n1");
    expect(fieldValue(pod, "spec.nope.deeper")).toBe("");
    expect(fieldValue({ a: { b: 3 } }, "a.b")).toBe("3");
  });
});
