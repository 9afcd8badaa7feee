import { describe, expect, it } from "vitest";
import { semanticallyEqual } from "../../worker/patch/index.ts";

describe("semanticallyEqual", () => {
  it("treats null, empty maps, empty lists and empty strings as absent", () => {
    const stored = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "main", image: "nginx" }] } };
    const restored = {
      metadata: { creationTimestamp: null, labels: { app: "web" } },
      spec: { containers: [{ name: "main", image: "nginx", resources: {}, args: [], workingDir: "" }], volumes: [] },
    };
    expect(semanticallyEqual(stored, restored)).toBe(true);
    expect(semanticallyEqual(restored, stored)).toBe(true);
    expect(semanticallyEqual({ a: { b: { c: null } } }, {})).toBe(true);
    expect(semanticallyEqual(undefined, {})).toBe(true);
  });

  it("still sees real differences", () => {
    expect(semanticallyEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(semanticallyEqual({ a: false }, {})).toBe(false);
    expect(semanticallyEqual({ a: 0 }, {})).toBe(false);
    expect(semanticallyEqual({ l: ["a", "b"] }, { l: ["b", "a"] })).toBe(false);
    expect(semanticallyEqual({ l: [1] }, { l: 1 })).toBe(false);
    expect(semanticallyEqual({ m: { x: "1" } }, { m: { x: "1", y: "2" } })).toBe(false);
    expect(semanticallyEqual("1", 1)).toBe(false);
  });
});
