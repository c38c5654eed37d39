import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { AccountCatalog } from './accountCatalog';
import { readCustomAttributes } from './customAttributes';
import { assertInboxOfAccount, inputError, readId, readJsonObject, readText } from '../itemInput';

/** The contact's own fields, shown before the avatar parameters. */
export const contactIdentityProperties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Full name of the contact, at most 255 characters',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Unique per account; Chatwoot stores it in lower case',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		placeholder: '+14155550123',
		default: '',
		description: 'In E.164 format: a plus sign, the country code and the number, no spaces. Unique per account.',
	},
];

export const contactAdditionalFieldsProperty: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Additional Attributes',
			name: 'additionalAttributes',
			type: 'json',
			default: '{}',
			description:
				'A JSON object, e.g. {"company_name": "Acme", "city": "Berlin", "social_profiles": {"twitter": "acme"}}. Chatwoot copies city and country into the contact\'s location.',
		},
		{
			displayName: 'Blocked',
			name: 'blocked',
			type: 'boolean',
			default: false,
			description: 'Whether the contact is blocked',
		},
		{
			displayName: 'Custom Attributes',
			name: 'customAttributes',
			type: 'json',
			default: '{}',
			displayOptions: { show: { '/customAttributesMode': ['json'] } },
			description: 'A JSON object of your custom contact attributes, keyed by attribute key, e.g. {"plan": "pro", "seats": 5}. Sent as written; to pick the attributes from a list, set Custom Attributes to Map Each Attribute.',
		},
		{
			displayName: 'Identifier',
			name: 'identifier',
			type: 'string',
			default: '',
			description: 'Your own ID for the contact, e.g. from a CRM. Unique per account, case-sensitive.',
		},
		{
			displayName: 'Source ID',
			name: 'sourceId',
			type: 'string',
			default: '',
			description:
				"The contact's ID in the inbox's channel. Leave empty to let Chatwoot derive it (the phone number for WhatsApp and SMS, the email for email inboxes). WhatsApp takes digits only, Twilio SMS +digits, Twilio WhatsApp whatsapp:+digits.",
		},
	],
};

/** Contact fields with their Chatwoot parameter names; only what the user set is present. */
export type ContactFields = IDataObject & { inbox_id: number };

function readBlocked(context: IExecuteFunctions, itemIndex: number, value: unknown): boolean | undefined {
	if (value === undefined || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	// The contacts.blocked column is NOT NULL (db/schema.rb): anything but a real boolean ends in a 500.
	throw inputError(context, itemIndex, 'Blocked must be true or false', `It is ${JSON.stringify(value)}.`);
}

/**
 * The item's contact fields as Chatwoot names them, checked; empty ones are left out, never sent as "".
 * Custom attributes come from either mode (readCustomAttributes); mapped ones are checked against the
 * account's definitions, which `catalog` reads once per run.
 */
export async function readContactFields(
	context: IExecuteFunctions,
	itemIndex: number,
	accountId: number,
	catalog: AccountCatalog,
): Promise<ContactFields> {
	const inboxId = readId(context, itemIndex, 'inboxId');
	assertInboxOfAccount(context, itemIndex, accountId);
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const additionalAttributes = readJsonObject(context, itemIndex, extra.additionalAttributes, 'Additional Attributes');
	const customAttributes = await readCustomAttributes(context, itemIndex, accountId, catalog, extra);

	const candidates: IDataObject = {
		inbox_id: inboxId,
		name: readText(context.getNodeParameter('name', itemIndex, '')),
		email: readText(context.getNodeParameter('email', itemIndex, '')),
		phone_number: readText(context.getNodeParameter('phoneNumber', itemIndex, '')),
		// An empty identifier passes Chatwoot's validation but collides in its unique index (a 500),
		// and an empty source ID silently skips the inbox link: both are sent only when set.
		identifier: readText(extra.identifier),
		source_id: readText(extra.sourceId),
		blocked: readBlocked(context, itemIndex, extra.blocked),
		additional_attributes: additionalAttributes,
		custom_attributes: customAttributes,
	};
	return Object.fromEntries(
		Object.entries(candidates).filter(([, value]) => value !== undefined && value !== ''),
	) as ContactFields;
}
