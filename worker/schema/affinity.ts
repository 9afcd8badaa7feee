// core/v1 scheduling constraints: affinity, tolerations, topology spread.
import { z } from "zod";
import { LabelSelector } from "./meta.ts";

const CORE = "io.k8s.api.core.v1";

export const NodeSelectorRequirement = z
  .object({
    key: z.string(),
    operator: z.string().describe("One of In, NotIn, Exists, DoesNotExist, Gt, Lt."),
    values: z.array(z.string()).optional(),
  })
  .meta({ id: `${CORE}.NodeSelectorRequirement` });

export const NodeSelectorTerm = z
  .object({
    matchExpressions: z.array(NodeSelectorRequirement).optional(),
    matchFields: z.array(NodeSelectorRequirement).optional(),
  })
  .meta({ id: `${CORE}.NodeSelectorTerm` });

export const NodeSelector = z
  .object({ nodeSelectorTerms: z.array(NodeSelectorTerm) })
  .meta({ id: `${CORE}.NodeSelector` });

export const PreferredSchedulingTerm = z
  .object({ weight: z.int32(), preference: NodeSelectorTerm })
  .meta({ id: `${CORE}.PreferredSchedulingTerm` });

export const NodeAffinity = z
  .object({
    requiredDuringSchedulingIgnoredDuringExecution: NodeSelector.optional(),
    preferredDuringSchedulingIgnoredDuringExecution: z.array(PreferredSchedulingTerm).optional(),
  })
  .meta({ id: `${CORE}.NodeAffinity` });

export const PodAffinityTerm = z
  .object({
    labelSelector: LabelSelector.optional(),
    namespaces: z.array(z.string()).optional(),
    topologyKey: z.string(),
    namespaceSelector: LabelSelector.optional(),
    matchLabelKeys: z.array(z.string()).optional(),
    mismatchLabelKeys: z.array(z.string()).optional(),
  })
  .meta({ id: `${CORE}.PodAffinityTerm` });

export const WeightedPodAffinityTerm = z
  .object({ weight: z.int32(), podAffinityTerm: PodAffinityTerm })
  .meta({ id: `${CORE}.WeightedPodAffinityTerm` });

const podAffinityFields = {
  requiredDuringSchedulingIgnoredDuringExecution: z.array(PodAffinityTerm).optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z.array(WeightedPodAffinityTerm).optional(),
};

export const PodAffinity = z.object(podAffinityFields).meta({ id: `${CORE}.PodAffinity` });
export const PodAntiAffinity = z.object(podAffinityFields).meta({ id: `${CORE}.PodAntiAffinity` });

export const Affinity = z
  .object({
    nodeAffinity: NodeAffinity.optional(),
    podAffinity: PodAffinity.optional(),
    podAntiAffinity: PodAntiAffinity.optional(),
  })
  .meta({ id: `${CORE}.Affinity`, description: "Affinity is a group of affinity scheduling rules." });
export type AffinityValue = z.infer<typeof Affinity>;

export const TAINT_EFFECTS = ["NoExecute", "NoSchedule", "PreferNoSchedule"] as const;

export const Toleration = z
  .object({
    key: z.string().optional(),
    operator: z.string().optional().describe("Exists or Equal. Defaults to Equal."),
    value: z.string().optional(),
    effect: z.string().optional().describe("NoSchedule, PreferNoSchedule or NoExecute; empty matches all."),
    tolerationSeconds: z.int().optional(),
  })
  .meta({ id: `${CORE}.Toleration` });
export type TolerationValue = z.infer<typeof Toleration>;

export const TopologySpreadConstraint = z
  .object({
    maxSkew: z.int32(),
    topologyKey: z.string(),
    whenUnsatisfiable: z.string().describe("DoNotSchedule or ScheduleAnyway."),
    labelSelector: LabelSelector.optional(),
    minDomains: z.int32().optional(),
    nodeAffinityPolicy: z.string().optional(),
    nodeTaintsPolicy: z.string().optional(),
    matchLabelKeys: z.array(z.string()).optional(),
  })
  .meta({ id: `${CORE}.TopologySpreadConstraint` });

export const Taint = z
  .object({
    key: z.string(),
    value: z.string().optional(),
    effect: z.string().describe("NoSchedule, PreferNoSchedule or NoExecute."),
    timeAdded: z.string().optional(),
  })
  .meta({ id: `${CORE}.Taint` });
export type TaintValue = z.infer<typeof Taint>;
