/**
 * D1 read replication (the Sessions API) for requests whose reads may lag the primary by a moment:
 * the admin API's listings and the dashboard. For the rest of the request `c.env.DB` is a D1 session:
 *
 * - GET/HEAD start at any replica (`first-unconstrained`), or, when the client hands back the bookmark
 *   of an earlier answer (`x-d1-bookmark` header, or the dashboard's bookmark cookie), at a replica at
 *   least that fresh: a client that wrote and then lists sees its write.
 * - Every other method starts at the primary (`first-primary`), as today.
 * - The answer carries the session's bookmark (`x-d1-bookmark`, and the cookie on the dashboard).
 *
 * Never mount it on /mcp/* (the account's Durable Object decides there, not D1), and `stale` decides
 * which GETs may read a replica at all: reads that follow a write made elsewhere (e.g. audit rows the
 * Durable Object has just flushed) must stay on the primary. A bookmark is not a secret.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';

export const BOOKMARK_HEADER = 'x-d1-bookmark';
/** Bookmarks are hex groups joined by dashes (e.g. `00000001-00000002-00004e2f-0a83…`); anything else is ignored. */
const BOOKMARK = /^[0-9a-f]{1,64}(?:-[0-9a-f]{1,64}){0,7}$/i;

export interface D1SessionOptions {
  /** Whether this GET may read a replica. Default: every GET. */
  stale?: (c: Context<AppEnv>) => boolean;
  /** Keep the bookmark in this cookie (browsers), besides the header. */
  cookie?: { name: string; path: string };
}

function presentedBookmark(c: Context<AppEnv>, opts: D1SessionOptions): string | null {
  const value = c.req.header(BOOKMARK_HEADER) ?? (opts.cookie ? getCookie(c, opts.cookie.name) : undefined);
  return value && BOOKMARK.test(value) ? value : null;
}

export function d1Sessions(opts: D1SessionOptions = {}): MiddlewareHandler<AppEnv> {
  return async function d1SessionMiddleware(c, next) {
    const db = c.env.DB;
    // Already a session (a request the dashboard makes to the admin API in-process): keep it.
    if (typeof db.withSession !== 'function') return next();
    const read = c.req.method === 'GET' || c.req.method === 'HEAD';
    const stale = read && (opts.stale ? opts.stale(c) : true);
    const session = db.withSession(stale ? (presentedBookmark(c, opts) ?? 'first-unconstrained') : 'first-primary');
    // The session answers `prepare` and `batch`, all the request's code uses of D1.
    c.env = { ...c.env, DB: session as unknown as D1Database };
    await next();
    const bookmark = session.getBookmark();
    if (!bookmark) return;
    c.header(BOOKMARK_HEADER, bookmark);
    if (opts.cookie) {
      setCookie(c, opts.cookie.name, bookmark, {
        path: opts.cookie.path,
        httpOnly: true,
        sameSite: 'Strict',
        secure: new URL(c.req.url).protocol === 'https:',
        maxAge: 3600,
      });
    }
  };
}
