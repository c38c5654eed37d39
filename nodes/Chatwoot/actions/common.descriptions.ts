import type { INodeProperties } from 'n8n-workflow';

export const accountIdProperty: INodeProperties = {
	displayName: 'Account Name or ID',
	name: 'accountId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getAccounts' },
	required: true,
	default: '',
	description:
		'The Chatwoot account the contact is in. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const inboxIdProperty: INodeProperties = {
	displayName: 'Inbox Name or ID',
	name: 'inboxId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getInboxes', loadOptionsDependsOn: ['accountId'] },
	required: true,
	default: '',
	description:
		'The inbox the contact can be reached in. Email inboxes need an email, WhatsApp and SMS inboxes a phone number. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
