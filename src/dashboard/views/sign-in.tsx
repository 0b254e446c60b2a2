/** The sign-in page: one write-only credential field. */
import type { FC } from 'hono/jsx';
import { paths } from '../paths';
import { Layout, Notice } from './layout';

export const SignInPage: FC<{ nonce: string; error?: string; notice?: string }> = ({ nonce, error, notice }) => (
  <Layout title="Sign in">
    <h1>Sign in</h1>
    <p class="lead">Use a tenant API token to manage that tenant's accounts, or the admin key to see every tenant.</p>
    {error ? <Notice kind="error">{error}</Notice> : null}
    {notice ? <Notice kind="info">{notice}</Notice> : null}
    <form class="stack card" method="post" action={paths.signIn}>
      <input type="hidden" name="_csrf" value={nonce} />
      <div>
        <label for="credential">API token or admin key</label>
        <span class="hint" id="credential-hint">
          It is checked once and never stored in your browser; the session cookie only names who you are.
        </span>
        <input
          type="password"
          id="credential"
          name="credential"
          required
          autofocus
          autocomplete="off"
          spellcheck={false}
          aria-describedby="credential-hint"
          maxlength={4096}
        />
      </div>
      <div class="actions">
        <button type="submit">Sign in</button>
      </div>
    </form>
  </Layout>
);
