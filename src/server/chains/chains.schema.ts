import { z } from 'zod';
import { isoDate } from '../http/schemas.ts';

export const chainsQuery = z.strictObject({
  outbreakId: z.coerce.number().int().positive().optional(),
  /** Onset date (or report date when onset is unknown) of cases, last exposure of contacts. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  clusterId: z.string().trim().min(1).max(40).optional(),
  /** Leave place co-exposure edges out (clusters by transmission only). */
  coExposure: z.enum(['include', 'exclude']).default('include'),
});
export type ChainsQuery = z.infer<typeof chainsQuery>;

export const clusterKeyParams = z.strictObject({
  key: z
    .string()
    .regex(/^(case|contact):\d+$/, 'cluster_key')
    .max(40),
});

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour');

export const patchClusterBody = z.strictObject({
  name: z.string().trim().min(1).max(80),
  colour,
  /** The version read; 0 for a cluster nobody has named yet. */
  version: z.number().int().min(0),
});
export type PatchClusterBody = z.infer<typeof patchClusterBody>;

export const clusterSchema = z.object({
  key: z.string(),
  name: z.string(),
  colour: z.string(),
  version: z.number().int(),
  indexCaseId: z.number().int().nullable(),
  nodeCount: z.number().int(),
  caseCount: z.number().int(),
  firstOnset: z.string().nullable(),
  lastOnset: z.string().nullable(),
});
export type ClusterView = z.infer<typeof clusterSchema>;

export const chainNodeSchema = z.object({
  id: z.string(),
  kind: z.enum(['case', 'contact']),
  recordId: z.number().int(),
  classification: z.string(),
  status: z.string().nullable(),
  onset: z.string().nullable(),
  /** The date the node is filtered by: onset, else report date (cases); last exposure (contacts). */
  date: z.string(),
  cluster: z.string(),
  generation: z.number().int().nullable(),
  label: z.string(),
  masked: z.boolean(),
});
export type ChainNodeView = z.infer<typeof chainNodeSchema>;

export const chainEdgeSchema = z.object({
  source: z.string(),
  target: z.string(),
  kind: z.enum(['exposure', 'conversion', 'co_exposure']),
});

const pairSchema = z.object({
  sourceId: z.string(),
  targetId: z.string(),
  serialInterval: z.number().nullable(),
});

export const chainsResponse = z.object({
  nodes: z.array(chainNodeSchema),
  edges: z.array(chainEdgeSchema),
  clusters: z.array(clusterSchema),
  serialInterval: z.object({
    count: z.number().int(),
    mean: z.number().nullable(),
    median: z.number().nullable(),
    sd: z.number().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
  }),
  histogram: z.array(z.object({ size: z.number().int(), clusters: z.number().int() })),
  checks: z.object({ onsetBeforeSource: z.array(pairSchema), longGaps: z.array(pairSchema) }),
  computedMs: z.number(),
});
export type ChainsResponse = z.infer<typeof chainsResponse>;
