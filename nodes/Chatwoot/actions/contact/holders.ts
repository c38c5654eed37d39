import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { chatwootApiError } from '../../transport';
import type { ChatwootResponse } from '../../transport';
import { describeContact, KEY_LABELS } from './lookup';
import type { KeyHolders, KeyValues, UniqueKey } from './lookup';

/** `Email "jane@example.com" belongs to contact #12 "Jane"; Phone Number "+1…" to contact #40`. */
export function describeHolders(values: KeyValues, holders: KeyHolders): string {
	return (Object.keys(holders) as UniqueKey[])
		.filter((key) => holders[key])
		.map((key, index) => `${KEY_LABELS[key]} "${values[key]}" ${index === 0 ? 'belongs ' : ''}to contact ${describeContact(holders[key]!)}`)
		.join('; ');
}

/** Contacts by ID, each with the keys it holds. */
export function distinctHolders(holders: KeyHolders): Map<unknown, { contact: IDataObject; keys: UniqueKey[] }> {
	const byId = new Map<unknown, { contact: IDataObject; keys: UniqueKey[] }>();
	for (const key of Object.keys(holders) as UniqueKey[]) {
		const contact = holders[key];
		if (!contact) continue;
		const entry = byId.get(contact.id) ?? { contact, keys: [] };
		entry.keys.push(key);
		byId.set(contact.id, entry);
	}
	return byId;
}

/**
 * Chatwoot's "has already been taken" without saying who holds it: the same error, with the holders
 * the lookup found named in its description, and what to do.
 */
export function keysTakenError(
	context: IExecuteFunctions,
	response: ChatwootResponse,
	itemIndex: number,
	values: KeyValues,
	holders: KeyHolders,
	advice: string,
): NodeApiError {
	const error = chatwootApiError(context.getNode(), response, itemIndex);
	const named = describeHolders(values, holders);
	const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
	error.description = [error.description, named, advice]
		.filter((part): part is string => Boolean(part))
		.map(sentence)
		.join(' ');
	return error;
}

/** The item's keys identify more than one contact: which one to update is not the node's guess. */
export function conflictingKeysError(context: IExecuteFunctions, itemIndex: number, values: KeyValues, holders: KeyHolders) {
	const contacts = [...distinctHolders(holders).values()].map(({ contact }) => describeContact(contact));
	return new NodeOperationError(
		context.getNode(),
		`The item's unique keys belong to different contacts (${contacts.join(', ')})`,
		{
			itemIndex,
			description: `${describeHolders(values, holders)}. Nothing was changed. Chatwoot keeps each email, phone number and identifier on one contact: correct the item's values, or merge the contacts in Chatwoot first.`,
		},
	);
}
