import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { isPlainObject } from '../../helpers/isPlainObject';
import { accountIdProperty, inboxIdProperty } from '../common.descriptions';
import { readId } from '../itemInput';
import type { OperationExecute } from '../types';
import { AccountCatalog } from './accountCatalog';
import { AvatarFileReader, avatarProperties } from './avatar';
import { customAttributesProperties } from './customAttributes';
import { contactAdditionalFieldsProperty, contactIdentityProperties, readContactFields } from './fields';
import { keysTakenError } from './holders';
import { labelProperties, labelSavedContact, readLabels } from './labels';
import { contactsPath, keysOf, keyValuesOf } from './lookup';
import { findHoldersOrNone, recoverExisting, sendCreate } from './recovery';
import { buildContactRequest } from './request';

const outputProperty: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: "Chatwoot's Response",
			value: 'response',
			description: 'What Chatwoot answers: the contact under payload.contact, with the inbox link under payload.contact_inbox',
		},
		{
			name: 'The Contact',
			value: 'contact',
			description: 'The contact itself, its fields at the top level, so that an expression reads its ID directly',
		},
	],
	default: 'response',
	description:
		'What each output item holds. Either way the item also has "labels" when labels are set, and "recovered" when the contact was found after a lost answer.',
};

const properties: INodeProperties[] = [
	accountIdProperty,
	inboxIdProperty,
	...contactIdentityProperties,
	...avatarProperties,
	...labelProperties({ existingContacts: false }),
	contactAdditionalFieldsProperty,
	...customAttributesProperties,
	outputProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['create'] } }, properties);

/** The contact in Chatwoot's answer ({payload: {contact}}), or in a recovered contact's output. */
function savedContact(saved: IDataObject): IDataObject | undefined {
	const payload = isPlainObject(saved.payload) ? saved.payload : undefined;
	return payload && isPlainObject(payload.contact) ? (payload.contact as IDataObject) : undefined;
}

/** The output item as the Output parameter asks: Chatwoot's answer, or the contact with what the node adds. */
function shapeOutput(saved: IDataObject, output: unknown): IDataObject {
	if (output !== 'contact') return saved;
	const contact = savedContact(saved);
	// An answer without a contact is passed on as it came: there is no contact to lift.
	if (!contact) return saved;
	return saved.recovered === undefined ? { ...contact } : { ...contact, recovered: saved.recovered };
}

function noContactId(context: IExecuteFunctions, itemIndex: number) {
	return new NodeOperationError(context.getNode(), `The contact was created, but its labels were not set`, {
		itemIndex,
		description: "Chatwoot's answer did not include the contact's ID, so the labels could not be added. Find the contact in Chatwoot and set its labels there; running this item again with Create would create another contact.",
	});
}

/**
 * POST /api/v1/accounts/:account_id/contacts (app/controllers/api/v1/accounts/contacts_controller.rb#create),
 * then POST .../contacts/:id/labels when labels are given: the create endpoint takes no labels.
 */
export const execute: OperationExecute = function (client) {
	const avatars = new AvatarFileReader(this);
	const catalog = new AccountCatalog(client);
	return async (itemIndex) => {
		const accountId = readId(this, itemIndex, 'accountId');
		const fields = await readContactFields(this, itemIndex, accountId, catalog);
		const labels = await readLabels(this, itemIndex, accountId, catalog);
		const target = { method: 'POST' as const, path: contactsPath(accountId) };
		const { request, release } = await buildContactRequest(this, itemIndex, avatars, target, fields);
		let outcome;
		try {
			outcome = await sendCreate(this, client, itemIndex, accountId, fields, request);
		} finally {
			release();
		}
		let saved: IDataObject;
		if (outcome.status === 'created') {
			saved = outcome.body;
		} else if (outcome.status === 'lost') {
			saved = await recoverExisting(this, client, itemIndex, accountId, fields, keysOf(keyValuesOf(fields)), outcome.cause);
		} else if (outcome.afterLostResponse) {
			saved = await recoverExisting(this, client, itemIndex, accountId, fields, outcome.keys, 'the repeat was refused as taken');
		} else {
			// One lookup, only on this error, so that the message can name who holds the key.
			const values = keyValuesOf(fields, outcome.keys);
			const holders = await findHoldersOrNone(client, accountId, values);
			throw keysTakenError(this, outcome.response, itemIndex, values, holders, 'Use Contact → Create or Update to update that contact instead.');
		}
		const shaped = shapeOutput(saved, this.getNodeParameter('output', itemIndex, 'response'));
		if (!labels.length) return shaped;
		const contactId = savedContact(saved)?.id;
		if (typeof contactId !== 'number') throw noContactId(this, itemIndex);
		// A recovered contact may have existed before this run, so its labels are kept; a new one has none.
		const mode = saved.recovered ? 'add' : 'replace';
		const savedAs = saved.recovered ? 'found after a lost answer' : 'created';
		return await labelSavedContact(this, client, itemIndex, { accountId, contactId, saved: shaped, savedAs }, labels, mode);
	};
};
