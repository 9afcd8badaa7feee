// Timer keys. A plain key ("ns/name") syncs an owner against the objects it
// already owns (found through the ownerReferences index); an adopt key
// ("ns/name/adopt") also scans the namespace for orphans, which only a few
// kinds of change can produce. Names never contain "/", so the parts are unambiguous.
export interface OwnerKey {
  namespace: string;
  name: string;
  adopt: boolean;
}

export function encodeOwnerKey(namespace: string, name: string, adopt = false): string {
  return adopt ? `${namespace}/${name}/adopt` : `${namespace}/${name}`;
}

export function decodeOwnerKey(key: string): OwnerKey {
  const [namespace = "", name = "", flag] = key.split("/");
  return { namespace, name, adopt: flag === "adopt" };
}
