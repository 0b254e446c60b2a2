/**
 * The approval round before a tool that needs one (approval-policy.ts) reaches Missive:
 * - a 2026-07-28 client that declares elicitation gets an `input_required` result with a form
 *   elicitation and a signed `requestState`; its retry carries the answer and the state, which the
 *   SDK verifies (HMAC, expiry) before this runs, and which is then checked against this server,
 *   tool and arguments and used once;
 * - any other client gets a first answer saying what would happen and a one-time
 *   `confirmation_token`, which the second call (same arguments) must echo.
 * Declined, forged, altered, expired or replayed approvals never reach Missive.
 */
import {
  inputRequired,
  inputResponse,
  ProtocolError,
  ProtocolErrorCode,
  type CallToolResult,
  type InputRequiredResult,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { authorityFor } from '../durable/authority-client';
import type { Bindings } from '../env';
import type { ToolDefinition } from '../missive/tool-definition';
import { toolFailure } from '../missive/results';
import {
  APPROVAL_TTL_SECONDS,
  approvalCodec,
  canonicalJson,
  claimFor,
  claimMatches,
  type ApprovalClaim,
} from './approval-state';
import { CONFIRMATION_ARGUMENT } from './approval-policy';

const ELICITATION_KEY = 'approval';
const CAPABILITIES_KEY = 'io.modelcontextprotocol/clientCapabilities';

/** What happened to the approval, for the audit row and the access line. */
export type ApprovalDecision = 'requested' | 'approved' | 'declined' | 'refused';

export type ApprovalGate =
  | { proceed: true; decision: 'approved' }
  | { proceed: false; decision: Exclude<ApprovalDecision, 'approved'>; result: CallToolResult | InputRequiredResult };

export interface ApprovalRequest {
  env: Bindings;
  serverId: string;
  accountId: string;
  tool: ToolDefinition;
  /** The validated arguments (without the confirmation token): what the approval is bound to. */
  args: unknown;
  /** The confirmation token the caller echoed, if any. */
  confirmation: unknown;
  /** The SDK's request context (absent in unit use): era, envelope, requestState, inputResponses. */
  sdk?: ServerContext;
  now: () => number;
}

function describeCall(req: ApprovalRequest): string {
  const args = canonicalJson(req.args);
  return `${req.tool.title} (${req.tool.name}) with ${args.length > 600 ? `${args.slice(0, 600)}…` : args}`;
}

function canElicit(sdk: ServerContext | undefined): boolean {
  const envelope = sdk?.mcpReq.envelope as Record<string, unknown> | undefined;
  const caps = envelope?.[CAPABILITIES_KEY] as { elicitation?: unknown } | undefined;
  return caps?.elicitation !== undefined && caps.elicitation !== null;
}

async function consume(req: ApprovalRequest, claim: ApprovalClaim): Promise<boolean> {
  const expiresAt = req.now() + APPROVAL_TTL_SECONDS * 1000;
  return authorityFor(req.env, req.accountId).consumeApproval(claim.n, expiresAt, req.now());
}

const refusedState = () => new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid or expired requestState');

/** 2026-07-28 with elicitation: ask through the protocol, verify the answer on the retry. */
async function elicited(req: ApprovalRequest, sdk: ServerContext): Promise<ApprovalGate> {
  const claim = sdk.mcpReq.requestState<ApprovalClaim>();
  if (claim === undefined || typeof claim !== 'object') {
    const codec = await approvalCodec(req.env);
    const requestState = await codec.mint(await claimFor(req.serverId, req.tool.name, req.args));
    return {
      proceed: false,
      decision: 'requested',
      result: inputRequired({
        inputRequests: {
          [ELICITATION_KEY]: inputRequired.elicit({
            message: `Approve this change in Missive? ${describeCall(req)}. It cannot be undone.`,
            requestedSchema: {
              type: 'object',
              properties: { approve: { type: 'boolean', title: 'Approve', description: 'Run it now' } },
              required: ['approve'],
            },
          }),
        },
        requestState,
      }),
    };
  }
  // The SDK verified the seal and the expiry; the binding and single use are checked here.
  if (!(await claimMatches(claim, req.serverId, req.tool.name, req.args))) throw refusedState();
  const answer = inputResponse(sdk.mcpReq.inputResponses, ELICITATION_KEY);
  if (answer.kind !== 'elicit') throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Missing input response');
  if (!(await consume(req, claim))) throw refusedState();
  if (answer.action === 'accept' && answer.content?.approve === true) return { proceed: true, decision: 'approved' };
  return {
    proceed: false,
    decision: 'declined',
    result: toolFailure('rejected', `Not done: the user did not approve ${req.tool.name}. Nothing was changed.`).result,
  };
}

function tokenRefused(message: string): ApprovalGate {
  return { proceed: false, decision: 'refused', result: toolFailure('invalid_arguments', message).result };
}

/** Clients that cannot elicit: a first answer with a one-time token, the second call echoes it. */
async function confirmed(req: ApprovalRequest): Promise<ApprovalGate> {
  const codec = await approvalCodec(req.env);
  if (req.confirmation === undefined) {
    const token = await codec.mint(await claimFor(req.serverId, req.tool.name, req.args));
    const text =
      `Approval needed; nothing was done. This would run ${describeCall(req)}. Ask the user to approve it; ` +
      `if they do, call ${req.tool.name} again with the same arguments plus "${CONFIRMATION_ARGUMENT}": "${token}" ` +
      `(valid ${APPROVAL_TTL_SECONDS / 60} minutes, once).`;
    return {
      proceed: false,
      decision: 'requested',
      result: {
        content: [{ type: 'text', text }],
        structuredContent: {
          approval_required: true,
          tool: req.tool.name,
          arguments: req.args,
          [CONFIRMATION_ARGUMENT]: token,
          expires_in_seconds: APPROVAL_TTL_SECONDS,
        },
      },
    };
  }
  let claim: ApprovalClaim;
  try {
    if (typeof req.confirmation !== 'string') throw new Error('malformed');
    claim = await codec.verify(req.confirmation, undefined as unknown as ServerContext);
  } catch {
    return tokenRefused(
      `The ${CONFIRMATION_ARGUMENT} is invalid or expired. Call ${req.tool.name} without it to get a new one.`,
    );
  }
  if (!(await claimMatches(claim, req.serverId, req.tool.name, req.args))) {
    return tokenRefused(
      `The ${CONFIRMATION_ARGUMENT} was issued for another call. Call ${req.tool.name} without it to get a new one.`,
    );
  }
  if (!(await consume(req, claim))) {
    return tokenRefused(
      `The ${CONFIRMATION_ARGUMENT} was already used. Call ${req.tool.name} without it to get a new one.`,
    );
  }
  return { proceed: true, decision: 'approved' };
}

export function approve(req: ApprovalRequest): Promise<ApprovalGate> {
  return req.sdk && canElicit(req.sdk) ? elicited(req, req.sdk) : confirmed(req);
}
