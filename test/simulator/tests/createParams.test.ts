import { call, CONTACTS, createContact } from './client';
import { SEED } from '../index';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();

describe('permitted parameters', () => {
	it('an empty JSON body creates a blank contact', async () => {
		const response = await createContact(sim(), {});
		expect(response.status).toBe(200);
		expect(response.json.payload.contact).toMatchObject({
			name: '',
			email: null,
			phone_number: null,
			identifier: null,
			blocked: false,
			additional_attributes: {},
			custom_attributes: {},
		});
		expect(response.json.payload.contact_inbox).toEqual({ inbox: null, source_id: null });
	});

	it('unknown keys are dropped silently and a {"contact":{...}} wrapper is ignored', async () => {
		const response = await createContact(sim(), { contact: { name: 'Wrapped' }, labels: ['vip'], contact_type: 'lead' });
		expect(response.status).toBe(200);
		expect(response.json.payload.contact.name).toBe('');
		expect(Object.keys(response.json.payload.contact)).not.toContain('labels');
	});

	it('a body with another content type is not parsed: a blank contact is still created', async () => {
		const response = await call(sim(), 'POST', CONTACTS, { body: 'name=Plain', headers: { 'content-type': 'text/plain' } });
		expect(response.status).toBe(200);
		expect(response.json.payload.contact.name).toBe('');
	});

	it('form-encoded body with custom_attributes[...] brackets', async () => {
		const body = new URLSearchParams({ name: 'test', 'custom_attributes[test]': 'test', 'custom_attributes[test1]': 'test1' });
		const response = await call(sim(), 'POST', CONTACTS, { body });
		expect(response.status).toBe(200);
		expect(response.json.payload.contact.custom_attributes).toEqual({ test: 'test', test1: 'test1' });
		expect(sim().contacts()).toHaveLength(1);
	});

	it('multipart fields nest Rails bracket keys and arrive as strings', async () => {
		const form = new FormData();
		form.append('name', 'Multi');
		form.append('blocked', 'true');
		form.append('custom_attributes[seats]', '5');
		form.append('additional_attributes[social_profiles][twitter]', 'multi');
		form.append('custom_attributes[tags][]', 'a');
		form.append('custom_attributes[tags][]', 'b');
		const response = await call(sim(), 'POST', CONTACTS, { body: form });
		expect(response.status).toBe(200);
		expect(response.json.payload.contact).toMatchObject({
			name: 'Multi',
			blocked: true,
			custom_attributes: { seats: '5', tags: ['a', 'b'] },
			additional_attributes: { social_profiles: { twitter: 'multi' } },
		});
	});

	it('JSON attribute hashes keep their JSON types, nested hashes and arrays', async () => {
		const custom = { plan: 'pro', seats: 5, trial: false, tags: ['a', 'b'], nested: { x: 1 } };
		const response = await createContact(sim(), { custom_attributes: custom });
		expect(response.json.payload.contact.custom_attributes).toEqual(custom);
	});

	it('an array directly inside an array is dropped by strong parameters; hashes in arrays stay', async () => {
		const response = await createContact(sim(), { custom_attributes: { grid: [[1, 2], 3, { a: [4] }] } });
		expect(response.json.payload.contact.custom_attributes).toEqual({ grid: [3, { a: [4] }] });
	});

	it('non-hash attribute values are dropped (stored as {})', async () => {
		const response = await createContact(sim(), { custom_attributes: 'x', additional_attributes: ['a'] });
		expect(response.status).toBe(200);
		expect(response.json.payload.contact.custom_attributes).toEqual({});
		expect(response.json.payload.contact.additional_attributes).toEqual({});
	});

	it('name: null is stored as null', async () => {
		const response = await createContact(sim(), { name: null });
		expect(response.json.payload.contact.name).toBeNull();
	});

	it('a JSON number phone is cast to a string and then fails the e164 regex', async () => {
		const response = await createContact(sim(), { phone_number: 14155550123 });
		expect(response.status).toBe(422);
		expect(response.json).toEqual({ message: 'Phone number should be in e164 format', attributes: ['phone_number'] });
	});

	it('query string parameters are part of params, the body wins on conflicts', async () => {
		const response = await call(sim(), 'POST', `${CONTACTS}?name=FromQuery&identifier=q-1`, { json: { name: 'FromBody' } });
		expect(response.json.payload.contact).toMatchObject({ name: 'FromBody', identifier: 'q-1' });
	});

	it.each([
		[true, true],
		['true', true],
		['1', true],
		[false, false],
		['false', false],
		['0', false],
	])('blocked %p is cast to %p', async (sent, stored) => {
		const response = await createContact(sim(), { blocked: sent });
		expect(response.json.payload.contact.blocked).toBe(stored);
	});

	it('blocked: null (JSON) or "" (form) violates NOT NULL: 500 and nothing stored', async () => {
		const json = await createContact(sim(), { blocked: null });
		const form = await call(sim(), 'POST', CONTACTS, { body: new URLSearchParams({ blocked: '' }) });
		for (const response of [json, form]) {
			expect(response.status).toBe(500);
			expect(response.json).toEqual({ status: 500, error: 'Internal Server Error' });
		}
		expect(sim().contacts()).toHaveLength(0);
	});

	it('identifier "" skips validation but the second one collides on the unique index: 500', async () => {
		expect((await createContact(sim(), { identifier: '' })).status).toBe(200);
		const second = await createContact(sim(), { identifier: '' });
		expect(second.status).toBe(500);
		expect(second.json).toEqual({ status: 500, error: 'Internal Server Error' });
		expect(sim().contacts()).toHaveLength(1);
	});

	it('phone_number "" is kept as "" (not converted to nil)', async () => {
		const response = await createContact(sim(), { phone_number: '' });
		expect(response.status).toBe(200);
		expect(response.json.payload.contact.phone_number).toBe('');
	});

	it('malformed JSON is 400 Bad Request before authentication', async () => {
		const response = await call(sim(), 'POST', CONTACTS, {
			token: null,
			body: '{"name":',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
		});
		expect(response.status).toBe(400);
		expect(response.json).toEqual({ status: 400, error: 'Bad Request' });
		expect(sim().contacts()).toHaveLength(0);
	});

	it('malformed JSON without Accept: application/json gets an empty HTML 400', async () => {
		const response = await call(sim(), 'POST', CONTACTS, { body: '{oops', headers: { 'content-type': 'application/json' } });
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toContain('text/html');
		expect(response.text).toBe('');
	});

	it('the created contact is stored in the right account with its fields', async () => {
		await createContact(sim(), { name: 'Stored', email: 'S@x.io', custom_attributes: { a: 1 } });
		expect(sim().contacts(SEED.accounts.main)).toEqual([
			expect.objectContaining({ accountId: 1, name: 'Stored', email: 's@x.io', custom_attributes: { a: 1 }, contact_inboxes: [] }),
		]);
		expect(sim().contacts(SEED.accounts.other)).toEqual([]);
	});

	it('Rack nesting: key[][field] builds an array of hashes, repeated plain keys keep the last value', async () => {
		await call(sim(), 'POST', CONTACTS, {
			body: 'name=first&name=last&custom_attributes[items][][sku]=a&custom_attributes[items][][qty]=1&custom_attributes[items][][sku]=b',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(sim().contacts()[0]).toMatchObject({
			name: 'last',
			custom_attributes: { items: [{ sku: 'a', qty: '1' }, { sku: 'b' }] },
		});
	});

	it('conflicting parameter shapes (a=1&a[b]=2) are a 400 like Rack::QueryParser::ParameterTypeError', async () => {
		const response = await call(sim(), 'POST', CONTACTS, {
			body: 'custom_attributes=1&custom_attributes[b]=2',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		});
		expect(response.status).toBe(400);
		expect(sim().contacts()).toHaveLength(0);
	});
});
