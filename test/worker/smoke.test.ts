import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("reaches the cluster object", async () => {
  const res = await SELF.fetch("https://kubeflare.test/");
  expect(await res.text()).toBe("pong");
});
