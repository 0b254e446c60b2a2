/**
 * The sandbox's whole state, module-level: seeded data, configuration, per-token rate windows,
 * injected faults and the request log. A worker restart or POST /__sandbox/reset returns to the seed.
 */
import { buildSeed } from './seed/data';
import { SANDBOX_DEFAULTS, SANDBOX_TOKENS, TINY_TOKEN_PER_MINUTE, type SandboxTokenName } from './seed/fixtures';
import { newTokenRateState, type RateLimits, type TokenRateState } from './rate-limit';
import type { SandboxData } from './types';

export type FaultKind = 'status_500' | 'hang' | 'malformed_json';

export interface Fault {
  id: number;
  method: string | null;
  /** Starting with '/': a path prefix; otherwise a regular expression tested against the path. */
  path: string;
  kind: FaultKind;
  /** Remaining number of times it fires; null = until cleared. */
  remaining: number | null;
  hangMs: number;
}

/**
 * Where Missive's docs leave an answer open, which variant the sandbox plays. Defaults keep the
 * richest reading; tests flip them to prove the gateway copes with every documented possibility.
 */
export interface AnswerVariants {
  /** 'always': X-RateLimit-* on every admitted answer; 'on_429': only on a 429 (all the docs promise). */
  rateLimitHeaders: 'always' | 'on_429';
  /** Error body: `{error}`, `{errors: [...]}`, `{message}` or no body at all. */
  errorBody: 'error' | 'errors' | 'message' | 'empty';
  /** Status of a refused (validation) request. */
  validationStatus: 400 | 422;
  /** Status of a successful create. */
  createdStatus: 200 | 201;
  /** false: PATCH /conversations/:ids answers 404, as in the 2025-09 reference that lacks it. */
  conversationPatch: boolean;
  /** true: an `until` page that ends inside a timestamp tie takes the whole tie (may exceed limit). */
  oversizePages: boolean;
}

export interface SandboxConfig {
  variants: AnswerVariants;
  limits: RateLimits;
  /** Per-token overrides of the limits, by fixture name. */
  tokenLimits: Partial<Record<SandboxTokenName, Partial<RateLimits>>>;
  analyticsReadyAfterMs: number;
  analyticsExpireAfterMs: number;
  /** Artificial delay added to every /v1 request after admission (holds it in flight). */
  latencyMs: number;
}

export interface RecordedRequest {
  seq: number;
  /** ISO time the request arrived. */
  at: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  /** Fixture name of the bearer token; 'unknown' for an unrecognised one; null when absent. */
  token: SandboxTokenName | 'unknown' | null;
  status: number | null;
}

interface SandboxState {
  data: SandboxData;
  config: SandboxConfig;
  rate: Map<string, TokenRateState>;
  faults: Fault[];
  nextFaultId: number;
  requests: RecordedRequest[];
  nextSeq: number;
}

/** The configuration a reset returns to. */
export function defaultConfig(): SandboxConfig {
  return {
    variants: {
      rateLimitHeaders: 'always',
      errorBody: 'error',
      validationStatus: 400,
      createdStatus: 201,
      conversationPatch: true,
      oversizePages: false,
    },
    limits: {
      concurrent: SANDBOX_DEFAULTS.concurrent,
      perMinute: SANDBOX_DEFAULTS.perMinute,
      perQuarterHour: SANDBOX_DEFAULTS.perQuarterHour,
      minuteWindowMs: SANDBOX_DEFAULTS.minuteWindowMs,
      quarterHourWindowMs: SANDBOX_DEFAULTS.quarterHourWindowMs,
    },
    tokenLimits: { tiny: { perMinute: TINY_TOKEN_PER_MINUTE } },
    analyticsReadyAfterMs: SANDBOX_DEFAULTS.analyticsReadyAfterMs,
    analyticsExpireAfterMs: SANDBOX_DEFAULTS.analyticsExpireAfterMs,
    latencyMs: SANDBOX_DEFAULTS.latencyMs,
  };
}

function freshState(): SandboxState {
  return {
    data: buildSeed(),
    config: defaultConfig(),
    rate: new Map(),
    faults: [],
    nextFaultId: 1,
    requests: [],
    nextSeq: 1,
  };
}

let state: SandboxState = freshState();

/** Keeps the log bounded so long benchmark runs cannot exhaust memory. */
const MAX_RECORDED_REQUESTS = 5_000;

/** Everything back to the seed: data, log, rate windows, faults, configuration. */
export function resetSandbox(): void {
  state = freshState();
}

/** The live data (mutated in place by write endpoints). */
export function data(): SandboxData {
  return state.data;
}

/** The current configuration. */
export function config(): SandboxConfig {
  return state.config;
}

/** Replaces the configuration. */
export function setConfig(next: SandboxConfig): void {
  state.config = next;
}

/** Fixture name of a token value, or null when it is not a sandbox token. */
export function tokenName(token: string): SandboxTokenName | null {
  for (const [name, value] of Object.entries(SANDBOX_TOKENS)) {
    if (value === token) return name as SandboxTokenName;
  }
  return null;
}

/** Effective limits of a token. */
export function limitsFor(name: SandboxTokenName): RateLimits {
  return { ...state.config.limits, ...state.config.tokenLimits[name] };
}

/** Rate state of a token (created on first use). */
export function rateState(name: SandboxTokenName): TokenRateState {
  let s = state.rate.get(name);
  if (!s) {
    s = newTokenRateState();
    state.rate.set(name, s);
  }
  return s;
}

/** Concurrency figures of every token seen since the last reset or log clear. */
export function concurrencySnapshot(): Record<string, { inFlight: number; maxAttempted: number; maxAdmitted: number }> {
  const out: Record<string, { inFlight: number; maxAttempted: number; maxAdmitted: number }> = {};
  for (const [name, s] of state.rate) {
    out[name] = {
      inFlight: s.inFlight,
      maxAttempted: s.maxConcurrencyAttempted,
      maxAdmitted: s.maxConcurrencyAdmitted,
    };
  }
  return out;
}

/** Appends a request to the log and returns the entry (its status is filled in later). */
export function recordRequest(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
  const recorded: RecordedRequest = { seq: state.nextSeq++, ...entry };
  state.requests.push(recorded);
  if (state.requests.length > MAX_RECORDED_REQUESTS) state.requests.shift();
  return recorded;
}

/** Log entries with seq greater than `since`. */
export function recordedRequests(since: number): RecordedRequest[] {
  return state.requests.filter((r) => r.seq > since);
}

/** Clears the log and the observed concurrency maxima (rate windows stay). */
export function clearRecordedRequests(): void {
  state.requests = [];
  for (const s of state.rate.values()) {
    s.maxConcurrencyAttempted = s.inFlight;
    s.maxConcurrencyAdmitted = s.inFlight;
  }
}

/** Registers a fault and returns it. */
export function addFault(fault: Omit<Fault, 'id'>): Fault {
  const added: Fault = { id: state.nextFaultId++, ...fault };
  state.faults.push(added);
  return added;
}

/** Active faults. */
export function faults(): Fault[] {
  return state.faults;
}

/** Removes every fault. */
export function clearFaults(): void {
  state.faults = [];
}
