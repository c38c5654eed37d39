import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { accountIdProperty, inboxIdProperty } from '../common.descriptions';
import { readId } from '../itemInput';
import type { OperationExecute } from '../types';
import { AvatarFileReader, avatarProperties } from './avatar';
import { contactAdditionalFieldsProperty, contactIdentityProperties, readContactFields } from './fields';
import { contactsPath } from './lookup';
import { sendCreateOnce } from './recovery';
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
		try {
			return await sendCreateOnce(this, client, itemIndex, accountId, fields, request);
		} finally {
			release();
		}
	};
};
