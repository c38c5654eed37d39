import nock from 'nock';
import { loadChatwootMappingFields, loadChatwootOptions, searchChatwootList } from '../../harness/engine';
import { TOKEN } from '../../harness/fixtures';

const BASE = 'https://chat.example.com';
const credentials = { baseUrl: `${BASE}/`, accessToken: TOKEN };
const locator = (mode: string, value: string | number) => ({ __rl: true, mode, value });

afterEach(() => nock.cleanAll());

const PROFILE = {
	id: 7,
	access_token: TOKEN,
	accounts: [
		{ id: 1, name: 'Acme Support', status: 'active', role: 'administrator' },
		{ id: 3, name: 'Old Shop', status: 'suspended', role: 'agent' },
	],
};

describe('Account → From List (searchAccounts)', () => {
	test("lists the accounts of the token's user from /api/v1/profile, with any non-active status and a link to each", async () => {
		nock(BASE).get('/api/v1/profile').matchHeader('api-access-token', TOKEN).reply(200, PROFILE);
		expect(await searchChatwootList('searchAccounts', {}, credentials)).toEqual({
			results: [
				{ name: 'Acme Support (#1)', value: 1, description: 'Role: administrator', url: `${BASE}/app/accounts/1/dashboard` },
				{ name: 'Old Shop (#3, suspended)', value: 3, description: 'Role: agent', url: `${BASE}/app/accounts/3/dashboard` },
			],
		});
	});

	test.each([
		['part of a name, any case', 'shop', [3]],
		['an ID', '1', [1]],
		['an ID with #', '#3', [3]],
		['nothing', '   ', [1, 3]],
		['no match', 'zzz', []],
	])('the search box filters by %s', async (_label, filter, ids) => {
		nock(BASE).get('/api/v1/profile').reply(200, PROFILE);
		const { results } = await searchChatwootList('searchAccounts', {}, credentials, filter);
		expect(results.map((result) => result.value)).toEqual(ids);
	});

	test("a rejected token is reported in Chatwoot's words without the token", async () => {
		nock(BASE).get('/api/v1/profile').reply(401, { error: 'Invalid Access Token' });
		const failure = searchChatwootList('searchAccounts', {}, credentials);
		await expect(failure).rejects.toThrow('Invalid Access Token');
		await failure.catch((error) => expect(JSON.stringify(error)).not.toContain(TOKEN));
	});
});

const INBOXES = [
	{ id: 1, name: 'API inbox', channel_type: 'Channel::Api' },
	{ id: 2, name: 'Website', channel_type: 'Channel::WebWidget' },
	{ id: 9, name: 'Facebook page', channel_type: 'Channel::FacebookPage' },
	{ id: 3, name: 'Support mail', channel_type: 'Channel::Email' },
	{ id: 4, name: 'WhatsApp', channel_type: 'Channel::Whatsapp' },
	{ id: 6, name: 'Twilio', channel_type: 'Channel::TwilioSms', medium: 'sms' },
	{ id: 7, name: 'Twilio WA', channel_type: 'Channel::TwilioSms', medium: 'whatsapp' },
	{ id: 15, name: 'Brand new', channel_type: 'Channel::Future' },
];

describe('Inbox → From List (searchInboxes)', () => {
	const inboxUrl = (id: number) => `${BASE}/app/accounts/3/settings/inboxes/${id}`;

	test("lists the chosen account's inboxes with their channel; those that cannot take API contacts come last, saying so", async () => {
		nock(BASE).get('/api/v1/accounts/3/inboxes').reply(200, { payload: INBOXES });
		expect(await searchChatwootList('searchInboxes', { accountId: locator('list', 3) }, credentials)).toEqual({
			results: [
				{ name: 'API inbox (API, #1)', value: 1, description: 'Any contact', url: inboxUrl(1) },
				{ name: 'Website (Website, #2)', value: 2, description: 'Any contact', url: inboxUrl(2) },
				{ name: 'Support mail (Email, #3)', value: 3, description: 'Needs the contact to have an email', url: inboxUrl(3) },
				{ name: 'WhatsApp (WhatsApp, #4)', value: 4, description: 'Needs the contact to have a phone number', url: inboxUrl(4) },
				{ name: 'Twilio (Twilio SMS, #6)', value: 6, description: 'Needs the contact to have a phone number', url: inboxUrl(6) },
				{ name: 'Twilio WA (Twilio WhatsApp, #7)', value: 7, description: 'Needs the contact to have a phone number', url: inboxUrl(7) },
				{ name: 'Facebook page (Facebook, #9): cannot take API contacts', value: 9, url: inboxUrl(9) },
				{ name: 'Brand new (Future, #15): cannot take API contacts', value: 15, url: inboxUrl(15) },
			],
		});
	});

	test.each([
		['from the list', locator('list', 3)],
		['by URL', locator('url', 'https://chat.example.com/app/accounts/3/contacts?page=2')],
		['by ID', locator('id', ' 3 ')],
		['as a bare ID saved before Account was a locator', 3],
		['as a bare ID in text', '3'],
	])('follows the account given %s', async (_label, accountId) => {
		const scope = nock(BASE).get('/api/v1/accounts/3/inboxes').reply(200, { payload: INBOXES.slice(0, 1) });
		const { results } = await searchChatwootList('searchInboxes', { accountId }, credentials);
		expect(results.map((result) => result.value)).toEqual([1]);
		expect(scope.isDone()).toBe(true);
	});

	test('filters by name or ID', async () => {
		nock(BASE).get('/api/v1/accounts/3/inboxes').times(2).reply(200, { payload: INBOXES });
		const byName = await searchChatwootList('searchInboxes', { accountId: locator('list', 3) }, credentials, 'twilio');
		expect(byName.results.map((result) => result.value)).toEqual([6, 7]);
		const byId = await searchChatwootList('searchInboxes', { accountId: locator('list', 3) }, credentials, '9');
		expect(byId.results.map((result) => result.value)).toEqual([9]);
	});

	test.each([
		['no account yet', {}],
		['an empty list choice', { accountId: locator('list', '') }],
		['a URL that is not a Chatwoot address', { accountId: locator('url', 'https://example.com/') }],
		['an ID that would change the path', { accountId: locator('id', '1/../2') }],
		['a bare bad ID', { accountId: '1/../2' }],
	])('with %s the list is empty, with no error and no request', async (_label, parameters) => {
		nock.disableNetConnect();
		try {
			expect(await searchChatwootList('searchInboxes', parameters, credentials)).toEqual({ results: [] });
		} finally {
			nock.enableNetConnect();
		}
	});

	test("a non-member account gives Chatwoot's message", async () => {
		nock(BASE).get('/api/v1/accounts/2/inboxes').reply(401, { error: 'You are not authorized to access this account' });
		await expect(searchChatwootList('searchInboxes', { accountId: locator('list', 2) }, credentials)).rejects.toThrow(
			'You are not authorized to access this account',
		);
	});
});

describe('the lists that depend on the account read the locator too', () => {
	test.each([
		['a locator', locator('url', 'https://chat.example.com/app/accounts/3/dashboard')],
		['a bare ID', 3],
	])('Labels and the custom attributes mapper with %s', async (_label, accountId) => {
		nock(BASE)
			.get('/api/v1/accounts/3/labels')
			.reply(200, { payload: [{ id: 1, title: 'vip', description: 'Very important' }] })
			.get('/api/v1/accounts/3/custom_attribute_definitions')
			.query(true)
			.reply(200, [{ attribute_key: 'plan', attribute_display_name: 'Plan', attribute_display_type: 'text', attribute_model: 'contact_attribute' }]);
		const parameters = { resource: 'contact', operation: 'create', accountId };
		expect(await loadChatwootOptions('getLabels', parameters, credentials)).toEqual([{ name: 'vip', value: 'vip', description: 'Very important' }]);
		const { fields } = await loadChatwootMappingFields('getContactAttributeFields', parameters, credentials);
		expect(fields.map((field) => field.id)).toEqual(['plan']);
	});

	test('Labels asks for an account first while none is chosen', async () => {
		await expect(loadChatwootOptions('getLabels', { accountId: locator('list', '') }, credentials)).rejects.toThrow('Choose an Account first');
	});
});
