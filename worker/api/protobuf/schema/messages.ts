// Generated: every schema table, merged. Regenerate rather than edit: see worker/api/protobuf/README.md.
import type { MessageTable } from "./types.ts";
import { ADMISSIONREGISTRATION_V1 } from "./admissionregistration-v1.ts";
import { APPS_V1 } from "./apps-v1.ts";
import { AUTHENTICATION_V1 } from "./authentication-v1.ts";
import { AUTHORIZATION_V1 } from "./authorization-v1.ts";
import { AUTOSCALING_V1 } from "./autoscaling-v1.ts";
import { AUTOSCALING_V2 } from "./autoscaling-v2.ts";
import { BATCH_V1 } from "./batch-v1.ts";
import { CERTIFICATES_V1 } from "./certificates-v1.ts";
import { COORDINATION_V1 } from "./coordination-v1.ts";
import { CORE_V1 } from "./core-v1.ts";
import { DISCOVERY_V1 } from "./discovery-v1.ts";
import { EVENTS_V1 } from "./events-v1.ts";
import { FLOWCONTROL_V1 } from "./flowcontrol-v1.ts";
import { META_V1 } from "./meta-v1.ts";
import { NETWORKING_V1 } from "./networking-v1.ts";
import { NODE_V1 } from "./node-v1.ts";
import { POLICY_V1 } from "./policy-v1.ts";
import { RBAC_V1 } from "./rbac-v1.ts";
import { SCHEDULING_V1 } from "./scheduling-v1.ts";
import { STORAGE_V1 } from "./storage-v1.ts";

export const MESSAGES: MessageTable = {
  ...ADMISSIONREGISTRATION_V1,
  ...APPS_V1,
  ...AUTHENTICATION_V1,
  ...AUTHORIZATION_V1,
  ...AUTOSCALING_V1,
  ...AUTOSCALING_V2,
  ...BATCH_V1,
  ...CERTIFICATES_V1,
  ...COORDINATION_V1,
  ...CORE_V1,
  ...DISCOVERY_V1,
  ...EVENTS_V1,
  ...FLOWCONTROL_V1,
  ...META_V1,
  ...NETWORKING_V1,
  ...NODE_V1,
  ...POLICY_V1,
  ...RBAC_V1,
  ...SCHEDULING_V1,
  ...STORAGE_V1,
};
