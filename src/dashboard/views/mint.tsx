/** The mint form (with its live tool count) and the page that shows a new URL once. */
import type { FC } from 'hono/jsx';
import { TOOL_TAGS } from '../../missive/server-config';
import { EXPIRY_PRESETS, METHOD_CHOICES, type FieldErrors, type MintFormValues } from '../mint-form';
import type { AccountView, MintedServer } from '../models';
import { paths } from '../paths';
import { buildSnippets } from '../snippets';
import { CsrfField, FormIdField, Layout, Notice, When, type Viewer } from './layout';
import { StatusBadge } from './servers';

export interface ToolCount {
  count: number;
  /** The exposed tools' names, in catalogue order. */
  tools: string[];
  /** Why the count is what it is, e.g. "No tool matches: the server could not be minted." */
  note: string;
}

export interface MintPageProps {
  viewer: Viewer;
  account: AccountView;
  values: MintFormValues;
  errors: FieldErrors;
  toolCount: ToolCount;
  /** An error from the admin API (it re-validates everything). */
  apiError?: string;
  /** This render's one-time form id: the mint acts once per render. */
  formId: string;
}

const FieldError: FC<{ id: string; message: string | undefined }> = ({ id, message }) =>
  message ? (
    <p class="notice error" id={id} role="alert">
      {message}
    </p>
  ) : null;

export const MintPage: FC<MintPageProps> = ({ viewer, account, values, errors, toolCount, apiError, formId }) => (
  <Layout
    title={`Mint an MCP server for ${account.name}`}
    viewer={viewer}
    crumbs={[
      { href: paths.accounts, label: 'Accounts' },
      { href: paths.account(account.id), label: account.name },
      { label: 'Mint' },
    ]}
  >
    <h1>Mint an MCP server for {account.name}</h1>
    {apiError ? <Notice kind="error">{apiError}</Notice> : null}
    {/* autocomplete="off": a reload must not restore the previous render's (spent) form id. */}
    <form
      class="stack"
      method="post"
      action={paths.createServer(account.id)}
      autocomplete="off"
      data-tool-count-url={paths.toolCount}
      data-submit-once
    >
      <CsrfField token={viewer.csrf} />
      <FormIdField formId={formId} />
      <div>
        <label for="server_name">Name</label>
        <span class="hint" id="server_name_hint">
          Who or what will use it, e.g. "Support copilot (read only)".
        </span>
        <input
          type="text"
          id="server_name"
          name="name"
          required
          maxlength={200}
          value={values.name}
          aria-describedby={errors.name ? 'server_name_hint name_error' : 'server_name_hint'}
          aria-invalid={errors.name ? 'true' : undefined}
        />
        <FieldError id="name_error" message={errors.name} />
      </div>

      <fieldset aria-describedby={errors.methods ? 'methods_hint methods_error' : 'methods_hint'}>
        <legend>Methods</legend>
        <span class="hint" id="methods_hint">
          read = list + get; write = create + update + delete. Combine freely; tags below narrow the result.
        </span>
        <div class="checks">
          {METHOD_CHOICES.map((m) => (
            <label>
              <input type="checkbox" name="methods" value={m.value} checked={values.methods.includes(m.value)} />
              {m.label}
            </label>
          ))}
        </div>
        <div>
          <label for="tool_names">Exact tool names (optional)</label>
          <span class="hint" id="tool_names_hint">
            Separated by commas or spaces, e.g. list_all_missive_conversations.
          </span>
          <input
            type="text"
            id="tool_names"
            name="tool_names"
            value={values.toolNames}
            maxlength={4000}
            spellcheck={false}
            autocomplete="off"
            aria-describedby="tool_names_hint"
          />
        </div>
        <FieldError id="methods_error" message={errors.methods} />
      </fieldset>

      <fieldset aria-describedby="tags_hint">
        <legend>Tags</legend>
        <span class="hint" id="tags_hint">
          Only tools in these areas. None checked = every area.
        </span>
        <div class="checks">
          {TOOL_TAGS.map((t) => (
            <label>
              <input type="checkbox" name="tags" value={t} checked={values.tags.includes(t)} />
              {t}
            </label>
          ))}
        </div>
        <FieldError id="tags_error" message={errors.tags} />
      </fieldset>

      <p class="count" aria-live="polite">
        This choice exposes <strong id="tool-count">{toolCount.count}</strong> tools.{' '}
        <span id="tool-count-note">{toolCount.note}</span>
      </p>
      <details class="tool-list">
        <summary>Which tools?</summary>
        <ul class="chips" id="tool-list">
          {toolCount.tools.map((t) => (
            <li>{t}</li>
          ))}
        </ul>
      </details>

      <div>
        <label class="check">
          <input
            type="checkbox"
            name="require_api_token_auth"
            checked={values.requireBearer}
            aria-describedby="bearer_hint"
          />
          Require a tenant API token (Authorization: Bearer) on every call
        </label>
        <span class="hint" id="bearer_hint">
          The URL alone is then not enough. ChatGPT and Claude connectors cannot send this header; use mcp-remote or an
          agent framework.
        </span>
      </div>

      <div>
        <label for="expiry">Expires</label>
        <select id="expiry" name="expiry" aria-describedby={errors.expiry ? 'expiry_error' : undefined}>
          {EXPIRY_PRESETS.map((p) => (
            <option value={p.value} selected={values.expiry === p.value}>
              {p.label}
            </option>
          ))}
        </select>
        <div class="sub">
          <label for="expires_at">Date and time (UTC)</label>
          <span class="hint" id="expires_at_hint">
            Used when Expires is "At a date and time"; at least a minute from now.
          </span>
          <input
            type="datetime-local"
            id="expires_at"
            name="expires_at"
            value={values.expiresAtCustom}
            aria-describedby="expires_at_hint"
          />
        </div>
        <FieldError id="expiry_error" message={errors.expiry} />
      </div>

      <div class="actions">
        <button type="submit" name="intent" value="mint">
          Mint server
        </button>
        <button type="submit" name="intent" value="preview" class="secondary">
          Update tool count
        </button>
        <a href={paths.account(account.id)}>Cancel</a>
      </div>
    </form>
  </Layout>
);

const Secret: FC<{ id: string; label: string; text: string }> = ({ id, label, text }) => (
  <div>
    <h3 id={`${id}-label`}>{label}</h3>
    <div class="secret">
      <pre aria-labelledby={`${id}-label`}>
        <code id={id}>{text}</code>
      </pre>
      <button type="button" class="secondary" data-copy={id} data-copy-status={`${id}-status`} hidden>
        Copy<span class="sr-only"> {label}</span>
      </button>
    </div>
    <p class="hint" id={`${id}-status`} role="status" aria-live="polite"></p>
  </div>
);

export interface MintedPageProps {
  viewer: Viewer;
  account: AccountView;
  minted: MintedServer;
  rotated: boolean;
}

export const MintedPage: FC<MintedPageProps> = ({ viewer, account, minted, rotated }) => {
  const { server, url } = minted;
  const bearer = server.config.require_api_token_auth === true;
  const s = buildSnippets(url, bearer);
  return (
    <Layout
      title={rotated ? `New URL for ${server.name}` : `${server.name} is ready`}
      viewer={viewer}
      crumbs={[
        { href: paths.accounts, label: 'Accounts' },
        { href: paths.account(account.id), label: account.name },
        { label: server.name },
      ]}
    >
      <h1>
        {rotated ? `New URL for ${server.name}` : `${server.name} is ready`} <StatusBadge status={server.status} />
      </h1>
      <Notice kind="warning">
        <p>
          <strong>Copy the URL now: it is shown only once.</strong> It is the server's credential: anyone who has it can
          call the tools{bearer ? ' (with a tenant API token)' : ''}. Treat it like a password.
          {rotated ? ' The previous URL has stopped working.' : ''}
        </p>
      </Notice>
      <Secret id="mcp-url" label="MCP URL" text={url} />
      <p>
        Expires: <When iso={server.expiresAt} empty="never" />.{' '}
        {bearer ? 'Callers must send Authorization: Bearer <API token>.' : ''}
      </p>

      <h2>Connect a client</h2>
      <p class="hint">
        ChatGPT and Claude connect from their own servers: they need this gateway on a public HTTPS address.
      </p>
      <Secret
        id="snippet-chatgpt"
        label="ChatGPT: Settings → Apps & Connectors → Create (developer mode), MCP Server URL, no authentication"
        text={s.chatgpt}
      />
      <Secret
        id="snippet-claude"
        label="Claude: Settings → Connectors → Add custom connector, remote MCP server URL"
        text={s.claude}
      />
      {bearer ? (
        <Notice kind="info">
          This server requires a bearer API token, which the ChatGPT and Claude connector forms cannot send: use the
          mcp.json set-up below, or mint a server without the requirement.
        </Notice>
      ) : null}
      <Secret id="snippet-mcp-json" label="mcp.json (Claude Desktop, Cursor, … through mcp-remote)" text={s.mcpJson} />
      <Secret id="snippet-claude-code" label="Claude Code" text={s.claudeCode} />
      <Secret id="snippet-curl" label="curl: list the tools" text={s.curl} />
      <p>
        <a href={paths.server(account.id, server.id)}>Done: go to the server's page</a>
      </p>
    </Layout>
  );
};

export interface AlreadySubmittedPageProps {
  viewer: Viewer;
  account: AccountView;
  /** The server the first submission minted or rotated, when known. */
  serverId: string | null;
  /** The first submission had not finished when this one arrived. */
  pending: boolean;
}

/** The answer to a second POST of a mint or rotate form: nothing was done, and the URL is not shown again. */
export const AlreadySubmittedPage: FC<AlreadySubmittedPageProps> = ({ viewer, account, serverId, pending }) => (
  <Layout
    title="This form was already submitted"
    viewer={viewer}
    crumbs={[
      { href: paths.accounts, label: 'Accounts' },
      { href: paths.account(account.id), label: account.name },
      { label: 'Already submitted' },
    ]}
  >
    <h1>This form was already submitted</h1>
    <Notice kind="warning">
      <p>
        This form was already submitted. The URL is shown only once; if you did not copy it, rotate the server to get a
        new one.
      </p>
      {pending ? (
        <p>The first submission was still being processed; the server appears in the account's list once it is done.</p>
      ) : null}
    </Notice>
    <p>Nothing was minted or rotated by this submission.</p>
    <p>
      {serverId ? (
        <a href={paths.server(account.id, serverId)}>Go to the server's page</a>
      ) : (
        <a href={paths.account(account.id)}>Go to the servers of {account.name}</a>
      )}
    </p>
  </Layout>
);
