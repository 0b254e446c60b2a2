/**
 * Which tools ask a human before they run, per server (`config.approval`):
 * - `none`: no tool asks;
 * - `destructive` (the default when unset): deletes, merges and webhook tools (a webhook sends
 *   conversation data out of Missive) ask;
 * - `writes`: every tool that changes Missive asks, posts that notify people included.
 * Pure.
 */
import type { MethodCategory } from '../missive/server-config';
import type { ToolDefinition } from '../missive/tool-definition';

export const APPROVAL_MODES = ['none', 'destructive', 'writes'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];
export const DEFAULT_APPROVAL: ApprovalMode = 'destructive';

/** The argument that carries a confirmation token back, listed on tools that need approval. */
export const CONFIRMATION_ARGUMENT = 'confirmation_token';

const DESTRUCTIVE: ReadonlySet<MethodCategory> = new Set(['delete', 'merge', 'webhooks']);
const READS: ReadonlySet<MethodCategory> = new Set(['list', 'get', 'download']);

export function approvalModeOf(config: { approval?: ApprovalMode | undefined }): ApprovalMode {
  return config.approval ?? DEFAULT_APPROVAL;
}

export function needsApproval(tool: Pick<ToolDefinition, 'method' | 'annotations'>, mode: ApprovalMode): boolean {
  if (mode === 'none' || tool.annotations.readOnlyHint === true) return false;
  if (mode === 'writes') return !READS.has(tool.method);
  return DESTRUCTIVE.has(tool.method);
}
