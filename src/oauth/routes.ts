/**
 * The `/oauth/*` and `/.well-known/oauth-*` routes. The library answers discovery, registration
 * (DCR), token and revocation requests itself; the authorization endpoint and the consent step are
 * ours (authorize.ts), with the consent pages and session check the entry passes in (consent-ui.ts).
 * Mount at the root: `app.route('/', createOAuthApp(ui))`.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env';
import { authorize, decide, tenantAnswer } from './authorize';
import { isNonPublicClientIdUrl } from './cimd-guard';
import type { ConsentUi } from './consent-ui';
import { OAUTH_PATHS, oauthServersFor } from '../control/oauth-provider';

export function createOAuthApp(ui: ConsentUi): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const library = (kind: 'authorization' | 'resource') => (c: Context<AppEnv>) =>
    oauthServersFor(new URL(c.req.url).origin)[kind].fetch(c.req.raw, c.env, c.executionCtx as ExecutionContext);

  app.get(OAUTH_PATHS.authorize, (c) => authorize(c, ui));
  app.post(OAUTH_PATHS.authorize, (c) => authorize(c, ui));
  app.post(OAUTH_PATHS.consent, (c) => decide(c, ui));
  app.get(OAUTH_PATHS.answer, (c) => tenantAnswer(c, ui));
  app.all(OAUTH_PATHS.resourceMetadata, library('resource'));
  app.all(OAUTH_PATHS.serverMetadata, library('authorization'));
  app.all(`${OAUTH_PATHS.serverMetadata}/*`, library('authorization'));
  app.all(OAUTH_PATHS.token, async (c) => {
    // The token endpoint resolves a URL client id too: the same public-only rule as /oauth/authorize.
    if (c.req.method === 'POST') {
      const form = await c.req.raw
        .clone()
        .formData()
        .catch(() => null);
      const clientId = form?.get('client_id');
      if (typeof clientId === 'string' && isNonPublicClientIdUrl(clientId)) {
        return c.json({ error: 'invalid_client', error_description: 'Client authentication failed' }, 401);
      }
    }
    return library('authorization')(c);
  });
  app.all(OAUTH_PATHS.register, library('authorization'));
  return app;
}
