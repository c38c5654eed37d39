import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { isPlainObject } from '../../helpers/isPlainObject';
import type { ChatwootClient, ChatwootResponse } from '../../transport';
import { inputError } from '../itemInput';

/** The contact fields Chatwoot keeps unique per account (app/models/contact.rb). */
export const UNIQUE_KEYS = ['email', 'phone_number', 'identifier'] as const;
export type UniqueKey = (typeof UNIQUE_KEYS)[number];

/** Unique key values of one item; only the keys that are set. */
export type KeyValues = Partial<Record<UniqueKey, string>>;

/** The contacts holding some of those values, by key. */
export type KeyHolders = Partial<Record<UniqueKey, IDataObject>>;

/** How the keys are named in Chatwoot's validation messages ("Phone number has already been taken"). */
const HUMAN_NAMES: Record<UniqueKey, string> = { email: 'Email', phone_number: 'Phone number', identifier: 'Identifier' };

/** How the keys are named in the node. */
export const KEY_LABELS: Record<UniqueKey, string> = { email: 'Email', phone_number: 'Phone Number', identifier: 'Identifier' };

/**
 * A key value as Chatwoot's uniqueness validation sees it: emails case-insensitively (they are
 * stored in lower case), identifiers case-sensitively, phone numbers as the exact string.
 */
export function canonicalKeyValue(key: UniqueKey, value: string): string {
	return key === 'email' ? value.toLowerCase() : value;
}

/** Chatwoot's phone format, anchored: its filter turns the value into "+" and the rest without "+", so only such numbers can be found. */
const E164 = /^\+[1-9]\d{1,14}$/;

/** Refuses a value the filter could never find, so that "not found" is never the fault of the format. */
export function assertFindable(context: IExecuteFunctions, itemIndex: number, key: UniqueKey, value: string): void {
	if (key !== 'phone_number' || E164.test(value)) return;
	throw inputError(
		context,
		itemIndex,
		'Phone Number must be in E.164 format to find a contact by it',
		`It is "${value}". Use a plus sign, the country code and the number, no spaces or dashes, e.g. +14155550123.`,
	);
}

const sameKey = (key: UniqueKey, stored: unknown, wanted: string) =>
	typeof stored === 'string' && canonicalKeyValue(key, stored) === canonicalKeyValue(key, wanted);

export function keyValuesOf(fields: IDataObject, keys: readonly UniqueKey[] = UNIQUE_KEYS): KeyValues {
	const values: KeyValues = {};
	for (const key of keys) if (typeof fields[key] === 'string') values[key] = fields[key] as string;
	return values;
}

/** The keys that have a value, in Chatwoot's order. */
export const keysOf = (values: KeyValues): UniqueKey[] => UNIQUE_KEYS.filter((key) => values[key] !== undefined);

export const contactsPath = (accountId: number) => `/api/v1/accounts/${accountId}/contacts`;
export const contactPath = (accountId: number, contactId: number) => `${contactsPath(accountId)}/${contactId}`;

/**
 * The unique keys a 422 says are taken. Its `attributes` also name keys with a bad format, so the
 * message decides: Chatwoot's validation messages are always English ("Email has already been taken").
 */
export function takenKeys(body: unknown): UniqueKey[] {
	if (!isPlainObject(body) || typeof body.message !== 'string' || !Array.isArray(body.attributes)) return [];
	const message = body.message;
	return UNIQUE_KEYS.filter(
		(key) => (body.attributes as unknown[]).includes(key) && message.includes(`${HUMAN_NAMES[key]} has already been taken`),
	);
}

/** "#12 "Jane Doe"": how an error names a contact. */
export function describeContact(contact: IDataObject): string {
	const name = typeof contact.name === 'string' && contact.name ? ` "${contact.name}"` : '';
	return `#${String(contact.id)}${name}`;
}

/** The filter endpoint answered something else than a page of contacts (an auth error, a 500). */
export class LookupFailedError extends Error {
	constructor(readonly response: ChatwootResponse) {
		super(`The contact lookup failed with HTTP ${response.statusCode}`);
	}
}

/** Enough pages for every contact a lookup can match (3 keys and case variants of an identifier). */
const MAX_FILTER_PAGES = 10;

/**
 * Finds the contacts holding the given unique key values with one request: the filter endpoint with
 * the conditions joined by OR. Filter is used rather than search: search matches substrings (with `%`
 * and `_` as wildcards) and is limited to 100 calls a minute per account, while filter compares whole
 * values. Filter sees only contacts with an email, phone or identifier, which any contact found by one
 * of those keys has. Its `equal_to` ignores case for identifiers too, so every match is checked again
 * exactly here; case variants of an identifier may push the exact one past the first page of 15.
 */
export async function findContactsByKeys(client: ChatwootClient, accountId: number, values: KeyValues): Promise<KeyHolders> {
	const keys = keysOf(values);
	const holders: KeyHolders = {};
	if (!keys.length) return holders;
	const payload = keys.map((key, index) => ({
		attribute_key: key,
		filter_operator: 'equal_to',
		values: [values[key]],
		query_operator: index === keys.length - 1 ? null : 'OR',
	}));
	let seen = 0;
	for (let page = 1; page <= MAX_FILTER_PAGES; page++) {
		const { response } = await client.send(
			{ method: 'POST', path: `${contactsPath(accountId)}/filter`, qs: page > 1 ? { page } : undefined, body: { payload } },
			{ retryLostResponses: true },
		);
		const body = response.body as { payload?: unknown; meta?: { count?: unknown } } | undefined;
		if (response.statusCode !== 200 || !Array.isArray(body?.payload)) throw new LookupFailedError(response);
		const contacts = body.payload as IDataObject[];
		for (const key of keys) holders[key] ??= contacts.find((contact) => sameKey(key, contact[key], values[key]!));
		seen += contacts.length;
		const total = typeof body.meta?.count === 'number' ? body.meta.count : seen;
		if (keys.every((key) => holders[key]) || !contacts.length || seen >= total) break;
	}
	return holders;
}
