// securityContext (pod-level defaults, container-level overrides) as runtime
// settings, refusing what this node does not allow.
import type { Container, Pod } from "../../worker/schema/kinds.ts";
import type { ContainerSecurity } from "../runtime/runtime.ts";
import { ConfigError } from "./field-ref.ts";

export interface SecurityPolicy {
  allowPrivileged: boolean;
  nodeName: string;
}

/** The uid part of an image's USER ("1000", "nobody:staff", ""). */
function imageUid(imageUser: string): string {
  return imageUser.split(":")[0] ?? "";
}

export function containerSecurity(pod: Pod, container: Container, imageUser: string, policy: SecurityPolicy): ContainerSecurity {
  const sc = container.securityContext ?? {};
  const psc = pod.spec?.securityContext ?? {};
  const uid = sc.runAsUser ?? psc.runAsUser;
  const gid = sc.runAsGroup ?? psc.runAsGroup;
  let user: string | undefined;
  if (uid !== undefined) user = gid !== undefined ? `${uid}:${gid}` : String(uid);
  else if (gid !== undefined) user = `${imageUid(imageUser) || "0"}:${gid}`;

  if (sc.runAsNonRoot ?? psc.runAsNonRoot) {
    const effective = uid !== undefined ? String(uid) : imageUid(imageUser);
    if (effective !== "" && !/^\d+$/.test(effective)) {
      throw new ConfigError(`container has runAsNonRoot and image has non-numeric user (${effective}), cannot verify user is non-root`);
    }
    if (effective === "" || Number(effective) === 0) {
      throw new ConfigError(`container has runAsNonRoot and image will run as root (pod: "${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})", container: ${container.name})`);
    }
  }
  if (sc.privileged && !policy.allowPrivileged) {
    throw new ConfigError(`privileged containers are not allowed on node ${policy.nodeName} (its agent runs without --allow-privileged)`);
  }
  const groups = [...(psc.supplementalGroups ?? [])];
  if (psc.fsGroup !== undefined && !groups.includes(psc.fsGroup)) groups.push(psc.fsGroup);
  return {
    user,
    supplementalGroups: groups,
    readOnlyRootFilesystem: sc.readOnlyRootFilesystem ?? false,
    privileged: sc.privileged ?? false,
    capAdd: sc.capabilities?.add ?? [],
    capDrop: sc.capabilities?.drop ?? [],
    noNewPrivileges: sc.allowPrivilegeEscalation === false,
  };
}
