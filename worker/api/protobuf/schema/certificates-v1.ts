// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.certificates.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const CERTIFICATES_V1: MessageTable = {
  "certificates.v1.CertificateSigningRequest": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "certificates.v1.CertificateSigningRequestSpec"],
    3: ["status", "certificates.v1.CertificateSigningRequestStatus"],
  },
  "certificates.v1.CertificateSigningRequestCondition": {
    1: ["type", "string", "k"],
    2: ["reason", "string"],
    3: ["message", "string"],
    4: ["lastUpdateTime", "Time"],
    5: ["lastTransitionTime", "Time"],
    6: ["status", "string", "k"],
  },
  "certificates.v1.CertificateSigningRequestList": {
    1: ["metadata", "meta.v1.ListMeta"],
    2: ["items", "certificates.v1.CertificateSigningRequest", "r"],
  },
  "certificates.v1.CertificateSigningRequestSpec": {
    1: ["request", "bytes", "k"],
    2: ["username", "string"],
    3: ["uid", "string"],
    4: ["groups", "string", "r"],
    5: ["usages", "string", "r"],
    6: ["extra", "StringList", "m"],
    7: ["signerName", "string", "k"],
    8: ["expirationSeconds", "int32", "k"],
  },
  "certificates.v1.CertificateSigningRequestStatus": {
    1: ["conditions", "certificates.v1.CertificateSigningRequestCondition", "r"],
    2: ["certificate", "bytes"],
  },
};
