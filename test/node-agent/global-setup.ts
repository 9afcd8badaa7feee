// Once per test run: Docker must be reachable, the busybox test image must
// exist, and nothing from an earlier interrupted run may linger.
import { ensureTestImage, removeTestContainers, requireDocker, testDocker } from "./docker-fixtures.ts";

export default async function setup(): Promise<() => Promise<void>> {
  const docker = testDocker();
  await requireDocker(docker);
  await ensureTestImage(docker);
  await removeTestContainers(docker);
  return async () => {
    await removeTestContainers(docker);
  };
}
