import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { accountIdProperty, inboxIdProperty } from '../common.descriptions';
import { readId } from '../itemInput';
import type { OperationExecute } from '../types';
import { AvatarFileReader, avatarProperties } from './avatar';
import { contactAdditionalFieldsProperty, contactIdentityProperties, readContactFields } from './fields';
import { keysTakenError } from './holders';
import { contactsPath, keysOf, keyValuesOf } from './lookup';
import { findHoldersOrNone, recoverExisting, sendCreate } from './recovery';
import { buildContactRequest } from './request';

const properties: INodeProperties[] = [
	accountIdProperty,
	inboxIdProperty,
	...contactIdentityProperties,
	...avatarProperties,
	contactAdditionalFieldsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['create'] } }, properties);

/** POST /api/v1/accounts/:account_id/contacts (app/controllers/api/v1/accounts/contacts_controller.rb#create). */
export const execute: OperationExecute = function (client) {
	const avatars = new AvatarFileReader(this);
	return async (itemIndex) => {
		const accountId = readId(this, itemIndex, 'accountId');
		const fields = readContactFields(this, itemIndex);
		const target = { method: 'POST' as const, path: contactsPath(accountId) };
		const { request, release } = await buildContactRequest(this, itemIndex, avatars, target, fields);
		let outcome;
		try {
			outcome = await sendCreate(this, client, itemIndex, fields, request);
		} finally {
			release();
		}
		if (outcome.status === 'created') return outcome.body;
		if (outcome.status === 'lost') {
			return await recoverExisting(this, client, itemIndex, accountId, fields, keysOf(keyValuesOf(fields)), outcome.cause);
		}
		if (outcome.afterLostResponse) {
			return await recoverExisting(this, client, itemIndex, accountId, fields, outcome.keys, 'the repeat was refused as taken');
		}
		// One lookup, only on this error, so that the message can name who holds the key.
		const values = keyValuesOf(fields, outcome.keys);
		const holders = await findHoldersOrNone(client, accountId, values);
		throw keysTakenError(this, outcome.response, itemIndex, values, holders, 'Use Contact → Create or Update to update that contact instead.');
	};
};
