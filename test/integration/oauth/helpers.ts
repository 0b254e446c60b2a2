/**
 * An MCP SDK client with the SDK's own OAuth flow (discovery, registration, PKCE, token exchange,
 * refresh) against the gateway inside workerd. Its "browser" step is the test's: the client hands
 * over the authorization URL, the test drives the consent step and passes the code back.
 */
import { exports } from 'cloudflare:workers';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';

export const REDIRECT_URI = 'http://127.0.0.1:43110/callback';

/** What a desktop MCP client keeps between runs, in memory. */
export class MemoryOAuthProvider implements OAuthClientProvider {
  client: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  authorizationUrl: URL | null = null;

  constructor(readonly name = 'Test MCP client') {}

  get redirectUrl() {
    return REDIRECT_URI;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.client = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

export const gatewayFetch = (input: string | URL | Request, init?: RequestInit) =>
  exports.default.fetch(input instanceof URL ? input.toString() : input, init);

export function oauthTransport(url: string, provider: OAuthClientProvider) {
  return new StreamableHTTPClientTransport(new URL(url), { authProvider: provider, fetch: gatewayFetch });
}

/** Connects with `provider`'s tokens; throws UnauthorizedError when the flow needs the browser step. */
export async function connectWithOAuth(url: string, provider: OAuthClientProvider) {
  const transport = oauthTransport(url, provider);
  const client = new Client({ name: 'oauth-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}
