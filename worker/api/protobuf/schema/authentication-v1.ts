// Generated from the protobuf descriptors and Go struct tags compiled into
// kubectl v1.32.4 (k8s.io/api k8s.io.api.authentication.v1). Field numbers come from generated.proto;
// JSON names and zero-value handling come from the Go json tags.
// Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";

export const AUTHENTICATION_V1: MessageTable = {
  "authentication.v1.BoundObjectReference": {
    1: ["kind", "string"],
    2: ["apiVersion", "string"],
    3: ["name", "string"],
    4: ["uid", "string"],
  },
  "authentication.v1.SelfSubjectReview": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["status", "authentication.v1.SelfSubjectReviewStatus"],
  },
  "authentication.v1.SelfSubjectReviewStatus": {
    1: ["userInfo", "authentication.v1.UserInfo"],
  },
  "authentication.v1.TokenRequest": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "authentication.v1.TokenRequestSpec"],
    3: ["status", "authentication.v1.TokenRequestStatus"],
  },
  "authentication.v1.TokenRequestSpec": {
    1: ["audiences", "string", "r"],
    3: ["boundObjectRef", "authentication.v1.BoundObjectReference"],
    4: ["expirationSeconds", "int64", "k"],
  },
  "authentication.v1.TokenRequestStatus": {
    1: ["token", "string", "k"],
    2: ["expirationTimestamp", "Time"],
  },
  "authentication.v1.TokenReview": {
    1: ["metadata", "meta.v1.ObjectMeta"],
    2: ["spec", "authentication.v1.TokenReviewSpec"],
    3: ["status", "authentication.v1.TokenReviewStatus"],
  },
  "authentication.v1.TokenReviewSpec": {
    1: ["token", "string"],
    2: ["audiences", "string", "r"],
  },
  "authentication.v1.TokenReviewStatus": {
    1: ["authenticated", "bool"],
    2: ["user", "authentication.v1.UserInfo"],
    3: ["error", "string"],
    4: ["audiences", "string", "r"],
  },
  "authentication.v1.UserInfo": {
    1: ["username", "string"],
    2: ["uid", "string"],
    3: ["groups", "string", "r"],
    4: ["extra", "StringList", "m"],
  },
};
