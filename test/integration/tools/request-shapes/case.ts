/** One typical tool call and the request Missive documents for it. */
export interface ExpectedRequest {
  method: string;
  /** Below /v1. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export type ShapeCase = [tool: string, args: Record<string, unknown>, expected: ExpectedRequest];
