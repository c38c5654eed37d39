import nock from 'nock';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { useNock } from '../../../harness/nock';
import { runChatwootNode } from '../../../harness/engine';
import { binaryItem, PNG_1x1, TOKEN } from '../../../harness/fixtures';

const BASE = 'https://chat.example.com';
const credentials = { baseUrl: BASE, accessToken: TOKEN };
const FAST_RETRIES = { initialRetryDelay: 1, maxRetryDelay: 5 };

const API_INBOX = { id: 3, avatar_url: '', channel_id: 7, name: 'API', channel_type: 'Channel::Api', provider: null };
const OTHER_INBOX = { ...API_INBOX, id: 4, name: 'Other' };
const link = (inbox: IDataObject, sourceId: string) => ({ source_id: sourceId, inbox });

const JANE = { id: 12, name: 'Jane', email: 'jane@x.com', phone_number: '+14155550123', identifier: 'crm-12', contact_inboxes: [link(API_INBOX, 'uuid-12')] };

interface Recorded {
	method: string;
	path: string;
	contentType: string;
	body: unknown;
}

let recorded: Recorded[];
const { unmatched } = useNock();

beforeEach(() => {
	recorded = [];
});

type Method = 'get' | 'post' | 'patch';

function decodeBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	// nock hands over a binary (multipart) body as hex.
	return /^[0-9a-f]+$/i.test(body) && body.length % 2 === 0 ? Buffer.from(body, 'hex').toString('latin1') : body;
}

/** Answers one request to `path` with `status` and `body`, recording what was sent. */
function answer(method: Method, path: string, status: number, body: unknown) {
	nock(BASE)
		[method](path)
		.reply(function (uri, requestBody) {
			recorded.push({ method: method.toUpperCase(), path: uri, contentType: String(this.req.headers['content-type'] ?? ''), body: decodeBody(requestBody) });
			return [status, JSON.stringify(body), { 'Content-Type': 'application/json; charset=utf-8' }];
		});
}

const CONTACTS = '/api/v1/accounts/1/contacts';
const FILTER = `${CONTACTS}/filter`;
const taken = (...keys: Array<'email' | 'phone_number' | 'identifier'>) => ({
	message: keys.map((key) => `${{ email: 'Email', phone_number: 'Phone number', identifier: 'Identifier' }[key]} has already been taken`).join(', '),
	attributes: keys,
});

function upsert(parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) {
	return runChatwootNode({
		credentials,
		continueOnFail,
		items,
		parameters: { resource: 'contact', operation: 'upsert', accountId: 1, inboxId: 3, ...parameters, options: { ...FAST_RETRIES, ...((parameters.options as IDataObject) ?? {}) } },
	});
}

const requestLine = (request: Recorded) => `${request.method} ${request.path}`;

describe('Contact → Create or Update: a new contact', () => {
	test('costs one request: the create, with every field; the output says created', async () => {
		const contact = { id: 50, name: 'Ann', email: 'ann@x.com', contact_inboxes: [link(API_INBOX, 'uuid-50')] };
		answer('post', CONTACTS, 200, { payload: { contact, contact_inbox: { inbox: { id: 3, account_id: 1 }, source_id: 'uuid-50' } } });
		const result = await upsert({ name: 'Ann', email: 'Ann@x.com', additionalFields: { customAttributes: '{"plan":"pro"}' } });
		expect(result.error).toBeUndefined();
		expect(recorded.map(requestLine)).toEqual([`POST ${CONTACTS}`]);
		expect(recorded[0].body).toEqual({ inbox_id: 3, name: 'Ann', email: 'Ann@x.com', custom_attributes: { plan: 'pro' } });
		expect(result.items).toEqual([
			{ json: { action: 'created', matchedBy: null, contact, contactInbox: link(API_INBOX, 'uuid-50') }, pairedItem: { item: 0 } },
		]);
	});
});

describe('Contact → Create or Update: an existing contact', () => {
	test.each<[string, INodeParameters, 'email' | 'phone_number' | 'identifier']>([
		['email', { email: 'JANE@x.com' }, 'email'],
		['phone number', { phoneNumber: '+14155550123' }, 'phone_number'],
		['identifier', { additionalFields: { identifier: 'crm-12' } }, 'identifier'],
	])('matched by %s: create refused as taken, one lookup, one update with only the fields set', async (_label, key, matchedKey) => {
		answer('post', CONTACTS, 422, taken(matchedKey));
		answer('post', FILTER, 200, { meta: { count: 1 }, payload: [JANE] });
		const updated = { ...JANE, name: 'Jane Doe' };
		answer('patch', `${CONTACTS}/12`, 200, { payload: updated });
		const result = await upsert({ name: 'Jane Doe', ...key });
		expect(result.error).toBeUndefined();
		expect(recorded.map(requestLine)).toEqual([`POST ${CONTACTS}`, `POST ${FILTER}`, `PATCH ${CONTACTS}/12`]);
		const fields = recorded[0].body as IDataObject;
		expect(recorded[1].body).toEqual({
			payload: [{ attribute_key: matchedKey, filter_operator: 'equal_to', values: [Object.values(fields).at(-1)], query_operator: null }],
		});
		const { inbox_id: _inbox, ...updateFields } = fields;
		expect(recorded[2].body).toEqual(updateFields);
		expect(result.items?.[0].json).toEqual({ action: 'updated', matchedBy: matchedKey, contact: updated, contactInbox: link(API_INBOX, 'uuid-12') });
	});

	test('looks every key up in one request and updates the one contact holding them; attributes go as given for Chatwoot to merge', async () => {
		answer('post', CONTACTS, 422, taken('email', 'phone_number'));
		answer('post', FILTER, 200, { meta: { count: 1 }, payload: [JANE] });
		answer('patch', `${CONTACTS}/12`, 200, { payload: JANE });
		const result = await upsert({
			email: 'jane@x.com',
			phoneNumber: '+14155550123',
			additionalFields: { identifier: 'crm-new', sourceId: 'uuid-12', customAttributes: '{"seats":5}', additionalAttributes: '{"city":"Oslo"}' },
		});
		expect(result.error).toBeUndefined();
		expect((recorded[1].body as { payload: IDataObject[] }).payload).toEqual([
			{ attribute_key: 'email', filter_operator: 'equal_to', values: ['jane@x.com'], query_operator: 'OR' },
			{ attribute_key: 'phone_number', filter_operator: 'equal_to', values: ['+14155550123'], query_operator: 'OR' },
			{ attribute_key: 'identifier', filter_operator: 'equal_to', values: ['crm-new'], query_operator: null },
		]);
		expect(recorded[2].body).toEqual({
			email: 'jane@x.com',
			phone_number: '+14155550123',
			identifier: 'crm-new',
			additional_attributes: { city: 'Oslo' },
			custom_attributes: { seats: 5 },
		});
		expect(result.items?.[0].json).toMatchObject({ action: 'updated', matchedBy: 'email' });
	});

	test('not yet in the inbox: linked once, and the link is in the output', async () => {
		const elsewhere = { ...JANE, contact_inboxes: [link(OTHER_INBOX, 'o-1')] };
		answer('post', CONTACTS, 422, taken('email'));
		answer('post', FILTER, 200, { payload: [elsewhere] });
		answer('patch', `${CONTACTS}/12`, 200, { payload: elsewhere });
		answer('post', `${CONTACTS}/12/contact_inboxes`, 200, link(API_INBOX, 'uuid-new'));
		const result = await upsert({ email: 'jane@x.com' });
		expect(recorded.map(requestLine).at(-1)).toBe(`POST ${CONTACTS}/12/contact_inboxes`);
		expect(recorded.at(-1)?.body).toEqual({ inbox_id: 3 });
		expect(result.items?.[0].json).toEqual({
			action: 'updated',
			matchedBy: 'email',
			contact: { ...elsewhere, contact_inboxes: [link(OTHER_INBOX, 'o-1'), link(API_INBOX, 'uuid-new')] },
			contactInbox: link(API_INBOX, 'uuid-new'),
		});
	});

	test('a Source ID the inbox link lacks is added with it', async () => {
		answer('post', CONTACTS, 422, taken('email'));
		answer('post', FILTER, 200, { payload: [JANE] });
		answer('patch', `${CONTACTS}/12`, 200, { payload: JANE });
		answer('post', `${CONTACTS}/12/contact_inboxes`, 200, link(API_INBOX, 'crm-src'));
		const result = await upsert({ email: 'jane@x.com', additionalFields: { sourceId: 'crm-src' } });
		expect(recorded.at(-1)?.body).toEqual({ inbox_id: 3, source_id: 'crm-src' });
		expect(result.items?.[0].json.contactInbox).toEqual(link(API_INBOX, 'crm-src'));
	});

	test('a link Chatwoot refuses fails the item, saying the contact was updated', async () => {
		answer('post', CONTACTS, 422, taken('email'));
		answer('post', FILTER, 200, { payload: [{ ...JANE, contact_inboxes: [] }] });
		answer('patch', `${CONTACTS}/12`, 200, { payload: { ...JANE, contact_inboxes: [] } });
		answer('post', `${CONTACTS}/12/contact_inboxes`, 401, { error: 'You are not authorized to do this action' });
		const result = await upsert({ email: 'jane@x.com' });
		expect(result.error?.message).toBe('You are not authorized to do this action');
		expect(result.error?.description).toMatch(/^Contact #12 "Jane" was updated, but not added to inbox 3\. HTTP 401/);
	});

	test('an avatar file goes with the update as a form, without the inbox fields', async () => {
		answer('post', CONTACTS, 422, taken('email'));
		answer('post', FILTER, 200, { payload: [JANE] });
		answer('patch', `${CONTACTS}/12`, 200, { payload: { ...JANE, thumbnail: 'https://chat.example.com/avatar.png' } });
		const result = await upsert({ email: 'jane@x.com', avatarSource: 'binary', binaryPropertyName: 'data', additionalFields: { sourceId: 'uuid-12' } }, [
			binaryItem(PNG_1x1, 'image/png', 'jane.png'),
		]);
		expect(result.error).toBeUndefined();
		const [create, , update] = recorded;
		expect(create.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(update.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(update.body).toMatch(/name="email"\r\n\r\njane@x.com\r\n/);
		expect(update.body).toMatch(/name="avatar"; filename="jane.png"\r\nContent-Type: image\/png/);
		expect(update.body).not.toMatch(/inbox_id|source_id/);
	});

	test('an avatar URL goes with the update', async () => {
		answer('post', CONTACTS, 422, taken('email'));
		answer('post', FILTER, 200, { payload: [JANE] });
		answer('patch', `${CONTACTS}/12`, 200, { payload: JANE });
		await upsert({ email: 'jane@x.com', avatarSource: 'url', avatarUrl: 'https://cdn.example.com/j.png' });
		expect(recorded[2].body).toEqual({ email: 'jane@x.com', avatar_url: 'https://cdn.example.com/j.png' });
	});
});

describe('Contact → Create or Update: keys that do not lead to one contact', () => {
	test('keys of two different contacts: the item fails naming both, and nothing is changed', async () => {
		answer('post', CONTACTS, 422, taken('email', 'phone_number'));
		answer('post', FILTER, 200, { meta: { count: 2 }, payload: [{ id: 40, name: 'Bob', phone_number: '+14155550123' }, JANE] });
		const result = await upsert({ email: 'jane@x.com', phoneNumber: '+14155550123' });
		expect(result.error?.message).toBe(`The item's unique keys belong to different contacts (#12 "Jane", #40 "Bob")`);
		expect(result.error?.description).toMatch(
			/^Email "jane@x.com" belongs to contact #12 "Jane"; Phone Number "\+14155550123" to contact #40 "Bob"\. Nothing was changed\./,
		);
		expect(recorded.map(requestLine)).toEqual([`POST ${CONTACTS}`, `POST ${FILTER}`]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('a taken key outside Match On: the holder is named and not updated', async () => {
		answer('post', CONTACTS, 422, taken('phone_number'));
		answer('post', FILTER, 200, { payload: [{ id: 40, name: 'Bob', phone_number: '+14155550123' }] });
		const result = await upsert({ matchOn: ['email'], email: 'new@x.com', phoneNumber: '+14155550123' });
		expect(result.error?.message).toBe('Phone number has already been taken');
		expect(result.error?.description).toMatch(
			/Phone Number "\+14155550123" belongs to contact #40 "Bob"\. Phone Number is not among Match On, so that contact is not updated/,
		);
		expect(recorded).toHaveLength(2);
	});

	test('taken, but the filter finds nobody: Chatwoot\'s error with what was tried', async () => {
		answer('post', CONTACTS, 422, taken('identifier'));
		answer('post', FILTER, 200, { meta: { count: 0 }, payload: [] });
		const result = await upsert({ additionalFields: { identifier: 'ghost' } });
		expect(result.error?.message).toBe('Identifier has already been taken');
		expect(result.error?.description).toMatch(/its contact filter finds no contact with it/);
	});

	test.each<[string, INodeParameters, RegExp]>([
		['no key chosen', { matchOn: [], email: 'a@x.com' }, /^Match On needs at least one key$/],
		['none of the chosen keys set', { matchOn: ['identifier'], email: 'a@x.com' }, /^None of the Match On keys is set on this item \(Identifier\)/],
		['no key at all', { name: 'Nobody' }, /^None of the Match On keys is set on this item \(Email, Phone Number, Identifier\)/],
		['a phone the filter cannot find', { phoneNumber: 'tel+14155550123' }, /^Phone Number must be in E.164 format to find a contact by it/],
		['an attribute a form cannot carry with an avatar file', { email: 'a@x.com', avatarSource: 'binary', additionalFields: { customAttributes: '{"a":null}' } }, /^Cannot upload the avatar file/],
	])('%s: refused before any request', async (_label, parameters, message) => {
		const result = await upsert(parameters, [binaryItem(PNG_1x1, 'image/png')]);
		expect(result.error?.message).toMatch(message);
		expect(unmatched()).toBe(0);
		expect(recorded).toHaveLength(0);
	});
});

describe('Contact → Create or Update: lost answers', () => {
	test('an update whose answer was lost is sent again', async () => {
		answer('post', CONTACTS, 422, taken('email'));
		answer('post', FILTER, 200, { payload: [JANE] });
		nock(BASE).patch(`${CONTACTS}/12`).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		nock(BASE).patch(`${CONTACTS}/12`).reply(504, 'Gateway Timeout');
		answer('patch', `${CONTACTS}/12`, 200, { payload: JANE });
		const result = await upsert({ email: 'jane@x.com', name: 'Jane' });
		expect(result.error).toBeUndefined();
		expect(result.items?.[0].json).toMatchObject({ action: 'updated', matchedBy: 'email' });
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('an update that stays lost says the contact may have been updated', async () => {
		answer('post', CONTACTS, 422, taken('email'));
		answer('post', FILTER, 200, { payload: [JANE] });
		for (let attempt = 0; attempt < 2; attempt++) {
			nock(BASE).patch(`${CONTACTS}/12`).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		}
		const result = await upsert({ email: 'jane@x.com', options: { maxRetries: 1 } });
		expect(result.error?.message).toBe(
			'The connection to Chatwoot was lost after the update was sent; contact #12 "Jane" may have been updated',
		);
		expect(result.error?.description).toMatch(/^Cause: ECONNRESET\. Running this item again is safe/);
	});

	test('a create whose answer was lost and whose repeat is refused as taken updates the contact, saying it may have been created', async () => {
		nock(BASE).post(CONTACTS).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		answer('post', CONTACTS, 422, taken('email'));
		answer('post', FILTER, 200, { payload: [JANE] });
		answer('patch', `${CONTACTS}/12`, 200, { payload: JANE });
		const result = await upsert({ email: 'jane@x.com' });
		expect(result.items?.[0].json).toMatchObject({
			action: 'updated',
			matchedBy: 'email',
			recovered: { note: expect.stringMatching(/lost its answer \(the repeat was refused as taken\); the contact may have been created/) },
		});
	});

	test('a create that stays lost with nobody found afterwards may have created the contact', async () => {
		for (let attempt = 0; attempt < 2; attempt++) {
			nock(BASE).post(CONTACTS).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		}
		answer('post', FILTER, 200, { payload: [] });
		const result = await upsert({ email: 'jane@x.com', options: { maxRetries: 1 } });
		expect(result.error?.message).toMatch(/the contact may have been created/);
		expect(result.error?.description).toMatch(/^Cause: ECONNRESET\. No contact with this email was found afterwards/);
	});

	test('a link without Source ID whose answer was lost is checked by reading the contact, not sent twice', async () => {
		const unlinked = { ...JANE, contact_inboxes: [] };
		answer('post', CONTACTS, 422, taken('email'));
		answer('post', FILTER, 200, { payload: [unlinked] });
		answer('patch', `${CONTACTS}/12`, 200, { payload: unlinked });
		nock(BASE).post(`${CONTACTS}/12/contact_inboxes`).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		answer('get', `${CONTACTS}/12`, 200, { payload: { ...JANE, contact_inboxes: [link(API_INBOX, 'made')] } });
		const result = await upsert({ email: 'jane@x.com' });
		expect(result.items?.[0].json.contactInbox).toEqual(link(API_INBOX, 'made'));
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('Contact → Create or Update: items of one run', () => {
	test('items sharing a key run one after the other even with 20 in flight: the later ones update what the first created', async () => {
		answer('post', CONTACTS, 200, { payload: { contact: { id: 70, email: 'dup@x.com', contact_inboxes: [link(API_INBOX, 'u70')] }, contact_inbox: { source_id: 'u70' } } });
		for (let item = 1; item < 3; item++) {
			answer('post', CONTACTS, 422, taken('email'));
			answer('post', FILTER, 200, { payload: [{ id: 70, email: 'dup@x.com', contact_inboxes: [link(API_INBOX, 'u70')] }] });
			answer('patch', `${CONTACTS}/70`, 200, { payload: { id: 70, email: 'dup@x.com', contact_inboxes: [link(API_INBOX, 'u70')] } });
		}
		const items = ['DUP@x.com', 'dup@x.com', 'Dup@X.com'].map((email, index) => ({ json: { email, name: `n${index}` } }));
		const result = await upsert({ email: '={{ $json.email }}', name: '={{ $json.name }}', options: { requestsInFlight: 20 } }, items);
		expect(result.error).toBeUndefined();
		expect(recorded.map((request) => `${requestLine(request)} ${(request.body as IDataObject).name ?? ''}`.trim())).toEqual([
			`POST ${CONTACTS} n0`,
			`POST ${CONTACTS} n1`,
			`POST ${FILTER}`,
			`PATCH ${CONTACTS}/70 n1`,
			`POST ${CONTACTS} n2`,
			`POST ${FILTER}`,
			`PATCH ${CONTACTS}/70 n2`,
		]);
		expect(result.items?.map((item) => item.json.action)).toEqual(['created', 'updated', 'updated']);
	});

	test('Continue On Fail: every output paired with its input, errors in between', async () => {
		answer('post', CONTACTS, 200, { payload: { contact: { id: 1 }, contact_inbox: { source_id: null } } });
		answer('post', CONTACTS, 200, { payload: { contact: { id: 2 }, contact_inbox: { source_id: null } } });
		const items = [{ json: { email: 'a@x.com' } }, { json: { email: '' } }, { json: { email: 'b@x.com' } }];
		const result = await upsert({ email: '={{ $json.email }}', options: { requestsInFlight: 1 } }, items, true);
		expect(result.items?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items?.map((item) => item.json.action ?? item.json.error)).toEqual([
			'created',
			'None of the Match On keys is set on this item (Email, Phone Number, Identifier)',
			'created',
		]);
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});
});
