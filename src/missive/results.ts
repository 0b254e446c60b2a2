/**
 * How a tool answers: the same JSON as `structuredContent` and as text (older clients only read
 * text). Failures are `isError` results a model can act on; they never carry internals.
 */
import type { ToolOutcome, UpstreamOutcome } from './tool-definition';

/** A successful tool answer. */
export function toolSuccess(payload: Record<string, unknown>, upstream?: UpstreamOutcome): ToolOutcome {
  return {
    result: { content: [{ type: 'text', text: JSON.stringify(payload) }], structuredContent: payload },
    ...(upstream ? { upstream } : {}),
  };
}

export type FailureKind =
  | 'invalid_arguments'
  | 'not_found'
  | 'rejected'
  | 'credential_rejected'
  | 'forbidden'
  | 'rate_limited'
  | 'unavailable'
  | 'too_large';

/** A failed tool answer with a message for the model and a machine-readable `error` object. */
export function toolFailure(
  kind: FailureKind,
  message: string,
  extra: Record<string, unknown> = {},
  upstream?: UpstreamOutcome,
): ToolOutcome {
  const error = { kind, message, ...extra };
  return {
    result: { isError: true, content: [{ type: 'text', text: message }], structuredContent: { error } },
    ...(upstream ? { upstream } : {}),
  };
}

/** A failure found before any upstream call (bad or missing arguments). */
export function invalidArguments(message: string): ToolOutcome {
  return toolFailure('invalid_arguments', message);
}
