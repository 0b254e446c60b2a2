/**
 * Response headers for every dashboard response. The CSP allows nothing but this origin's
 * stylesheet and script (no inline code, no other origin, no framing, forms only to here);
 * pages are never cached because some show a secret exactly once; no Referer leaves for another
 * origin. (`same-origin`, not `no-referrer`: under `no-referrer` Chromium sends `Origin: null` on
 * form posts, which the CSRF origin check must refuse.)
 */
import type { MiddlewareHandler } from 'hono';

export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function dashboardSecurityHeaders(): MiddlewareHandler {
  return async function dashboardSecurityHeadersMiddleware(c, next) {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', DASHBOARD_CSP);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', 'same-origin');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (new URL(c.req.url).protocol === 'https:') h.set('Strict-Transport-Security', 'max-age=31536000');
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  };
}
