import type { INodeProperties } from 'n8n-workflow';
import { ACCOUNT_URL_REGEX, ID_REGEX, INBOX_URL_REGEX } from '../helpers/chatwootUrls';

/**
 * Account and Inbox are resource locators: from a searchable list, from an address copied out of
 * Chatwoot, or by ID. Read them with `extractValue`; a workflow saved when they were plain
 * dropdowns holds a bare ID, which n8n hands over as it is.
 */
export const accountIdProperty: INodeProperties = {
	displayName: 'Account',
	name: 'accountId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Chatwoot account the contact is in',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchAccounts', searchable: true },
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://chat.example.com/app/accounts/1/dashboard',
			validation: [
				{
					type: 'regex',
					properties: { regex: ACCOUNT_URL_REGEX, errorMessage: 'Not a Chatwoot account address (…/app/accounts/1/…)' },
				},
			],
			extractValue: { type: 'regex', regex: ACCOUNT_URL_REGEX },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '1',
			validation: [{ type: 'regex', properties: { regex: ID_REGEX, errorMessage: 'Not an account ID (a whole number such as 1)' } }],
		},
	],
};

export const inboxIdProperty: INodeProperties = {
	displayName: 'Inbox',
	name: 'inboxId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The inbox the contact can be reached in: the list shows the inboxes of the chosen Account. Email inboxes need an email, WhatsApp and SMS inboxes a phone number.',
	typeOptions: { loadOptionsDependsOn: ['accountId.value'] },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchInboxes', searchable: true },
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://chat.example.com/app/accounts/1/settings/inboxes/3',
			validation: [
				{
					type: 'regex',
					properties: { regex: INBOX_URL_REGEX, errorMessage: 'Not a Chatwoot inbox address (…/app/accounts/1/settings/inboxes/3)' },
				},
			],
			extractValue: { type: 'regex', regex: INBOX_URL_REGEX },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '3',
			validation: [{ type: 'regex', properties: { regex: ID_REGEX, errorMessage: 'Not an inbox ID (a whole number such as 3)' } }],
		},
	],
};
