import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { AttributesError, parseJsonObject } from '../../helpers/attributes';
import { MAX_AVATAR_BYTES, sniffAvatarType } from '../../helpers/avatar';
import { parsePositiveId } from '../../helpers/ids';
import { FormEncodingError, encodeMultipart, toRailsFormFields } from '../../helpers/multipart';
import type { FormField, FormFile } from '../../helpers/multipart';
import { AnswerLostError, classifyAnswer, sendWithRetries } from '../../transport';
import type { ChatwootRequest } from '../../transport';
import { chatwootApiError, offendingAttributes, summariseAnswer } from '../../transport/errors';
import type { ItemContext } from '../itemContext';
import { findContactByUniqueKey, UNIQUE_KEYS } from './findContact';
import type { UniqueKey } from './findContact';

const properties: INodeProperties[] = [
	{
		displayName: 'Account Name or ID',
		name: 'accountId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAccounts' },
		required: true,
		default: '',
		description:
			'The Chatwoot account to create the contact in. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Inbox Name or ID',
		name: 'inboxId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getInboxes', loadOptionsDependsOn: ['accountId'] },
		required: true,
		default: '',
		description:
			'The inbox the contact can be reached in. Email inboxes need an email, WhatsApp and SMS inboxes a phone number. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
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
	{
		displayName: 'Avatar',
		name: 'avatarSource',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'None', value: 'none' },
			{
				name: 'From Binary Data',
				value: 'binary',
				description: "Upload a JPEG, PNG or GIF image (at most 15 MB) from the input item's binary data",
			},
			{
				name: 'From URL',
				value: 'url',
				description: 'Chatwoot downloads the image from this address after the contact is created',
			},
		],
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { avatarSource: ['binary'] } },
		description: 'The name of the input binary field that holds the image',
	},
	{
		displayName:
			'With an avatar file, the contact is sent as a form: attribute values reach Chatwoot as text ({"seats": 5} is stored as "5", true as "true"). Null values and empty lists or objects cannot be sent this way; use an avatar URL to keep JSON types.',
		name: 'formUploadNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { avatarSource: ['binary'] } },
	},
	{
		displayName: 'Avatar URL',
		name: 'avatarUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/avatar.png',
		displayOptions: { show: { avatarSource: ['url'] } },
		description: 'An http(s) address of a JPEG, PNG or GIF image',
	},
	{
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
				description:
					'A JSON object of your custom contact attributes, keyed by attribute key, e.g. {"plan": "pro", "seats": 5}',
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
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['create'] } }, properties);

/** Contact fields with their Chatwoot parameter names; only what the user set is present. */
type ContactFields = IDataObject & { inbox_id: number };

interface AvatarFile extends FormFile {
	field: 'avatar';
}

function inputError(context: IExecuteFunctions, itemIndex: number, message: string, description: string) {
	return new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, { itemIndex, description });
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

function readBlocked(context: IExecuteFunctions, itemIndex: number, value: unknown): boolean | undefined {
	if (value === undefined || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	// Chatwoot's column is NOT NULL: anything but a real boolean ends in a 500 (contacts-api §2.1).
	throw inputError(context, itemIndex, 'Blocked must be true or false', `It is ${JSON.stringify(value)}.`);
}

function readAttributes(context: IExecuteFunctions, itemIndex: number, value: unknown, label: string) {
	try {
		return parseJsonObject(value, label);
	} catch (error) {
		throw inputError(context, itemIndex, (error as AttributesError).message, (error as AttributesError).description);
	}
}

const ID_PARAMETERS = {
	accountId: {
		label: 'Account',
		hint: 'Choose an account from the list, or give its ID (the number after /accounts/ in the Chatwoot address bar).',
	},
	inboxId: {
		label: 'Inbox',
		hint: 'Choose an inbox from the list, or give its ID (Settings → Inboxes in Chatwoot shows it in the address).',
	},
};

function readId(context: IExecuteFunctions, itemIndex: number, parameter: keyof typeof ID_PARAMETERS): number {
	const id = parsePositiveId(context.getNodeParameter(parameter, itemIndex));
	if (id === undefined) {
		const { label, hint } = ID_PARAMETERS[parameter];
		throw inputError(context, itemIndex, `${label} must be a positive whole number`, hint);
	}
	return id;
}

function readFields(context: IExecuteFunctions, itemIndex: number): { accountId: number; fields: ContactFields } {
	const accountId = readId(context, itemIndex, 'accountId');
	const inboxId = readId(context, itemIndex, 'inboxId');
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const additionalAttributes = readAttributes(context, itemIndex, extra.additionalAttributes, 'Additional Attributes');
	const customAttributes = readAttributes(context, itemIndex, extra.customAttributes, 'Custom Attributes');

	const candidates: IDataObject = {
		inbox_id: inboxId,
		name: text(context.getNodeParameter('name', itemIndex, '')),
		email: text(context.getNodeParameter('email', itemIndex, '')),
		phone_number: text(context.getNodeParameter('phoneNumber', itemIndex, '')),
		// An empty identifier passes Chatwoot's validation but collides in its unique index (a 500),
		// and an empty source ID silently skips the inbox link: both are sent only when set.
		identifier: text(extra.identifier),
		source_id: text(extra.sourceId),
		blocked: readBlocked(context, itemIndex, extra.blocked),
		additional_attributes: additionalAttributes,
		custom_attributes: customAttributes,
	};
	const fields = Object.fromEntries(
		Object.entries(candidates).filter(([, value]) => value !== undefined && value !== ''),
	) as ContactFields;
	return { accountId, fields };
}

function readAvatarUrl(context: IExecuteFunctions, itemIndex: number): string {
	const url = text(context.getNodeParameter('avatarUrl', itemIndex, ''));
	// Chatwoot's avatar job ignores anything but http(s) URLs without telling anyone.
	if (!/^https?:\/\/[^\s/]+/i.test(url)) {
		throw inputError(
			context,
			itemIndex,
			'Avatar URL must be an http(s) address',
			`It is "${url}". Give the full address of a JPEG, PNG or GIF image, e.g. https://example.com/avatar.png.`,
		);
	}
	return url;
}

/**
 * The avatar's size before it is read: n8n records it for stored binaries; an inline one is base64
 * text in the item. Unknown sizes count as the largest file Chatwoot takes.
 */
function declaredSize(binary: IBinaryData): number {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (!binary.id) return Math.floor((binary.data.length * 3) / 4);
	return MAX_AVATAR_BYTES;
}

function tooBig(context: IExecuteFunctions, itemIndex: number, property: string, size: number) {
	return inputError(
		context,
		itemIndex,
		`The avatar in "${property}" is too big`,
		`It has ${size} bytes; Chatwoot takes at most ${MAX_AVATAR_BYTES} bytes (15 MB).`,
	);
}

async function loadAvatarFile(context: IExecuteFunctions, itemIndex: number, property: string, binary: IBinaryData): Promise<AvatarFile> {
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	if (bytes.length > MAX_AVATAR_BYTES) throw tooBig(context, itemIndex, property, bytes.length);
	const contentType = sniffAvatarType(bytes);
	if (!contentType) {
		throw inputError(
			context,
			itemIndex,
			`The avatar in "${property}" is not a JPEG, PNG or GIF image`,
			`Its content does not start like any of them (declared type: ${binary.mimeType || 'none'}). Chatwoot checks the bytes, not the declared type.`,
		);
	}
	const extension = contentType.split('/')[1].replace('jpeg', 'jpg');
	return { field: 'avatar', filename: binary.fileName || `avatar.${extension}`, contentType, bytes };
}

/**
 * Reads the item's avatar file once the run's avatar byte budget has room for it, so however many
 * requests are in flight, only a bounded amount of file data is in memory. The caller gives the
 * bytes back with `release` when the request is done.
 */
async function readAvatarFile(
	context: IExecuteFunctions,
	itemIndex: number,
	run: ItemContext,
): Promise<{ file: AvatarFile; release: () => void }> {
	const property = text(context.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const binary = context.getInputData()[itemIndex].binary?.[property];
	if (!binary) {
		throw inputError(
			context,
			itemIndex,
			`Input Binary Field "${property}" is missing on this item`,
			'Set Input Binary Field to the name of the binary field holding the image (the binary tab of the input shows the names), or choose another Avatar source.',
		);
	}
	const size = declaredSize(binary);
	if (size > MAX_AVATAR_BYTES) throw tooBig(context, itemIndex, property, size);
	const release = await run.avatarBudget.acquire(size);
	let file: AvatarFile | undefined;
	try {
		file = await loadAvatarFile(context, itemIndex, property, binary);
	} finally {
		if (!file) release();
	}
	return { file, release };
}

function formFieldsOf(context: IExecuteFunctions, itemIndex: number, fields: ContactFields): FormField[] {
	try {
		return Object.entries(fields).flatMap(([key, value]) => toRailsFormFields(key, value));
	} catch (error) {
		throw inputError(
			context,
			itemIndex,
			`Cannot upload the avatar file with these attributes: ${(error as FormEncodingError).message}`,
			'A file upload sends the contact as a form, which carries text only. Remove that value, or give the avatar as a URL to keep JSON.',
		);
	}
}

const nothingToRelease = () => undefined;

async function buildRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	run: ItemContext,
	accountId: number,
	fields: ContactFields,
): Promise<{ request: ChatwootRequest; release: () => void }> {
	const path = `/api/v1/accounts/${accountId}/contacts`;
	const avatarSource = context.getNodeParameter('avatarSource', itemIndex, 'none') as string;
	if (avatarSource === 'binary') {
		const formFields = formFieldsOf(context, itemIndex, fields);
		const { file, release } = await readAvatarFile(context, itemIndex, run);
		const { body, contentType } = encodeMultipart(formFields, file);
		return { request: { method: 'POST', path, body, contentType }, release };
	}
	const body = avatarSource === 'url' ? { ...fields, avatar_url: readAvatarUrl(context, itemIndex) } : fields;
	return { request: { method: 'POST', path, body }, release: nothingToRelease };
}

function mayHaveBeenCreated(context: IExecuteFunctions, itemIndex: number, cause: string, keys: UniqueKey[]) {
	const why = keys.length
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

/**
 * After a lost answer: the contact may exist. It is looked up by its unique keys and returned,
 * marked; without a key, or when nothing is found, the item fails saying it may have been created.
 */
async function recoverExisting(
	context: IExecuteFunctions,
	run: ItemContext,
	itemIndex: number,
	accountId: number,
	fields: ContactFields,
	keys: UniqueKey[],
	cause: string,
): Promise<IDataObject> {
	for (const key of keys) {
		const contact = await findContactByUniqueKey(context, run, accountId, key, fields[key] as string);
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

async function sendCreate(
	context: IExecuteFunctions,
	run: ItemContext,
	itemIndex: number,
	accountId: number,
	fields: ContactFields,
	request: ChatwootRequest,
): Promise<IDataObject> {
	const uniqueKeys = UNIQUE_KEYS.filter((key) => typeof fields[key] === 'string');
	// Repeating a create whose answer was lost can only duplicate a contact that has no unique key:
	// with one, Chatwoot refuses the repeat as "has already been taken" and the contact is looked up.
	const outcome = await sendWithRetries(context, run.connection, request, run.options.retry, uniqueKeys.length > 0).catch(
		(error: Error) => error,
	);
	if (outcome instanceof AnswerLostError) {
		const cause = outcome.answer ? summariseAnswer(outcome.answer) : outcome.code;
		return await recoverExisting(context, run, itemIndex, accountId, fields, uniqueKeys, cause);
	}
	if (outcome instanceof Error) {
		throw new NodeOperationError(context.getNode(), `Could not reach Chatwoot [item ${itemIndex}]`, {
			itemIndex,
			description: `Cause: ${outcome.message}. Check the Base URL of the credential and that the Chatwoot server is running and reachable from n8n.`,
		});
	}

	const { answer, followedLostAnswer } = outcome;
	if (answer.statusCode === 200 && typeof answer.body === 'object' && answer.body !== null) {
		return answer.body as IDataObject;
	}
	if (followedLostAnswer) {
		const taken = uniqueKeys.filter((key) => offendingAttributes(answer.body).includes(key));
		if (answer.statusCode === 422 && taken.length) {
			return await recoverExisting(context, run, itemIndex, accountId, fields, taken, 'the repeat was refused as taken');
		}
		if (classifyAnswer(answer.statusCode) === 'lost') {
			return await recoverExisting(context, run, itemIndex, accountId, fields, uniqueKeys, summariseAnswer(answer));
		}
	}
	throw chatwootApiError(context.getNode(), answer, itemIndex);
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: ItemContext): Promise<IDataObject> {
	const { accountId, fields } = readFields(this, itemIndex);
	const { request, release } = await buildRequest(this, itemIndex, run, accountId, fields);
	try {
		return await sendCreate(this, run, itemIndex, accountId, fields, request);
	} finally {
		release();
	}
}
