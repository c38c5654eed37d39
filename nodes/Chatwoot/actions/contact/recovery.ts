import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { describeChannel } from '../../helpers/channels';
import type { InboxSummary } from '../../helpers/channels';
import { isPlainObject } from '../../helpers/isPlainObject';
import { ResponseLostError, chatwootApiError, summarizeResponse } from '../../transport';
import type { ChatwootClient, ChatwootRequest, ChatwootResponse, ErrorText } from '../../transport';
import type { ContactFields } from './fields';
import { findContactsByKeys, keysOf, keyValuesOf, takenKeys } from './lookup';
import type { KeyHolders, KeyValues, UniqueKey } from './lookup';

/** How a create ended, as far as Chatwoot's answers tell. */
export type CreateOutcome =
	| { status: 'created'; body: IDataObject }
	/** Chatwoot refused the contact because one of its unique keys is held: by another contact, or by this one when an earlier attempt's answer was lost. */
	| { status: 'taken'; response: ChatwootResponse; keys: UniqueKey[]; afterLostResponse: boolean }
	/** The answer was lost and could not be, or was no longer, repeated: the contact may exist. */
	| { status: 'lost'; cause: string };

export function mayHaveBeenCreated(context: IExecuteFunctions, itemIndex: number, cause: string, keys: UniqueKey[], lookupFailure?: string) {
	const why = lookupFailure
		? `Looking the contact up by its ${keys.join(' / ')} failed as well (${lookupFailure}).`
		: keys.length
			? `No contact with this ${keys.join(' / ')} was found afterwards.`
			: 'Without an Email, Phone Number or Identifier the node cannot tell a repeat from a new contact, so it did not retry.';
	// The cause code goes into the description: n8n replaces a message that names a network error
	// code with its own generic text.
	return new NodeOperationError(
		context.getNode(),
		`The connection to Chatwoot was lost after the request was sent; the contact may have been created`,
		{ itemIndex, description: `Cause: ${cause}. ${why} Check the account's contacts in Chatwoot before running this item again.` },
	);
}

/** A request that never reached Chatwoot within the time budget; a configuration failure (already a NodeOperationError with what to fix) passes through. */
export const unreachable = (context: IExecuteFunctions, itemIndex: number, error: Error) =>
	error instanceof NodeOperationError
		? error
		: new NodeOperationError(context.getNode(), `Could not reach Chatwoot`, {
				itemIndex,
				description: `Cause: ${error.message}. Check the Base URL of the credential and that the Chatwoot server is running and reachable from n8n.`,
			});

const failureText = (error: unknown) =>
	error instanceof NodeOperationError && error.description ? `${error.message}: ${error.description}` : (error as Error).message;

/** A lookup that fails counts as finding nothing: the caller's error then says the contact may exist. */
export async function findHoldersOrNone(client: ChatwootClient, accountId: number, values: KeyValues): Promise<KeyHolders> {
	return await findContactsByKeys(client, accountId, values).catch(() => ({}));
}

/**
 * Sends a contact create so that it takes effect at most once and says how it ended. Repeating a
 * create whose answer was lost can only duplicate a contact that has no unique key: with one,
 * Chatwoot refuses the repeat as "has already been taken", so such creates are repeated.
 */
export async function sendCreate(
	context: IExecuteFunctions,
	client: ChatwootClient,
	itemIndex: number,
	accountId: number,
	fields: ContactFields,
	request: ChatwootRequest,
): Promise<CreateOutcome> {
	const uniqueKeys = keysOf(keyValuesOf(fields));
	const outcome = await client.send(request, { retryLostResponses: uniqueKeys.length > 0 }).catch((error: Error) => error);
	if (outcome instanceof ResponseLostError) {
		return { status: 'lost', cause: outcome.response ? summarizeResponse(outcome.response) : outcome.code };
	}
	if (outcome instanceof Error) throw unreachable(context, itemIndex, outcome);

	const { response, followedLostResponse } = outcome;
	if (response.statusCode === 200 && typeof response.body === 'object' && response.body !== null) {
		return { status: 'created', body: response.body as IDataObject };
	}
	const taken = response.statusCode === 422 ? takenKeys(response.body).filter((key) => uniqueKeys.includes(key)) : [];
	if (taken.length) return { status: 'taken', response, keys: taken, afterLostResponse: followedLostResponse };
	// An earlier attempt may have created the contact, whatever the last attempt was told (a 503
	// once the time budget ran out, say): it is not a plain failure.
	if (followedLostResponse) {
		return { status: 'lost', cause: summarizeResponse(response) };
	}
	const headline = response.statusCode === 500 ? await unsupportedInboxHeadline(client, accountId, fields.inbox_id) : undefined;
	throw chatwootApiError(context.getNode(), response, itemIndex, headline);
}

/**
 * Chatwoot answers 500 when the inbox's channel cannot take a contact created through the API.
 * Only then is the inbox looked up (one request; the account's inbox list, which every Chatwoot
 * version serves), so that the headline names the channel instead of "Internal Server Error".
 */
async function unsupportedInboxHeadline(client: ChatwootClient, accountId: number, inboxId: number): Promise<ErrorText | undefined> {
	const listed = await client
		.send({ method: 'GET', path: `/api/v1/accounts/${accountId}/inboxes` }, { retryLostResponses: true })
		.catch(() => undefined);
	const payload = listed?.response.statusCode === 200 && isPlainObject(listed.response.body) ? listed.response.body.payload : undefined;
	const inbox = Array.isArray(payload)
		? (payload as InboxSummary[]).find((candidate) => isPlainObject(candidate) && candidate.id === inboxId)
		: undefined;
	if (!inbox || typeof inbox.channel_type !== 'string') return undefined;
	const { label, requirement } = describeChannel(inbox);
	if (requirement !== undefined) return undefined;
	return {
		message: `Inbox "${inbox.name}" is a ${label} inbox, which cannot take contacts created through the API`,
		hint: `Chatwoot answered 500 (Internal Server Error): ${label} contacts are added by Chatwoot when they write to the inbox. Choose an API, Website, Email, WhatsApp or SMS inbox.`,
	};
}

/**
 * After a lost answer the contact may exist. It is looked up by its unique keys and returned,
 * marked; without a key, or when nothing is found, the item fails saying it may have been created.
 */
export async function recoverExisting(
	context: IExecuteFunctions,
	client: ChatwootClient,
	itemIndex: number,
	accountId: number,
	fields: ContactFields,
	keys: UniqueKey[],
	cause: string,
): Promise<IDataObject> {
	let holders: KeyHolders;
	try {
		holders = await findContactsByKeys(client, accountId, keyValuesOf(fields, keys));
	} catch (error) {
		throw mayHaveBeenCreated(context, itemIndex, cause, keys, failureText(error));
	}
	for (const key of keys) {
		const contact = holders[key];
		if (contact) {
			return {
				payload: { contact },
				recovered: {
					matchedBy: key,
					note: `An earlier attempt's answer was lost (${cause}); Chatwoot has a contact with this ${key}, so it is returned instead of creating a duplicate.`,
				},
			};
		}
	}
	throw mayHaveBeenCreated(context, itemIndex, cause, keys);
}
