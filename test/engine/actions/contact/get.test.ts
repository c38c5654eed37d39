import nock from 'nock';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { useNock } from '../../../harness/nock';
import { runChatwootNode } from '../../../harness/engine';
import { TOKEN } from '../../../harness/fixtures';

const BASE = 'https://chat.example.com';
const credentials = { baseUrl: BASE, accessToken: TOKEN };
const CONTACTS = '/api/v1/accounts/1/contacts';
const JANE = { id: 12, name: 'Jane', email: 'jane@x.com', phone_number: '+14155550123', identifier: 'crm-A', contact_inboxes: [] };

let filterBodies: unknown[];
const { unmatched } = useNock();

beforeEach(() => {
	filterBodies = [];
});

function filterAnswers(status: number, body: nock.Body) {
	nock(BASE)
		.post(`${CONTACTS}/filter`, (sent) => {
			filterBodies.push(sent);
			return true;
		})
		.reply(status, body);
}

function get(parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) {
	return runChatwootNode({
		credentials,
		continueOnFail,
		items,
		parameters: { resource: 'contact', operation: 'get', accountId: 1, options: { maxRetries: 0 }, ...parameters },
	});
}

describe('Contact → Get by ID', () => {
	test('outputs the contact itself', async () => {
		nock(BASE).get(`${CONTACTS}/12`).reply(200, { payload: JANE });
		const result = await get({ getBy: 'id', contactId: '12' });
		expect(result.items).toEqual([{ json: JANE, pairedItem: { item: 0 } }]);
	});

	test('an unknown ID fails with "Contact not found" by default', async () => {
		nock(BASE).get(`${CONTACTS}/99`).reply(404, { error: 'Resource could not be found' });
		const result = await get({ getBy: 'id', contactId: 99 });
		expect(result.error?.message).toBe('Contact not found');
		expect(result.error?.description).toMatch(/^No contact in this account has the ID 99\. Turn on "Return Empty Item If Not Found"/);
	});

	test('with Return Empty Item If Not Found, an unknown ID gives an empty item paired with its input', async () => {
		nock(BASE).get(`${CONTACTS}/99`).reply(404, { error: 'Resource could not be found' });
		nock(BASE).get(`${CONTACTS}/12`).reply(200, { payload: JANE });
		const result = await get({ getBy: 'id', contactId: '={{ $json.id }}', returnEmpty: true, options: { requestsInFlight: 1 } }, [
			{ json: { id: 99 } },
			{ json: { id: 12 } },
		]);
		expect(result.items).toEqual([
			{ json: {}, pairedItem: { item: 0 } },
			{ json: JANE, pairedItem: { item: 1 } },
		]);
	});

	test.each(['abc', '12/../13', '0'])('refuses the contact ID %j before any request', async (contactId) => {
		const result = await get({ getBy: 'id', contactId });
		expect(result.error?.message).toBe('Contact ID must be a positive whole number');
		expect(unmatched()).toBe(0);
	});

	test("Chatwoot's other errors stay errors, even with Return Empty Item If Not Found", async () => {
		nock(BASE).get(`${CONTACTS}/12`).reply(401, { error: 'Invalid Access Token' });
		const result = await get({ getBy: 'id', contactId: 12, returnEmpty: true });
		expect(result.error?.message).toBe('Invalid Access Token');
	});
});

describe('Contact → Get by a unique key', () => {
	test.each<[string, INodeParameters, string, string]>([
		['email, ignoring case', { getBy: 'email', email: 'JANE@X.com' }, 'email', 'JANE@X.com'],
		['phone number', { getBy: 'phone_number', phoneNumber: '+14155550123' }, 'phone_number', '+14155550123'],
		['identifier', { getBy: 'identifier', identifier: 'crm-A' }, 'identifier', 'crm-A'],
	])('%s: one exact filter request', async (_label, parameters, key, value) => {
		filterAnswers(200, { meta: { count: 1 }, payload: [JANE] });
		const result = await get(parameters);
		expect(filterBodies).toEqual([{ payload: [{ attribute_key: key, filter_operator: 'equal_to', values: [value], query_operator: null }] }]);
		expect(result.items).toEqual([{ json: JANE, pairedItem: { item: 0 } }]);
	});

	test('an identifier differing only in case is not the contact', async () => {
		filterAnswers(200, { meta: { count: 1 }, payload: [JANE] });
		const result = await get({ getBy: 'identifier', identifier: 'CRM-a' });
		expect(result.error?.message).toBe('Contact not found');
		expect(result.error?.description).toMatch(/has the Identifier "CRM-a"/);
	});

	test('reads further pages when case variants of an identifier fill the first', async () => {
		const variants = Array.from({ length: 15 }, (_, index) => ({ id: 100 + index, identifier: `CRM-${index}`.replace(/\d+$/, 'a') }));
		filterAnswers(200, { meta: { count: 16, current_page: 1 }, payload: variants });
		nock(BASE).post(`${CONTACTS}/filter`).query({ page: 2 }).reply(200, { meta: { count: 16, current_page: '2' }, payload: [JANE] });
		const result = await get({ getBy: 'identifier', identifier: 'crm-A' });
		expect(result.items?.[0].json).toEqual(JANE);
	});

	test('not found: an empty item when asked for one', async () => {
		filterAnswers(200, { meta: { count: 0 }, payload: [] });
		const result = await get({ getBy: 'email', email: 'nobody@x.com', returnEmpty: true });
		expect(result.items).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
	});

	test('not found: an error by default, and with Continue On Fail an error item paired with its input', async () => {
		filterAnswers(200, { meta: { count: 0 }, payload: [] });
		const result = await get({ getBy: 'email', email: 'nobody@x.com' }, undefined, true);
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ error: 'Contact not found', itemIndex: 0 }), pairedItem: { item: 0 } },
		]);
	});

	test.each<[string, INodeParameters, RegExp]>([
		['an empty email', { getBy: 'email', email: ' ' }, /^Email is empty$/],
		['a phone number not in E.164', { getBy: 'phone_number', phoneNumber: '0041 79 123 45 67' }, /^Phone Number must be in E.164 format/],
	])('refuses %s before any request', async (_label, parameters, message) => {
		const result = await get(parameters);
		expect(result.error?.message).toMatch(message);
		expect(unmatched()).toBe(0);
	});

	test('a failing filter is an error, never "not found"', async () => {
		filterAnswers(401, { error: 'You are not authorized to access this account' });
		const result = await get({ getBy: 'email', email: 'jane@x.com', returnEmpty: true });
		expect(result.error?.message).toBe('You are not authorized to access this account');
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});
});
