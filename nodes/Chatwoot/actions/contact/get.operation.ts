import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { isPlainObject } from '../../helpers/isPlainObject';
import { chatwootApiError } from '../../transport';
import type { ChatwootClient } from '../../transport';
import { accountIdProperty } from '../common.descriptions';
import { inputError, readId, readText } from '../itemInput';
import type { OperationExecute } from '../types';
import { assertFindable, contactPath, findContactsByKeys, KEY_LABELS, LookupFailedError } from './lookup';
import type { UniqueKey } from './lookup';
import { unreachable } from './recovery';

type GetBy = 'id' | UniqueKey;

/** The parameter holding the value for each way to find the contact; the names are Create's. */
const VALUE_PARAMETERS: Record<UniqueKey, string> = { email: 'email', phone_number: 'phoneNumber', identifier: 'identifier' };

const properties: INodeProperties[] = [
	accountIdProperty,
	{
		displayName: 'Get By',
		name: 'getBy',
		type: 'options',
		options: [
			{ name: 'Contact ID', value: 'id' },
			{ name: 'Email', value: 'email', description: 'The exact address, ignoring case' },
			{ name: 'Identifier', value: 'identifier', description: 'The exact identifier, case included' },
			{ name: 'Phone Number', value: 'phone_number', description: 'The exact E.164 number' },
		],
		default: 'id',
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '42',
		displayOptions: { show: { getBy: ['id'] } },
		description: "The contact's number in Chatwoot",
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		displayOptions: { show: { getBy: ['email'] } },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155550123',
		displayOptions: { show: { getBy: ['phone_number'] } },
	},
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { getBy: ['identifier'] } },
	},
	{
		displayName: 'Return Empty Item If Not Found',
		name: 'returnEmpty',
		type: 'boolean',
		default: false,
		description:
			'Whether an input item with no matching contact gives an empty output item instead of failing with "Contact not found"',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, properties);

function notFound(context: IExecuteFunctions, itemIndex: number, what: string) {
	return new NodeOperationError(context.getNode(), `Contact not found`, {
		itemIndex,
		description: `No contact in this account has ${what}. Turn on "Return Empty Item If Not Found" to carry on with an empty item instead.`,
	});
}

/** GET /contacts/:id (contacts_controller.rb#show): the contact, or undefined when Chatwoot answers 404. */
async function getById(context: IExecuteFunctions, client: ChatwootClient, itemIndex: number, accountId: number) {
	const contactId = readId(context, itemIndex, 'contactId');
	const { response } = await client
		.send({ method: 'GET', path: contactPath(accountId, contactId) }, { retryLostResponses: true })
		.catch((error: Error) => {
			throw unreachable(context, itemIndex, error);
		});
	const payload = isPlainObject(response.body) ? response.body.payload : undefined;
	if (response.statusCode === 200 && isPlainObject(payload)) return { contact: payload as IDataObject, what: '' };
	// Chatwoot answers an unknown contact ID (or one of another account) with this 404.
	if (response.statusCode === 404) return { contact: undefined, what: `the ID ${contactId}` };
	throw chatwootApiError(context.getNode(), response, itemIndex);
}

/** Through the filter endpoint, compared as Chatwoot's uniqueness check compares the key. */
async function getByKey(context: IExecuteFunctions, client: ChatwootClient, itemIndex: number, accountId: number, key: UniqueKey) {
	const value = readText(context.getNodeParameter(VALUE_PARAMETERS[key], itemIndex, ''));
	if (!value) throw inputError(context, itemIndex, `${KEY_LABELS[key]} is empty`, `Give the ${KEY_LABELS[key]} of the contact to get.`);
	assertFindable(context, itemIndex, key, value);
	const holders = await findContactsByKeys(client, accountId, { [key]: value }).catch((error: Error) => {
		if (error instanceof LookupFailedError) throw chatwootApiError(context.getNode(), error.response, itemIndex);
		throw unreachable(context, itemIndex, error);
	});
	return { contact: holders[key], what: `the ${KEY_LABELS[key]} "${value}"` };
}

/** Get: one contact by its ID or by one of its unique keys; the output item is the contact. */
export const execute: OperationExecute = function (client) {
	return async (itemIndex) => {
		const accountId = readId(this, itemIndex, 'accountId');
		const getBy = this.getNodeParameter('getBy', itemIndex, 'id') as GetBy;
		const { contact, what } =
			getBy === 'id' ? await getById(this, client, itemIndex, accountId) : await getByKey(this, client, itemIndex, accountId, getBy);
		if (contact) return contact;
		if (this.getNodeParameter('returnEmpty', itemIndex, false) === true) return {};
		throw notFound(this, itemIndex, what);
	};
};
