// Once per test run: Docker must be reachable, the busybox test image must
// exist, and nothing from an earlier interrupted run may linger. Only test
// containers older than a run are swept, so two runs at once (a developer's
// and another session's) do not destroy each other's pods.
import { ensureTestImage, removeTestContainers, requireDocker, testDocker } from "./docker-fixtures.ts";

const STALE_MS = 15 * 60_000;

export default async function setup(): Promise<() => Promise<void>> {
  const docker = testDocker();
  await requireDocker(docker);
  await ensureTestImage(docker);
  await removeTestContainers(docker, undefined, STALE_MS);
  return async () => {
    await removeTestContainers(docker, undefined, STALE_MS);
  };
}
