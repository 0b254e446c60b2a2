/**
 * A tiny cookie-keeping "browser" for the dashboard's workerd tests: it sends requests through
 * the real Worker (`exports.default.fetch`), stores Set-Cookie values the way a browser would
 * (by name; Max-Age=0 deletes), and sends them back. Redirects are not followed, so tests see
 * every 303 and its Location.
 */
import { exports } from 'cloudflare:workers';

export const ORIGIN = 'https://gateway.test';

export interface ParsedCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

/** Parses one Set-Cookie header (attribute names lower-cased). */
export function parseSetCookie(header: string): ParsedCookie {
  const [pair = '', ...attrs] = header.split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  const attributes = new Map<string, string>();
  for (const a of attrs) {
    const i = a.indexOf('=');
    attributes.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? '' : a.slice(i + 1));
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

export class TestBrowser {
  readonly jar = new Map<string, string>();
  lastSetCookies: ParsedCookie[] = [];

  constructor(readonly origin = ORIGIN) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0 && !headers.has('Cookie')) {
      headers.set('Cookie', [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    if (!headers.has('Accept')) headers.set('Accept', 'text/html');
    const res = await exports.default.fetch(new URL(path, this.origin).toString(), {
      ...init,
      headers,
      redirect: 'manual',
    });
    this.lastSetCookies = res.headers.getSetCookie().map(parseSetCookie);
    for (const c of this.lastSetCookies) {
      if (c.attributes.get('max-age') === '0' || c.value === '') this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  /** Posts a urlencoded form the way a same-origin browser form would (Origin header included). */
  postForm(
    path: string,
    fields: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return this.request(path, {
      method: 'POST',
      body: body.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: this.origin, ...headers },
    });
  }

  /** Loads the sign-in page and submits `credential` with the page's nonce. */
  async signIn(credential: string): Promise<Response> {
    const page = await this.get('/dashboard/sign-in');
    const nonce = csrfFrom(await page.text());
    return this.postForm('/dashboard/sign-in', { _csrf: nonce, credential });
  }

  /** The CSRF token of a signed-in page (read from its sign-out form). */
  async csrf(path = '/dashboard/accounts'): Promise<string> {
    const res = await this.get(path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    return csrfFrom(await res.text());
  }

  sessionCookie(): string | undefined {
    return this.jar.get('__Host-mcpgw_session');
  }
}

/** The value of the first `_csrf` hidden field in a page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no _csrf field in page');
  return m[1];
}

/** The value of the one-time `_form_id` hidden field of a mint or rotate form. */
export function formIdFrom(html: string): string {
  const m = /name="_form_id" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no _form_id field in page');
  return m[1];
}

/** The text of the element with this id (no nested tags), HTML entities decoded for & < > ". */
export function textById(html: string, id: string): string | null {
  const m = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html);
  if (!m?.[1]) return null;
  return m[1]
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
