import type { IDataObject } from 'n8n-workflow';
import type { ChatwootClient } from '../../transport';

/** The contact fields Chatwoot keeps unique per account (app/models/contact.rb). */
export const UNIQUE_KEYS = ['email', 'phone_number', 'identifier'] as const;
export type UniqueKey = (typeof UNIQUE_KEYS)[number];

/**
 * Exact equality as Chatwoot's uniqueness validation sees it: emails case-insensitively (they are
 * stored in lower case), identifiers case-sensitively, phone numbers as the exact string.
 */
const sameKey: Record<UniqueKey, (stored: unknown, wanted: string) => boolean> = {
	email: (stored, wanted) => typeof stored === 'string' && stored.toLowerCase() === wanted.toLowerCase(),
	phone_number: (stored, wanted) => stored === wanted,
	identifier: (stored, wanted) => stored === wanted,
};

export const contactsPath = (accountId: number) => `/api/v1/accounts/${accountId}/contacts`;

/**
 * Looks a contact up by one unique key. The filter endpoint is used rather than search: search
 * matches substrings (with `%` and `_` as wildcards) and is limited to 100 calls a minute per account,
 * while filter compares whole values. Filter sees only contacts with an email, phone or
 * identifier, which any contact found by one of those keys has. Its `equal_to` ignores case for
 * identifiers, so the result is matched again exactly here.
 */
export async function findContactByUniqueKey(
	client: ChatwootClient,
	accountId: number,
	key: UniqueKey,
	value: string,
): Promise<IDataObject | undefined> {
	const { response } = await client.send(
		{
			method: 'POST',
			path: `${contactsPath(accountId)}/filter`,
			body: { payload: [{ attribute_key: key, filter_operator: 'equal_to', values: [value], query_operator: null }] },
		},
		{ retryLostResponses: true },
	);
	const contacts = (response.body as { payload?: unknown } | undefined)?.payload;
	if (response.statusCode !== 200 || !Array.isArray(contacts)) return undefined;
	return (contacts as IDataObject[]).find((contact) => sameKey[key](contact[key], value));
}
