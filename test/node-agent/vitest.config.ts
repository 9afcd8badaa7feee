// Node agent tests: plain Node (not workerd), against the real Docker engine.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Docker-heavy files run side by side; each uses its own node name.
    fileParallelism: true,
  },
});
