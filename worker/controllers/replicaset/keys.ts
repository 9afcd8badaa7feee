// Timer keys. A plain key syncs an owner against the objects it already owns
// (found through the ownerReferences index); an "adopt" key also scans the
// namespace for orphans, which only a few kinds of change can produce.
export interface OwnerKey {
  namespace: string;
  name: string;
  adopt: boolean;
}

const ADOPT_SUFFIX = "/adopt";

export function encodeOwnerKey(namespace: string, name: string, adopt = false): string {
  return `${namespace}/${name}${adopt ? ADOPT_SUFFIX : ""}`;
}

export function decodeOwnerKey(key: string): OwnerKey {
  const adopt = key.endsWith(ADOPT_SUFFIX);
  const [namespace = "", name = ""] = (adopt ? key.slice(0, -ADOPT_SUFFIX.length) : key).split("/");
  return { namespace, name, adopt };
}
