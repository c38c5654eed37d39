import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { isPlainObject } from '../../helpers/isPlainObject';
import { ResponseLostError, chatwootApiError, summarizeResponse } from '../../transport';
import type { ChatwootClient, ChatwootRequest, SendResult } from '../../transport';
import { contactPath, describeContact } from './lookup';
import { unreachable } from './recovery';

/** What a send ended with: Chatwoot's final response, or the cause of a lost one. */
async function sendForResponse(
	context: IExecuteFunctions,
	client: ChatwootClient,
	itemIndex: number,
	request: ChatwootRequest,
	retryLostResponses: boolean,
): Promise<SendResult['response'] | { lost: string }> {
	const outcome = await client.send(request, { retryLostResponses }).catch((error: Error) => error);
	if (outcome instanceof ResponseLostError) return { lost: outcome.response ? summarizeResponse(outcome.response) : outcome.code };
	if (outcome instanceof Error) throw unreachable(context, itemIndex, outcome);
	return outcome.response;
}

/**
 * PATCH /contacts/:id (contacts_controller.rb#update): only the fields sent change, and the two
 * attribute objects are merged into the stored ones. Sending the same update twice leaves the
 * contact as once, so a lost response is repeated; one that stays lost ends in "may have been updated".
 */
export async function sendUpdate(
	context: IExecuteFunctions,
	client: ChatwootClient,
	itemIndex: number,
	contact: IDataObject,
	request: ChatwootRequest,
): Promise<IDataObject> {
	const response = await sendForResponse(context, client, itemIndex, request, true);
	if ('lost' in response) {
		throw new NodeOperationError(
			context.getNode(),
			`The connection to Chatwoot was lost after the update was sent; contact ${describeContact(contact)} may have been updated`,
			{ itemIndex, description: `Cause: ${response.lost}. Running this item again is safe: the same update leaves the contact the same.` },
		);
	}
	const payload = isPlainObject(response.body) ? response.body.payload : undefined;
	if (response.statusCode === 200 && isPlainObject(payload)) return payload as IDataObject;
	throw chatwootApiError(context.getNode(), response, itemIndex);
}

export interface InboxLink {
	source_id: unknown;
	inbox: IDataObject;
}

/**
 * The contact's link to the inbox: one with the wanted source ID, or, when none was given, any
 * link to the inbox (the contact can be reached there already).
 */
export function findInboxLink(contact: IDataObject, inboxId: number, sourceId: string | undefined): InboxLink | undefined {
	const links = Array.isArray(contact.contact_inboxes) ? (contact.contact_inboxes as unknown[]) : [];
	return links.find(
		(link): link is InboxLink =>
			isPlainObject(link) &&
			isPlainObject(link.inbox) &&
			link.inbox.id === inboxId &&
			(sourceId === undefined || link.source_id === sourceId),
	);
}

/** One read of the contact, to learn whether a link whose response was lost was made. */
async function readContact(client: ChatwootClient, accountId: number, contactId: number): Promise<IDataObject | undefined> {
	const { response } = await client.send({ method: 'GET', path: contactPath(accountId, contactId) }, { retryLostResponses: true });
	const payload = isPlainObject(response.body) ? response.body.payload : undefined;
	return response.statusCode === 200 && isPlainObject(payload) ? (payload as IDataObject) : undefined;
}

/**
 * Makes the contact reachable in the inbox: POST /contacts/:id/contact_inboxes
 * (contacts/contact_inboxes_controller.rb, ContactInboxBuilder) unless it is already linked there.
 * With a given source ID the builder finds an existing link instead of adding a second one, so a lost
 * response is repeated; without one it generates a new ID for API and website inboxes, so after a lost
 * response the contact is read again to see whether the link was made. Chatwoot's own errors (inbox not
 * found, agent not in the inbox, bad source ID, a channel that cannot take contacts) end the item,
 * saying that the contact itself was already updated.
 */
export async function ensureInboxLink(
	context: IExecuteFunctions,
	client: ChatwootClient,
	itemIndex: number,
	accountId: number,
	contact: IDataObject,
	inboxId: number,
	sourceId: string | undefined,
): Promise<{ link: InboxLink; added: boolean }> {
	const existing = findInboxLink(contact, inboxId, sourceId);
	if (existing) return { link: existing, added: false };
	const contactId = contact.id as number;
	const request: ChatwootRequest = {
		method: 'POST',
		path: `${contactPath(accountId, contactId)}/contact_inboxes`,
		body: sourceId === undefined ? { inbox_id: inboxId } : { inbox_id: inboxId, source_id: sourceId },
	};
	let lost = '';
	let seenUnlinked = false;
	for (let attempt = 0; attempt < 2; attempt++) {
		const response = await sendForResponse(context, client, itemIndex, request, sourceId !== undefined);
		if (!('lost' in response)) {
			if (response.statusCode === 200 && isPlainObject(response.body) && isPlainObject(response.body.inbox)) {
				return { link: response.body as unknown as InboxLink, added: true };
			}
			const error = chatwootApiError(context.getNode(), response, itemIndex);
			error.description = `Contact ${describeContact(contact)} was updated, but not added to inbox ${inboxId}. ${error.description}`;
			throw error;
		}
		lost = response.lost;
		const reread = await readContact(client, accountId, contactId).catch(() => undefined);
		const made = reread && findInboxLink(reread, inboxId, sourceId);
		if (made) return { link: made, added: true };
		seenUnlinked = reread !== undefined;
		if (!seenUnlinked) break;
	}
	const outcome = seenUnlinked ? 'was not added' : 'may have been added';
	throw new NodeOperationError(
		context.getNode(),
		`The connection to Chatwoot was lost while adding contact ${describeContact(contact)} to inbox ${inboxId}; the contact was updated, and ${outcome} to the inbox`,
		{ itemIndex, description: `Cause: ${lost}. Check the contact's inboxes in Chatwoot before running this item again.` },
	);
}
