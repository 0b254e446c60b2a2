/**
 * The `instructions` of the initialize answer (MCP 2025-11-25, Lifecycle › Initialization): a
 * short map of Missive for the model, plus which account defaults will fill omitted fields. Pure.
 */
import type { AccountDefaults } from '../missive/tool-definition';

const MISSIVE_SHAPE = [
  'These tools act on one Missive account (a shared team inbox) through its REST API.',
  'How Missive is shaped:',
  '- A conversation is a thread. It contains messages (external: emails, SMS, chats exchanged with customers), ' +
    'comments (internal notes by teammates, invisible to customers) and posts (internal entries, often from integrations).',
  '- Listing conversations needs a mailbox filter: inbox, all, assigned, closed, snoozed, flagged, trashed, junked or ' +
    'drafts (true), or a shared_label, team_inbox, team_closed or team_all id. Find ids with the list tools for shared ' +
    'labels, teams and users first.',
  '- Read a thread with its messages (external) and its comments and posts (internal). Drafts are never sent by these tools.',
  '- Paging: list tools answer { result, next_cursor, result_count }. When next_cursor is a string, call the same tool ' +
    'again with the same filters and cursor: next_cursor to get the next page; null means there is nothing more. ' +
    'Cursors are opaque and belong to the tool that issued them.',
  '- Failed calls return isError with a message saying what to fix; a rate-limited call states retry_after_seconds.',
];

const DEFAULT_LABELS: [keyof AccountDefaults, string][] = [
  ['organization', 'organization'],
  ['team', 'team'],
  ['contact_book', 'contact book'],
  ['from_address', 'from address'],
  ['from_name', 'from name'],
  ['account', 'custom-channel account'],
];

/** The instructions text for an account with these defaults. */
export function buildInstructions(defaults: AccountDefaults | null): string {
  const set = DEFAULT_LABELS.filter(([key]) => typeof defaults?.[key] === 'string' && defaults[key] !== '');
  const lines = [...MISSIVE_SHAPE];
  if (set.length === 0) {
    lines.push(
      'Account defaults: none are set, so pass organization, team, contact_book and from_address explicitly where a tool asks for them.',
    );
  } else {
    const described = set.map(([key, label]) => `${label} = ${defaults?.[key] ?? ''}`).join('; ');
    const missing = DEFAULT_LABELS.filter(([key]) => !set.some(([k]) => k === key)).map(([, label]) => label);
    lines.push(
      `Account defaults (used when you leave the field out): ${described}.` +
        (missing.length > 0 ? ` Not set: ${missing.join(', ')}.` : ''),
    );
  }
  return lines.join('\n');
}
