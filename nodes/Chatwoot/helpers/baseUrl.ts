/**
 * The instance root of a Chatwoot URL as users paste it: the address bar of the dashboard
 * (`…/app/accounts/3/dashboard`), an API URL (`…/api/v1`) or the plain root with trailing slashes.
 * A real sub-path (Chatwoot served under `https://example.com/chatwoot`) is kept; the first path
 * segment named `api` or `app` and everything after it is dropped.
 *
 * The credential's test request cannot call TypeScript, so it embeds this same pattern in an
 * n8n expression (see `instanceRootExpression`): one rule, used in both places.
 */
export const INSTANCE_ROOT_PATTERN =
	/^(https?:\/\/[^/?#\s]+(?:\/(?!(?:api|app)(?:[/?#]|$))[^/?#\s]+)*)(?:[/?#].*)?$/is;

export class InvalidBaseUrlError extends Error {}

export function normalizeBaseUrl(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	const match = INSTANCE_ROOT_PATTERN.exec(text);
	if (!match) {
		throw new InvalidBaseUrlError(
			`The Chatwoot Base URL "${text}" is not an http(s) URL. Use the address you open Chatwoot at, for example https://chat.example.com`,
		);
	}
	return match[1];
}

/** An n8n expression that evaluates a credential field to the instance root (same rule as `normalizeBaseUrl`). */
export function instanceRootExpression(field: string): string {
	return `={{ String($credentials.${field} ?? '').trim().replace(${INSTANCE_ROOT_PATTERN.toString()}, '$1') }}`;
}
