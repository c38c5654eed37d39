import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { ResponseLostError, chatwootApiError, offendingAttributes, summarizeResponse } from '../../transport';
import type { ChatwootClient, ChatwootRequest } from '../../transport';
import type { ContactFields } from './fields';
import { findContactByUniqueKey, UNIQUE_KEYS } from './lookup';
import type { UniqueKey } from './lookup';

function mayHaveBeenCreated(context: IExecuteFunctions, itemIndex: number, cause: string, keys: UniqueKey[], lookupFailure?: string) {
	const why = lookupFailure
		? `Looking the contact up by its ${keys.join(' / ')} failed as well (${lookupFailure}).`
		: keys.length
			? `No contact with this ${keys.join(' / ')} was found afterwards.`
			: 'Without an Email, Phone Number or Identifier the node cannot tell a repeat from a new contact, so it did not retry.';
	// The cause code goes into the description: n8n replaces a message that names a network error
	// code with its own generic text.
	return new NodeOperationError(
		context.getNode(),
		`The connection to Chatwoot was lost after the request was sent; the contact may have been created [item ${itemIndex}]`,
		{ itemIndex, description: `Cause: ${cause}. ${why} Check the account's contacts in Chatwoot before running this item again.` },
	);
}

const failureText = (error: unknown) =>
	error instanceof NodeOperationError && error.description ? `${error.message}: ${error.description}` : (error as Error).message;

/**
 * After a lost response the contact may exist. It is looked up by its unique keys and returned,
 * marked; without a key, or when nothing is found, the item fails saying it may have been created.
 */
async function recoverExisting(
	context: IExecuteFunctions,
	client: ChatwootClient,
	itemIndex: number,
	accountId: number,
	fields: ContactFields,
	keys: UniqueKey[],
	cause: string,
): Promise<IDataObject> {
	for (const key of keys) {
		let contact: IDataObject | undefined;
		try {
			contact = await findContactByUniqueKey(client, accountId, key, fields[key] as string);
		} catch (error) {
			throw mayHaveBeenCreated(context, itemIndex, cause, keys, failureText(error));
		}
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

/**
 * Sends a contact create so that it takes effect at most once and every ending is true: Chatwoot's
 * response on success, the existing contact when an earlier attempt's response was lost but the
 * contact was made, or an error that says whether the contact may exist.
 */
export async function sendCreateOnce(
	context: IExecuteFunctions,
	client: ChatwootClient,
	itemIndex: number,
	accountId: number,
	fields: ContactFields,
	request: ChatwootRequest,
): Promise<IDataObject> {
	const uniqueKeys = UNIQUE_KEYS.filter((key) => typeof fields[key] === 'string');
	// Repeating a create whose response was lost can only duplicate a contact that has no unique key:
	// with one, Chatwoot refuses the repeat as "has already been taken" and the contact is looked up.
	const outcome = await client.send(request, { retryLostResponses: uniqueKeys.length > 0 }).catch((error: Error) => error);
	if (outcome instanceof ResponseLostError) {
		const cause = outcome.response ? summarizeResponse(outcome.response) : outcome.code;
		return await recoverExisting(context, client, itemIndex, accountId, fields, uniqueKeys, cause);
	}
	if (outcome instanceof NodeOperationError) throw outcome;
	if (outcome instanceof Error) {
		throw new NodeOperationError(context.getNode(), `Could not reach Chatwoot [item ${itemIndex}]`, {
			itemIndex,
			description: `Cause: ${outcome.message}. Check the Base URL of the credential and that the Chatwoot server is running and reachable from n8n.`,
		});
	}

	const { response, followedLostResponse } = outcome;
	if (response.statusCode === 200 && typeof response.body === 'object' && response.body !== null) {
		return response.body as IDataObject;
	}
	// An earlier attempt may have created the contact, whatever the last attempt was told: the
	// contact is looked up rather than reported as a plain failure.
	if (followedLostResponse) {
		const taken = uniqueKeys.filter((key) => offendingAttributes(response.body).includes(key));
		if (response.statusCode === 422 && taken.length) {
			return await recoverExisting(context, client, itemIndex, accountId, fields, taken, 'the repeat was refused as taken');
		}
		return await recoverExisting(context, client, itemIndex, accountId, fields, uniqueKeys, summarizeResponse(response));
	}
	throw chatwootApiError(context.getNode(), response, itemIndex);
}
