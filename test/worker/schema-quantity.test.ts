import { describe, expect, it } from "vitest";
import {
  bytes,
  compareQuantities,
  formatBytes,
  formatMillicores,
  isValidQuantity,
  millicores,
  parseQuantity,
  tryParseQuantity,
} from "../../worker/schema/quantity.ts";

describe("quantities", () => {
  it("parses decimal, binary and exponent suffixes into base units", () => {
    expect(parseQuantity("100m")).toBeCloseTo(0.1);
    expect(parseQuantity("2")).toBe(2);
    expect(parseQuantity("1.5")).toBe(1.5);
    expect(parseQuantity("1k")).toBe(1000);
    expect(parseQuantity("1M")).toBe(1e6);
    expect(parseQuantity("128Mi")).toBe(128 * 2 ** 20);
    expect(parseQuantity("1Gi")).toBe(2 ** 30);
    expect(parseQuantity("1e3")).toBe(1000);
    expect(parseQuantity("250u")).toBeCloseTo(250e-6);
    expect(parseQuantity(3)).toBe(3);
  });

  it("rejects malformed quantities", () => {
    for (const bad of ["", "abc", "1Gb", "1.2.3", " 1", "1 Gi", "Mi"]) expect(tryParseQuantity(bad), bad).toBeUndefined();
    expect(isValidQuantity("1x")).toBe(false);
    expect(() => parseQuantity("nope")).toThrow(/quantities must match the regular expression/);
  });

  it("converts to millicores and bytes, rounding up like Kubernetes", () => {
    expect(millicores("100m")).toBe(100);
    expect(millicores("0.1")).toBe(100);
    expect(millicores("2")).toBe(2000);
    expect(millicores("1.0005")).toBe(1001);
    expect(bytes("128Mi")).toBe(134217728);
    expect(bytes("1G")).toBe(1e9);
  });

  it("formats and compares", () => {
    expect(formatMillicores(250)).toBe("250m");
    expect(formatMillicores(2000)).toBe("2");
    expect(formatBytes(134217728)).toBe("128Mi");
    expect(formatBytes(1000)).toBe("1000");
    expect(compareQuantities("1", "1000m")).toBe(0);
    expect(compareQuantities("1Gi", "1G")).toBe(1);
    expect(compareQuantities("500m", "1")).toBe(-1);
  });
});
