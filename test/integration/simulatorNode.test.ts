/**
 * The node run by n8n's engine against the Chatwoot simulator over real HTTP on loopback (no nock):
 * what the server stores and answers is what a real Chatwoot would.
 */
import { createHash } from 'node:crypto';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { SEED } from '../simulator';
import { runChatwootNode, searchChatwootList, testChatwootCredential } from '../harness/engine';
import { awayFromWindowEdge, createInSimulator, RATE_LIMIT_WINDOW_MS, useSimulator } from '../harness/simulator';
import { binaryItem, PNG_1x1 } from '../harness/fixtures';

const simulator = useSimulator();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const admin = () => ({ baseUrl: `${simulator().url}/app/accounts/1/dashboard`, accessToken: SEED.tokens.admin });

function create(parameters: INodeParameters, items?: INodeExecutionData[], options: { token?: string; continueOnFail?: boolean } = {}) {
	return runChatwootNode({
		credentials: { ...admin(), accessToken: options.token ?? SEED.tokens.admin },
		continueOnFail: options.continueOnFail,
		items,
		parameters: createInSimulator({ options: { maxRetries: 0 }, ...parameters }),
	});
}

describe('creating contacts in the simulator', () => {
	test('every field as JSON: stored as Chatwoot stores it, and the output is the server response', async () => {
		const result = await create({
			name: 'Alice Example',
			email: 'Alice@Acme.inc',
			phoneNumber: '+14155550123',
			avatarSource: 'url',
			avatarUrl: 'https://cdn.example.com/alice.png',
			additionalFields: {
				identifier: 'crm-42',
				blocked: true,
				additionalAttributes: '{"company_name":"Acme","city":"Berlin"}',
				customAttributes: '{"plan":"pro","seats":5}',
			},
		});
		expect(result.error).toBeUndefined();
		const [stored] = simulator().contacts(SEED.accounts.main);
		expect(stored).toMatchObject({
			name: 'Alice Example',
			email: 'alice@acme.inc',
			phone_number: '+14155550123',
			identifier: 'crm-42',
			blocked: true,
			additional_attributes: { company_name: 'Acme', city: 'Berlin' },
			custom_attributes: { plan: 'pro', seats: 5 },
			avatar_url_requested: 'https://cdn.example.com/alice.png',
		});
		expect(stored.contact_inboxes).toEqual([{ inbox_id: SEED.inboxes.api, source_id: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
		const output = result.items?.[0].json as { payload: { contact: Record<string, unknown>; contact_inbox: { source_id: string } } };
		expect(output.payload.contact).toMatchObject({ id: stored.id, email: 'alice@acme.inc', thumbnail: '' });
		expect(output.payload.contact_inbox.source_id).toBe(stored.contact_inboxes[0].source_id);
		expect(result.items?.[0].pairedItem).toEqual({ item: 0 });
	});

	test('a binary avatar arrives byte for byte, with the attributes as form text', async () => {
		const result = await create(
			{
				name: 'Bob',
				email: 'bob@acme.inc',
				avatarSource: 'binary',
				binaryPropertyName: 'data',
				additionalFields: {
					additionalAttributes: '{"social_profiles":{"twitter":"bob"},"tags":["a","b"]}',
					customAttributes: '{"plan":"pro","seats":5,"vip":true}',
				},
			},
			[binaryItem(PNG_1x1, 'image/png', 'bob.png')],
		);
		expect(result.error).toBeUndefined();
		const [stored] = simulator().contacts(SEED.accounts.main);
		expect(stored.avatar).toEqual({ filename: 'bob.png', contentType: 'image/png', size: PNG_1x1.length, sha256: sha256(PNG_1x1) });
		expect(stored.additional_attributes).toEqual({ social_profiles: { twitter: 'bob' }, tags: ['a', 'b'] });
		expect(stored.custom_attributes).toEqual({ plan: 'pro', seats: '5', vip: 'true' });
		const thumbnail = (result.items?.[0].json as { payload: { contact: { thumbnail: string } } }).payload.contact.thumbnail;
		const served = Buffer.from(await (await fetch(thumbnail)).arrayBuffer());
		expect(served.equals(PNG_1x1)).toBe(true);
		expect(simulator().requests().at(-1)?.contentType).toMatch(/^multipart\/form-data; boundary=/);
	});

	test('Output: The Contact gives the stored contact at the top level, locators given by URL', async () => {
		const accountId = { __rl: true, mode: 'url', value: `${simulator().url}/app/accounts/${SEED.accounts.main}/dashboard` };
		const inboxId = { __rl: true, mode: 'url', value: `${simulator().url}/app/accounts/${SEED.accounts.main}/settings/inboxes/${SEED.inboxes.api}` };
		const result = await create({ accountId, inboxId, name: 'Top Level', labels: [], output: 'contact' });
		expect(result.error).toBeUndefined();
		const [stored] = simulator().contacts(SEED.accounts.main);
		expect(result.items?.[0].json).toMatchObject({ id: stored.id, name: 'Top Level' });
		expect(result.items?.[0].json.payload).toBeUndefined();
	});

	test('unset fields are not sent, so an empty identifier never reaches the unique index', async () => {
		for (const name of ['First', 'Second']) {
			const result = await create({ name, additionalFields: { identifier: '', blocked: undefined } });
			expect(result.error).toBeUndefined();
		}
		expect(simulator().requests().map((request) => request.params)).toEqual([
			{ inbox_id: SEED.inboxes.api, name: 'First' },
			{ inbox_id: SEED.inboxes.api, name: 'Second' },
		]);
		expect(simulator().contacts(SEED.accounts.main).map((contact) => contact.identifier)).toEqual([null, null]);
	});

	test('derives the source ID a WhatsApp inbox needs from the phone number', async () => {
		await create({ inboxId: SEED.inboxes.whatsapp, phoneNumber: '+14155550123' });
		expect(simulator().contacts(SEED.accounts.main)[0].contact_inboxes).toEqual([{ inbox_id: SEED.inboxes.whatsapp, source_id: '14155550123' }]);
	});
});

describe("the server's own errors, as the node reports them", () => {
	test.each<[string, INodeParameters, string | undefined, RegExp, RegExp]>([
		['invalid token', {}, 'not-a-real-token-at-all1', /^Invalid Access Token$/, /Profile Settings → Access Token/],
		['agent-bot token', {}, SEED.tokens.agentBot, /not authorized for bots/, /agent-bot or platform-app token/],
		['account of which the user is not a member', { accountId: SEED.accounts.other, inboxId: SEED.inboxes.otherAccountApi }, undefined, /You are not authorized to access this account/, /not a member/],
		['suspended account', { accountId: SEED.accounts.suspended }, undefined, /Account is suspended/, /suspended/],
		['account that does not exist', { accountId: 999 }, undefined, /^Resource could not be found/, /inbox must belong/],
		['inbox of another account', { inboxId: SEED.inboxes.otherAccountApi }, undefined, /^Resource could not be found/, /inbox must belong/],
		['invalid phone', { phoneNumber: '4155550123' }, undefined, /^Phone number should be in e164 format/, /E\.164/],
		['invalid email', { email: 'not-an-email' }, undefined, /^Email Invalid email/, /jane@example\.com/],
		['name too long', { name: 'x'.repeat(256) }, undefined, /^Name is too long \(maximum is 255 characters\)/, /255 characters/],
		['email inbox without an email', { inboxId: SEED.inboxes.email, name: 'No mail' }, undefined, /contact email/, /Email inbox/],
		['WhatsApp inbox without a phone', { inboxId: SEED.inboxes.whatsapp, name: 'No phone' }, undefined, /contact phone number/, /WhatsApp or SMS/],
		['bad WhatsApp source ID', { inboxId: SEED.inboxes.whatsapp, phoneNumber: '+14155550123', additionalFields: { sourceId: '+1415' } }, undefined, /Source invalid source id for whatsapp inbox/, /digits only/],
		['Facebook inbox', { inboxId: SEED.inboxes.facebook, name: 'FB' }, undefined, /^Inbox "Facebook Page" is a Facebook inbox, which cannot take contacts created through the API$/, /^HTTP 500\. .*Choose an API, Website, Email, WhatsApp or SMS inbox/],
	])('%s', async (_label, parameters, token, message, description) => {
		const result = await create(parameters, undefined, { token });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(description);
		expect(simulator().contacts()).toHaveLength(0);
	});

	test('duplicates in one account: email case-insensitively, identifier case-sensitively', async () => {
		await create({ email: 'dup@acme.inc', additionalFields: { identifier: 'ID-1' } });
		const email = await create({ email: 'DUP@acme.inc' });
		expect(email.error?.message).toBe('Email has already been taken');
		const identifier = await create({ additionalFields: { identifier: 'ID-1' } });
		expect(identifier.error?.message).toBe('Identifier has already been taken');
		expect((await create({ additionalFields: { identifier: 'id-1' } })).error).toBeUndefined();
	});

	test('rate limited (429 text/plain) past Retry: Max Wait', async () => {
		simulator().setRateLimit({ limit: 1, windowMs: RATE_LIMIT_WINDOW_MS });
		await awayFromWindowEdge();
		await create({ name: 'one' });
		const result = await create({ name: 'two', options: { maxRetryWait: 0 } });
		expect(result.error?.message).toBe('Chatwoot is rate-limiting these requests (429 Retry later)');
	});

	test('a proxy 503 page past Retry: Max Wait', async () => {
		simulator().setFaults({ rate503: 1 });
		const result = await create({ name: 'x', options: { maxRetryWait: 0 } });
		expect(result.error?.message).toMatch(/^Chatwoot answered 503 with an HTML page/);
	});

	test('Continue On Fail: failures in between, every output paired with its input, nothing created for bad input', async () => {
		const items = ['a@x.com', 'broken', 'b@x.com', 'a@x.com', 'c@x.com'].map((email) => ({ json: { email } }));
		const result = await create({ email: '={{ $json.email }}', options: { maxRetries: 0, requestsInFlight: 3 } }, items, { continueOnFail: true });
		expect(result.items?.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(result.items?.map((item) => (item.json.error as string | undefined) ?? 'ok')).toEqual([
			'ok',
			'Email Invalid email',
			'ok',
			'Email has already been taken',
			'ok',
		]);
		expect(simulator().contacts().map((contact) => contact.email).sort()).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
	});
});

describe('editor helpers against the simulator', () => {
	test('Account dropdown lists what the admin can reach', async () => {
		const { results } = await searchChatwootList('searchAccounts', {}, admin());
		expect(results.map((option) => option.value)).toEqual([SEED.accounts.main, SEED.accounts.suspended]);
	});

	test("Inbox dropdown shows an agent only the agent's inboxes", async () => {
		const accountId = { __rl: true, mode: 'list', value: SEED.accounts.main };
		const { results } = await searchChatwootList('searchInboxes', { accountId }, { ...admin(), accessToken: SEED.tokens.agent });
		expect(results.map((option) => option.value).sort()).toEqual([SEED.inboxes.api, SEED.inboxes.email]);
	});

	test('Inbox list: inboxes that cannot take API contacts (Facebook among them) come last, marked as such', async () => {
		const { results } = await searchChatwootList('searchInboxes', { accountId: SEED.accounts.main }, admin());
		const marked = results.map((result) => result.name.endsWith(': cannot take API contacts'));
		expect(marked.indexOf(true)).toBeGreaterThan(0);
		expect(marked.slice(marked.indexOf(true)).every(Boolean)).toBe(true);
		expect(results.find((result) => result.value === SEED.inboxes.facebook)?.name).toMatch(/^Facebook Page \(Facebook, #\d+\): cannot take API contacts$/);
	});

	test('credential test: passes for a user token, fails for a bot token and an unknown one', async () => {
		expect(await testChatwootCredential(admin())).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect((await testChatwootCredential({ ...admin(), accessToken: SEED.tokens.agentBot })).status).toBe('Error');
		expect((await testChatwootCredential({ ...admin(), accessToken: 'unknown-token-000000000' })).message).toMatch(/rejected the token/);
	});
});

describe('requests in flight', () => {
	test('avatar uploads are held to a memory budget whatever the bound: never three 6 MB files in flight at once', async () => {
		simulator().setFaults({ latencyMs: 30 });
		const sixMegabytes = Buffer.concat([PNG_1x1, Buffer.alloc(6 * 1024 * 1024 - PNG_1x1.length)]);
		const items = Array.from({ length: 12 }, (_, i) => binaryItem(sixMegabytes, 'image/png', `big${i}.png`, { email: `big${i}@x.com` }));
		const result = await create({ email: '={{ $json.email }}', avatarSource: 'binary', binaryPropertyName: 'data', options: { requestsInFlight: 12 } }, items);
		expect(result.error).toBeUndefined();
		expect(simulator().contacts().filter((contact) => contact.avatar?.size === sixMegabytes.length)).toHaveLength(12);
		// 16 MiB of avatar bytes at once: two 6 MiB files.
		expect(simulator().counters().maxInFlight).toBe(2);
	});

	test.each([1, 4])('never more than %d at once, output in input order', async (bound) => {
		simulator().setFaults({ latencyMs: 15 });
		const items = Array.from({ length: 24 }, (_, i) => ({ json: { email: `p${i}@x.com` } }));
		const result = await create({ email: '={{ $json.email }}', options: { requestsInFlight: bound } }, items);
		expect(simulator().counters().maxInFlight).toBe(bound);
		const emails = result.items?.map((item) => (item.json as { payload: { contact: { email: string } } }).payload.contact.email);
		expect(emails).toEqual(items.map((item) => item.json.email));
	});
});
