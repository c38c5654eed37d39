/**
 * Addresses of Chatwoot's dashboard, as a user copies them from the address bar: an account's pages
 * are under /app/accounts/:account_id/ (…/dashboard, …/contacts, …), an inbox's settings under
 * …/settings/inboxes/:inbox_id and its conversations under …/inbox/:inbox_id. Chatwoot may be
 * served below a path (https://example.com/chatwoot/app/…). Each regex has exactly one group, the
 * ID, as n8n's `extractValue` requires.
 */
export const ACCOUNT_URL_REGEX = '^\\s*https?://[^\\s/]+(?:/[^\\s]*?)?/app/accounts/([1-9][0-9]{0,15})(?:[/?#][^\\s]*)?\\s*$';

export const INBOX_URL_REGEX =
	'^\\s*https?://[^\\s/]+(?:/[^\\s]*?)?/app/accounts/[1-9][0-9]{0,15}/(?:settings/inboxes|inbox)/([1-9][0-9]{0,15})(?:[/?#][^\\s]*)?\\s*$';

/** A positive whole number, as the By ID modes take it (an expression is checked when the node runs). */
export const ID_REGEX = '^\\s*[1-9][0-9]{0,15}\\s*$';

const ACCOUNT_URL = new RegExp(ACCOUNT_URL_REGEX);
const INBOX_URL = new RegExp(INBOX_URL_REGEX);
const INBOX_ACCOUNT = /\/app\/accounts\/([1-9][0-9]{0,15})\//;

/** The account ID in a Chatwoot address, or undefined when the text is not one. */
export function accountIdFromUrl(url: string): string | undefined {
	return ACCOUNT_URL.exec(url)?.[1];
}

/** The inbox ID (and its account's) in a Chatwoot inbox address, or undefined when the text is not one. */
export function inboxIdFromUrl(url: string): { inboxId: string; accountId: string } | undefined {
	const inboxId = INBOX_URL.exec(url)?.[1];
	const accountId = INBOX_ACCOUNT.exec(url)?.[1];
	return inboxId && accountId ? { inboxId, accountId } : undefined;
}
