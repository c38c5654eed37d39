import nock from 'nock';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { useNock } from '../../../harness/nock';
import { capturedLogs, runChatwootNode } from '../../../harness/engine';
import { binaryItem, GIF_1x1, PNG_1x1, TOKEN } from '../../../harness/fixtures';

const BASE = 'https://chat.example.com';
const credentials = { baseUrl: `${BASE}/app/accounts/1/dashboard`, accessToken: TOKEN };
const CONTACT_RESPONSE = { payload: { contact: { id: 42, name: 'Jane' }, contact_inbox: { inbox: null, source_id: null } } };

interface Captured {
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

let captured: Captured[];
const { unmatched } = useNock();

beforeEach(() => {
	captured = [];
});

/** Answers POST /contacts with the given replies in turn, recording each request as sent. */
function chatwoot(...replies: Array<[number, unknown, Record<string, string>?]>) {
	const scope = nock(BASE);
	for (const [status, body, headers] of replies) {
		scope
			.post(/\/api\/v1\/accounts\/\d+\/contacts$/)
			.reply(function (uri, requestBody) {
				const raw = typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody);
				captured.push({ path: uri, headers: this.req.headers, body: Buffer.from(raw, /^[0-9a-f]+$/i.test(raw) && raw.length % 2 === 0 && !raw.startsWith('{') ? 'hex' : 'utf8') });
				return [status, typeof body === 'string' ? body : JSON.stringify(body), { 'Content-Type': 'application/json; charset=utf-8', ...headers }];
			});
	}
	return scope;
}

const networkError = (code: string, message: string) => Object.assign(new Error(message), { code });

const jsonBody = (index = 0) => JSON.parse(captured[index].body.toString('utf8'));

function create(parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) {
	return runChatwootNode({
		credentials,
		continueOnFail,
		items,
		parameters: { resource: 'contact', operation: 'create', accountId: 1, inboxId: 3, ...parameters },
	});
}

const FAST_RETRIES = { options: { initialRetryDelay: 1, maxRetryDelay: 5 } };

describe('Contact → Create: the JSON request', () => {
	test('maps every field to its Chatwoot parameter, sends the token header, and returns the response body', async () => {
		chatwoot([200, CONTACT_RESPONSE]);
		const result = await create({
			accountId: '7',
			inboxId: '3',
			name: 'Jane Doe',
			email: 'Jane@Example.com',
			phoneNumber: '+14155550123',
			avatarSource: 'url',
			avatarUrl: 'https://cdn.example.com/jane.png',
			additionalFields: {
				identifier: 'crm-42',
				blocked: true,
				sourceId: 'src-1',
				additionalAttributes: '{"company_name":"Acme","social_profiles":{"twitter":"jane"}}',
				customAttributes: '{"plan":"pro","seats":5,"tags":["a"]}',
			},
		});
		expect(result.error).toBeUndefined();
		expect(captured).toHaveLength(1);
		expect(captured[0].path).toBe('/api/v1/accounts/7/contacts');
		expect(captured[0].headers['api-access-token']).toBe(TOKEN);
		expect(captured[0].headers['api_access_token']).toBeUndefined();
		expect(captured[0].headers['content-type']).toMatch(/^application\/json/);
		expect(jsonBody()).toEqual({
			inbox_id: 3,
			name: 'Jane Doe',
			email: 'Jane@Example.com',
			phone_number: '+14155550123',
			identifier: 'crm-42',
			source_id: 'src-1',
			blocked: true,
			avatar_url: 'https://cdn.example.com/jane.png',
			additional_attributes: { company_name: 'Acme', social_profiles: { twitter: 'jane' } },
			custom_attributes: { plan: 'pro', seats: 5, tags: ['a'] },
		});
		expect(result.items).toEqual([{ json: CONTACT_RESPONSE, pairedItem: { item: 0 } }]);
	});

	test('sends only what was set: no empty strings, no unset blocked, no attributes', async () => {
		chatwoot([200, CONTACT_RESPONSE]);
		await create({ name: '', email: '  ', phoneNumber: '', additionalFields: { identifier: '', sourceId: ' ' } });
		expect(jsonBody()).toEqual({ inbox_id: 3 });
	});

	test('sends blocked: false when it was set to false', async () => {
		chatwoot([200, CONTACT_RESPONSE]);
		await create({ additionalFields: { blocked: false } });
		expect(jsonBody()).toEqual({ inbox_id: 3, blocked: false });
	});

	test('resolves expressions per item, including attributes built by an expression', async () => {
		chatwoot([200, CONTACT_RESPONSE], [200, CONTACT_RESPONSE]);
		const result = await create(
			{
				name: '={{ $json.first + " " + $json.last }}',
				email: '={{ $json.mail.toLowerCase() }}',
				additionalFields: { customAttributes: '={{ { plan: $json.plan, seats: $json.seats } }}' },
			},
			[
				{ json: { first: 'Ann', last: 'Lee', mail: 'ANN@X.COM', plan: 'pro', seats: 3 } },
				{ json: { first: 'Bo', last: 'Yu', mail: 'BO@X.COM', plan: 'free', seats: 1 } },
			],
		);
		expect(result.items).toHaveLength(2);
		const bodies = [jsonBody(0), jsonBody(1)].sort((a, b) => a.name.localeCompare(b.name));
		expect(bodies).toEqual([
			{ inbox_id: 3, name: 'Ann Lee', email: 'ann@x.com', custom_attributes: { plan: 'pro', seats: 3 } },
			{ inbox_id: 3, name: 'Bo Yu', email: 'bo@x.com', custom_attributes: { plan: 'free', seats: 1 } },
		]);
	});

	test('keeps a sub-path of the base URL', async () => {
		nock('https://example.com').post('/chatwoot/api/v1/accounts/1/contacts').reply(200, CONTACT_RESPONSE);
		const result = await runChatwootNode({
			credentials: { baseUrl: 'https://example.com/chatwoot/api/v1/', accessToken: TOKEN },
			parameters: { resource: 'contact', operation: 'create', accountId: 1, inboxId: 3 },
		});
		expect(result.error).toBeUndefined();
		expect(unmatched()).toBe(0);
	});
});

describe('Contact → Create: the avatar file as multipart', () => {
	test('sends one multipart request with every field in Rails bracket form and the file last', async () => {
		chatwoot([200, CONTACT_RESPONSE]);
		const result = await create(
			{
				name: 'Jane',
				email: 'jane@example.com',
				avatarSource: 'binary',
				binaryPropertyName: 'data',
				additionalFields: {
					blocked: false,
					additionalAttributes: '{"social_profiles":{"twitter":"jane"},"tags":["a","b"]}',
					customAttributes: '{"plan":"pro","seats":5}',
				},
			},
			[binaryItem(PNG_1x1, 'application/octet-stream', 'jane.png')],
		);
		expect(result.error).toBeUndefined();
		const contentType = String(captured[0].headers['content-type']);
		const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(contentType)?.[1];
		expect(boundary).toBeDefined();
		const field = (name: string, value: string) =>
			`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
		const expected = Buffer.concat([
			Buffer.from(
				field('inbox_id', '3') +
					field('name', 'Jane') +
					field('email', 'jane@example.com') +
					field('blocked', 'false') +
					field('additional_attributes[social_profiles][twitter]', 'jane') +
					field('additional_attributes[tags][]', 'a') +
					field('additional_attributes[tags][]', 'b') +
					field('custom_attributes[plan]', 'pro') +
					field('custom_attributes[seats]', '5') +
					`--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="jane.png"\r\nContent-Type: image/png\r\n\r\n`,
			),
			PNG_1x1,
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		expect(captured[0].body.equals(expected)).toBe(true);
	});

	test('names a file without a name after its detected type', async () => {
		chatwoot([200, CONTACT_RESPONSE]);
		await create({ avatarSource: 'binary', binaryPropertyName: 'photo' }, [
			{ json: {}, binary: { photo: { data: GIF_1x1.toString('base64'), mimeType: 'image/gif' } } },
		]);
		expect(captured[0].body.toString('latin1')).toContain('name="avatar"; filename="avatar.gif"\r\nContent-Type: image/gif');
	});

	test.each([
		['a text file', Buffer.from('hello'), 'text/plain', /is not a JPEG, PNG or GIF image/, /declared type: text\/plain/],
		['a file declared as PNG that is not one', Buffer.from('<svg/>'), 'image/png', /is not a JPEG, PNG or GIF image/, /checks the bytes/],
		['a file over 15 MB', Buffer.concat([PNG_1x1, Buffer.alloc(15 * 1024 * 1024)]), 'image/png', /is too big/, /at most 15728640 bytes/],
	])('refuses %s before sending anything', async (_label, bytes, mimeType, message, description) => {
		const result = await create({ avatarSource: 'binary', binaryPropertyName: 'data' }, [binaryItem(bytes, mimeType, 'f')]);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).not.toMatch(/\[item/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(result.error?.description).toMatch(description);
		expect(captured).toHaveLength(0);
		expect(unmatched()).toBe(0);
	});

	test('names the missing binary field', async () => {
		const result = await create({ avatarSource: 'binary', binaryPropertyName: 'picture' }, [binaryItem(PNG_1x1, 'image/png')]);
		expect(result.error?.message).toBe('Input Binary Field "picture" is missing on this item');
		expect(captured).toHaveLength(0);
	});

	test('refuses attribute values a form cannot carry instead of dropping them', async () => {
		const result = await create(
			{ avatarSource: 'binary', binaryPropertyName: 'data', additionalFields: { customAttributes: '{"plan":null}' } },
			[binaryItem(PNG_1x1, 'image/png')],
		);
		expect(result.error?.message).toMatch(/Cannot upload the avatar file with these attributes: "custom_attributes.plan" is null/);
		expect(result.error?.description).toMatch(/give the avatar as a URL/);
		expect(captured).toHaveLength(0);
	});
});

describe('Contact → Create: Account and Inbox as locators, and as the bare IDs older workflows saved', () => {
	const rl = (mode: string, value: string | number) => ({ __rl: true, mode, value });

	test.each<[string, unknown, unknown]>([
		['from the list', rl('list', 1), rl('list', 3)],
		['from the list, as text', rl('list', '1'), rl('list', '3')],
		['by URL', rl('url', 'https://chat.example.com/app/accounts/1/dashboard'), rl('url', 'https://chat.example.com/app/accounts/1/settings/inboxes/3')],
		['by URL of the inbox\'s conversations', rl('url', 'https://chat.example.com/app/accounts/1/contacts'), rl('url', 'https://chat.example.com/app/accounts/1/inbox/3')],
		['by ID', rl('id', '1'), rl('id', ' 3 ')],
		['by ID from an expression', rl('id', '={{ $json.account }}'), rl('id', '={{ $json.inbox }}')],
		['as bare numbers (saved before they were locators)', 1, 3],
		['as bare text', '1', '3'],
		['as bare expressions', '={{ $json.account }}', '={{ $json.inbox }}'],
	])('%s', async (_label, accountId, inboxId) => {
		chatwoot([200, CONTACT_RESPONSE]);
		const result = await create({ accountId, inboxId, name: 'Jane' } as INodeParameters, [{ json: { account: 1, inbox: 3 } }]);
		expect(result.error).toBeUndefined();
		expect(captured.map((request) => request.path)).toEqual(['/api/v1/accounts/1/contacts']);
		expect(jsonBody()).toMatchObject({ inbox_id: 3, name: 'Jane' });
	});

	test.each<[string, unknown, RegExp]>([
		['an address that is not an account\'s', { accountId: rl('url', 'https://chat.example.com/app/settings') }, /Not a Chatwoot account address/],
		['an account address for the inbox', { inboxId: rl('url', 'https://chat.example.com/app/accounts/1/dashboard') }, /Not a Chatwoot inbox address/],
		['an empty list choice', { accountId: rl('list', '') }, /Parameter "Account" is required/],
		['an ID that would change the path', { inboxId: rl('id', '3/../4') }, /Not an inbox ID/],
	])('a fixed value that is %s: n8n refuses to run the node, and nothing is sent', async (_label, parameters, issue) => {
		await expect(create(parameters as INodeParameters)).rejects.toThrow(issue);
		expect(captured).toHaveLength(0);
		expect(unmatched()).toBe(0);
	});

	test('an inbox address of another account than the chosen one is an item error, and nothing is sent', async () => {
		const inboxId = rl('url', 'https://chat.example.com/app/accounts/2/settings/inboxes/3');
		const result = await create({ accountId: rl('id', '1'), inboxId } as INodeParameters);
		expect(result.error?.message).toBe('The Inbox URL is of account 2, not of the chosen Account (1)');
		expect(result.error?.description).toMatch(/\/app\/accounts\/1\/settings\/inboxes\//);
		expect(captured).toHaveLength(0);
		expect(unmatched()).toBe(0);
	});

	test.each<[string, unknown, RegExp]>([
		['accountId', rl('url', '={{ $json.url }}'), /^Account URL is not a Chatwoot account address$/],
		['inboxId', rl('url', '={{ $json.url }}'), /^Inbox URL is not a Chatwoot inbox address$/],
		['accountId', rl('id', '={{ $json.id }}'), /^Account must be a positive whole number$/],
		['inboxId', '={{ $json.id }}', /^Inbox must be a positive whole number$/],
	])('%s from an expression that gives no ID is an item error, and nothing is sent', async (parameter, value, message) => {
		const items = [{ json: { url: 'https://chat.example.com/app/settings', id: '3/../4' } }, { json: { url: 'nope', id: '' } }];
		const result = await create({ [parameter]: value } as INodeParameters, items, true);
		expect(result.items?.map((item) => item.json.error)).toEqual([expect.stringMatching(message), expect.stringMatching(message)]);
		expect(result.items?.map((item) => item.json.itemIndex)).toEqual([0, 1]);
		expect(result.items?.[0].json.description).toMatch(/Chatwoot address|from the list/);
		expect(captured).toHaveLength(0);
		expect(unmatched()).toBe(0);
	});
});

describe('Contact → Create: Output', () => {
	test.each<[string, INodeParameters, unknown]>([
		["Chatwoot's response by default", {}, CONTACT_RESPONSE],
		["Chatwoot's response when chosen", { output: 'response' }, CONTACT_RESPONSE],
		['the contact itself when chosen', { output: 'contact' }, { id: 42, name: 'Jane' }],
	])('%s', async (_label, parameters, json) => {
		chatwoot([200, CONTACT_RESPONSE]);
		const result = await create({ name: 'Jane', ...parameters });
		expect(result.items).toEqual([{ json, pairedItem: { item: 0 } }]);
	});

	test('an answer without a contact is passed on as it came', async () => {
		chatwoot([200, { payload: {} }]);
		const result = await create({ name: 'Jane', output: 'contact' });
		expect(result.items?.[0].json).toEqual({ payload: {} });
	});
});

describe('Contact → Create: bad input is refused before any request', () => {
	test.each([
		['accountId', '1/../2', /Account must be a positive whole number/],
		['accountId', 'abc', /Account must be a positive whole number/],
		// A bare 0 never reaches the node: n8n takes it as a missing required locator.
		['accountId', '0', /Account must be a positive whole number/],
		['inboxId', -1, /Inbox must be a positive whole number/],
		['inboxId', '0', /Inbox must be a positive whole number/],
	])('%s = %j', async (parameter, value, message) => {
		const result = await create({ [parameter]: value });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(/Choose an? (account|inbox) from the list/);
		expect(unmatched()).toBe(0);
	});

	test.each([
		['customAttributes', '{"plan": "pro",}', /Custom Attributes is not valid JSON/, /line 1, column 16/],
		['customAttributes', '["pro"]', /Custom Attributes must be a JSON object/, /an array/],
		['additionalAttributes', '"Acme"', /Additional Attributes must be a JSON object/, /a string/],
		['additionalAttributes', 'null', /Additional Attributes must be a JSON object/, /null/],
	])('%s = %s', async (parameter, value, message, description) => {
		const result = await create({ additionalFields: { [parameter]: value } });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(description);
		expect(unmatched()).toBe(0);
	});

	test('blocked from an expression must be a boolean', async () => {
		const result = await create({ additionalFields: { blocked: '={{ "maybe" }}' } });
		expect(result.error?.message).toBe('Blocked must be true or false');
		expect(unmatched()).toBe(0);
	});

	test('an avatar URL must be http(s)', async () => {
		const result = await create({ avatarSource: 'url', avatarUrl: 'file:///etc/passwd' });
		expect(result.error?.message).toBe('Avatar URL must be an http(s) address');
		expect(unmatched()).toBe(0);
	});

	test('a credential Base URL that is not a URL is named as such', async () => {
		const result = await runChatwootNode({
			credentials: { baseUrl: 'chat.example.com', accessToken: TOKEN },
			parameters: { resource: 'contact', operation: 'create', accountId: 1, inboxId: 3 },
		});
		expect(result.error?.message).toMatch(/The Chatwoot Base URL "chat.example.com" is not an http\(s\) URL/);
		expect(unmatched()).toBe(0);
	});
});

// Every response shape is covered by the error catalogue's own table (test/unit/transport/errors.test.ts);
// these rows prove the engine delivers message, details and HTTP code to the user.
describe('Contact → Create: Chatwoot errors become clear messages', () => {
	const PROXY_502 = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

	test.each<[string, number, unknown, Record<string, string> | undefined, RegExp, RegExp]>([
		['invalid token', 401, { error: 'Invalid Access Token' }, undefined, /^Invalid Access Token$/, /HTTP 401.*Profile Settings → Access Token/],
		['email taken', 422, { message: 'Email has already been taken', attributes: ['email'] }, undefined, /^Email has already been taken$/, /Fields: email.*unique per account/],
		['server error', 500, { status: 500, error: 'Internal Server Error' }, undefined, /^Internal Server Error/, /Facebook, Instagram/],
		['proxy page', 502, PROXY_502, { 'Content-Type': 'text/html' }, /may have been created/, /^Cause: Chatwoot answered 502 with an HTML page "502 Bad Gateway"/],
		['proxy page for a 503 that outlasts the retries', 503, PROXY_502.replace(/502 Bad Gateway/g, '503 Service Unavailable'), { 'Content-Type': 'text/html' }, /503 with an HTML page "503 Service Unavailable"/, /a proxy in front of it failed/],
	])('%s', async (_label, status, body, headers, message, description) => {
		chatwoot([status, body, headers]);
		const result = await create({ name: 'Jane', options: { maxRetries: 0, maxRetryWait: 0 } });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(description);
		if (status !== 502) expect(result.error?.httpCode).toBe(String(status));
		expect(captured).toHaveLength(1);
	});

	test("Chatwoot's response body is in the error's details, and nothing of the request", async () => {
		const body = { message: 'Email Invalid email', attributes: ['email'] };
		chatwoot([422, body]);
		const result = await create({ email: 'jane@example' });
		expect(result.error?.message).toBe('Email Invalid email');
		expect(result.error?.description).not.toMatch(/Item/);
		expect(result.error?.context).toMatchObject({ itemIndex: 0, data: body });
		expect((result.error as { messages?: string[] }).messages).toEqual([`422 - ${JSON.stringify(body)}`]);
		expect(JSON.stringify(result.error)).not.toContain(TOKEN);
		expect(JSON.stringify({ ...result.error })).not.toContain(TOKEN);
	});

	test("a proxy's page is kept in the details as text, cut to a readable length", async () => {
		const page = `<html><head><title>500 Internal Server Error</title></head><body>${'x'.repeat(5000)}</body></html>`;
		chatwoot([500, page, { 'Content-Type': 'text/html' }]);
		nock(BASE).get('/api/v1/accounts/1/inboxes').reply(200, { payload: [] });
		const result = await create({ name: 'Jane' });
		expect(result.error?.context?.data).toMatch(/^<html><head><title>500 Internal Server Error<\/title>.*… \(\d+ characters in all\)$/s);
		expect(String(result.error?.context?.data).length).toBeLessThan(2100);
	});

	test.each([
		['Channel::FacebookPage', 'Facebook'],
		['Channel::Instagram', 'Instagram'],
		['Channel::Telegram', 'Telegram'],
		['Channel::Line', 'LINE'],
		['Channel::TwitterProfile', 'Twitter'],
		['Channel::Tiktok', 'TikTok'],
	])("a 500 on an inbox of %s says the channel takes no API contacts (one lookup, only after the 500)", async (channelType, label) => {
		chatwoot([500, { status: 500, error: 'Internal Server Error' }]);
		const inboxes = nock(BASE)
			.get('/api/v1/accounts/1/inboxes')
			.reply(200, { payload: [{ id: 2, name: 'Site', channel_type: 'Channel::WebWidget' }, { id: 3, name: 'Social', channel_type: channelType }] });
		const result = await create({ name: 'Jane' });
		expect(result.error?.message).toBe(`Inbox "Social" is a ${label} inbox, which cannot take contacts created through the API`);
		expect(result.error?.description).toMatch(/^HTTP 500\. Chatwoot answered 500 \(Internal Server Error\)/);
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.context?.data).toEqual({ status: 500, error: 'Internal Server Error' });
		expect(inboxes.isDone()).toBe(true);
		expect(unmatched()).toBe(0);
	});

	test('a 500 on an inbox that takes API contacts keeps Chatwoot\'s words; so does a failed inbox lookup', async () => {
		chatwoot([500, { status: 500, error: 'Internal Server Error' }], [500, { status: 500, error: 'Internal Server Error' }]);
		nock(BASE).get('/api/v1/accounts/1/inboxes').reply(200, { payload: [{ id: 3, name: 'API', channel_type: 'Channel::Api' }] });
		nock(BASE).get('/api/v1/accounts/1/inboxes').reply(401, { error: 'Invalid Access Token' });
		for (let run = 0; run < 2; run++) {
			const result = await create({ name: 'Jane' });
			expect(result.error?.message).toBe('Internal Server Error');
			expect(result.error?.description).toMatch(/Facebook, Instagram/);
		}
		expect(unmatched()).toBe(0);
	});

	test('a rate limit that outlasts Retry: Max Wait says what to do', async () => {
		const throttled: [number, string, Record<string, string>] = [429, 'Retry later\n', { 'Content-Type': 'text/plain' }];
		chatwoot(throttled, throttled, throttled);
		const started = Date.now();
		const result = await create({ options: { maxRetryWait: 1, initialRetryDelay: 1 } });
		// Two probes show the window is full; the next one opens at the minute, after the item's one second.
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(result.error?.message).toBe('Chatwoot is rate-limiting these requests (429 Retry later)');
		expect(result.error?.description).toMatch(/Max Requests per Minute/);
		expect(captured).toHaveLength(3);
	});

	test('the token appears in no error, whatever Chatwoot answered', async () => {
		chatwoot([401, { error: 'Invalid Access Token' }]);
		const result = await create({});
		expect(JSON.stringify(result.error)).not.toContain(TOKEN);
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});
});

afterAll(() => {
	// Every test above ran with the token; n8n's logs saw many requests and failures.
	expect(capturedLogs.length).toBeGreaterThan(0);
	expect(capturedLogs.join('\n')).not.toContain(TOKEN);
});

describe('Contact → Create: Continue On Fail', () => {
	test('gives an error item for each failing input and keeps every output paired with its input', async () => {
		chatwoot(
			[200, { payload: { contact: { id: 1 } } }],
			[422, { message: 'Email has already been taken', attributes: ['email'] }],
			[200, { payload: { contact: { id: 3 } } }],
		);
		const items = [
			{ json: { email: 'a@x.com', attributes: '{}' } },
			{ json: { email: 'b@x.com', attributes: '{not json' } },
			{ json: { email: 'taken@x.com', attributes: '{}' } },
			{ json: { email: 'c@x.com', attributes: '{}' } },
		];
		const result = await create(
			{ email: '={{ $json.email }}', additionalFields: { customAttributes: '={{ $json.attributes }}' }, options: { requestsInFlight: 1 } },
			items,
			true,
		);
		expect(result.error).toBeUndefined();
		expect(result.items?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items?.[0].json).toEqual({ payload: { contact: { id: 1 } } });
		expect(result.items?.[1].json).toMatchObject({ error: 'Custom Attributes is not valid JSON', itemIndex: 1 });
		expect(result.items?.[2].json).toMatchObject({ error: 'Email has already been taken', httpCode: '422', itemIndex: 2 });
		expect(result.items?.[3].json).toEqual({ payload: { contact: { id: 3 } } });
		expect(captured.map((request) => JSON.parse(request.body.toString()).email)).toEqual(['a@x.com', 'taken@x.com', 'c@x.com']);
		expect(JSON.stringify(result.items)).not.toContain(TOKEN);
	});

	test('without Continue On Fail the first failure stops the node and names its item', async () => {
		chatwoot([200, CONTACT_RESPONSE], [422, { message: 'Email Invalid email', attributes: ['email'] }]);
		const result = await create({ email: '={{ $json.email }}', options: { requestsInFlight: 1 } }, [
			{ json: { email: 'a@x.com' } },
			{ json: { email: 'nope' } },
			{ json: { email: 'c@x.com' } },
		]);
		expect(result.error?.message).toBe('Email Invalid email');
		expect(captured).toHaveLength(2);
	});
});

describe('Contact → Create: retries', () => {
	test('retries a 429 and a 503 and returns the final answer', async () => {
		chatwoot(
			[429, 'Retry later\n', { 'Content-Type': 'text/plain' }],
			[503, '<html><title>Service Unavailable</title></html>', { 'Content-Type': 'text/html' }],
			[200, CONTACT_RESPONSE],
		);
		const result = await create({ name: 'Jane', ...FAST_RETRIES });
		expect(result.items?.[0].json).toEqual(CONTACT_RESPONSE);
		expect(captured).toHaveLength(3);
	});

	test('a refused connection before Chatwoot ever responded fails at once, naming the Base URL, and nothing more is sent', async () => {
		nock(BASE).post('/api/v1/accounts/1/contacts').replyWithError(networkError('ECONNREFUSED', 'connect ECONNREFUSED'));
		chatwoot([200, CONTACT_RESPONSE]);
		const items = [{ json: {} }, { json: {} }, { json: {} }];
		const result = await create({ name: 'Jane', options: { ...FAST_RETRIES.options, requestsInFlight: 1 } }, items, true);
		expect(result.items?.map((item) => item.json.error)).toEqual(Array(3).fill("Nothing answers at the Chatwoot credential's Base URL"));
		expect(result.items?.[2].json.description).toBe(
			'Cause: ECONNREFUSED, connecting to https://chat.example.com. Check the Base URL in the Chatwoot credential (scheme, host and port) and that Chatwoot is running and reachable from n8n.',
		);
		expect(captured).toHaveLength(0);
		expect(nock.pendingMocks()).toHaveLength(1);
	});

	test('a name that does not resolve fails at once', async () => {
		nock(BASE).post('/api/v1/accounts/1/contacts').replyWithError(networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND chat.example.com'));
		const result = await create({ name: 'Jane', ...FAST_RETRIES });
		expect(result.error?.message).toBe("The host name in the Chatwoot credential's Base URL could not be resolved");
		expect(result.error?.description).toMatch(/^Cause: ENOTFOUND, looking up chat\.example\.com\./);
	});

	test('a refused connection later in a run, once Chatwoot has responded, is retried', async () => {
		chatwoot([200, CONTACT_RESPONSE]);
		nock(BASE).post('/api/v1/accounts/1/contacts').replyWithError(networkError('ECONNREFUSED', 'connect ECONNREFUSED'));
		chatwoot([200, CONTACT_RESPONSE]);
		const result = await create({ name: 'Jane', options: { ...FAST_RETRIES.options, requestsInFlight: 1 } }, [{ json: {} }, { json: {} }]);
		expect(result.items?.map((item) => item.json)).toEqual([CONTACT_RESPONSE, CONTACT_RESPONSE]);
		expect(captured).toHaveLength(2);
	});

	test('a 503 after a lost response is not reported as a plain 503: the contact is looked up', async () => {
		nock(BASE).post('/api/v1/accounts/1/contacts').replyWithError(networkError('ECONNRESET', 'socket hang up'));
		chatwoot([503, 'Service Unavailable', { 'Content-Type': 'text/plain' }]);
		nock(BASE).post('/api/v1/accounts/1/contacts/filter').reply(200, { payload: [{ id: 12, email: 'jane@example.com' }] });
		const result = await create({ email: 'jane@example.com', options: { ...FAST_RETRIES.options, maxRetryWait: 0 } });
		expect(result.items?.[0].json).toEqual({
			payload: { contact: { id: 12, email: 'jane@example.com' } },
			recovered: { matchedBy: 'email', note: expect.stringMatching(/Chatwoot answered 503/) },
		});
	});

	test('with Output: The Contact, a contact found after a lost response is the item, marked recovered', async () => {
		nock(BASE).post('/api/v1/accounts/1/contacts').replyWithError(networkError('ECONNRESET', 'socket hang up'));
		chatwoot([503, 'Service Unavailable', { 'Content-Type': 'text/plain' }]);
		nock(BASE).post('/api/v1/accounts/1/contacts/filter').reply(200, { payload: [{ id: 12, email: 'jane@example.com' }] });
		const result = await create({ email: 'jane@example.com', output: 'contact', options: { ...FAST_RETRIES.options, maxRetryWait: 0 } });
		expect(result.items?.[0].json).toEqual({
			id: 12,
			email: 'jane@example.com',
			recovered: { matchedBy: 'email', note: expect.stringMatching(/Chatwoot answered 503/) },
		});
	});

	test('a lookup that fails after a lost response keeps the item\'s "may have been created" and its guidance', async () => {
		nock(BASE).post('/api/v1/accounts/1/contacts').replyWithError(networkError('ECONNRESET', 'socket hang up'));
		chatwoot([503, 'Service Unavailable', { 'Content-Type': 'text/plain' }]);
		nock(BASE).post('/api/v1/accounts/1/contacts/filter').times(2).replyWithError(networkError('ECONNRESET', 'socket hang up'));
		const result = await create({ email: 'jane@example.com', options: { ...FAST_RETRIES.options, maxRetryWait: 0, maxRetries: 1 } });
		expect(result.error?.message).toBe('The connection to Chatwoot was lost after the request was sent; the contact may have been created');
		expect(result.error?.description).toMatch(/^Cause: Chatwoot answered 503.*Looking the contact up by its email failed as well \(ECONNRESET\)\. Check the account's contacts/);
	});

	test('honours Retry-After from a proxy', async () => {
		chatwoot([429, 'Retry later\n', { 'Content-Type': 'text/plain', 'Retry-After': '1' }], [200, CONTACT_RESPONSE]);
		const started = Date.now();
		await create({ name: 'Jane', options: { initialRetryDelay: 1, maxRetryDelay: 5 } });
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('does not repeat a create whose answer was lost when the contact has no unique key', async () => {
		nock(BASE).post('/api/v1/accounts/1/contacts').replyWithError(networkError('ECONNRESET', 'socket hang up'));
		const result = await create({ name: 'No Key', ...FAST_RETRIES });
		expect(result.error?.message).toBe(
			'The connection to Chatwoot was lost after the request was sent; the contact may have been created',
		);
		expect(result.error?.description).toMatch(/^Cause: ECONNRESET\. Without an Email, Phone Number or Identifier/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('a 502 on the last allowed attempt of a contact with an email is a lost answer, not a plain failure', async () => {
		chatwoot([502, '<html><title>502 Bad Gateway</title></html>', { 'Content-Type': 'text/html' }]);
		nock(BASE).post('/api/v1/accounts/1/contacts/filter').reply(200, { meta: { count: 0 }, payload: [] });
		const result = await create({ email: 'jane@example.com', options: { maxRetries: 0 } });
		expect(result.error?.message).toMatch(/the contact may have been created/);
		expect(result.error?.description).toMatch(/^Cause: Chatwoot answered 502 with an HTML page "502 Bad Gateway"\. No contact with this email was found afterwards/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('a 502 from a gateway is a lost answer too', async () => {
		chatwoot([502, '<html><title>502 Bad Gateway</title></html>', { 'Content-Type': 'text/html' }]);
		const result = await create({ name: 'No Key', ...FAST_RETRIES });
		expect(result.error?.message).toMatch(/may have been created/);
		expect(captured).toHaveLength(1);
	});

	test('repeats a lost create for a contact with an email, and returns the existing contact when the repeat is refused as taken', async () => {
		chatwoot([504, 'Gateway Timeout', { 'Content-Type': 'text/plain' }], [422, { message: 'Email has already been taken', attributes: ['email'] }]);
		let filterBody: unknown;
		nock(BASE)
			.post('/api/v1/accounts/1/contacts/filter', (body) => {
				filterBody = body;
				return true;
			})
			.reply(200, { meta: { count: 2 }, payload: [{ id: 9, email: 'jane@example.community' }, { id: 8, email: 'jane@example.com' }] });
		const result = await create({ email: 'Jane@Example.com', ...FAST_RETRIES });
		expect(filterBody).toEqual({ payload: [{ attribute_key: 'email', filter_operator: 'equal_to', values: ['Jane@Example.com'], query_operator: null }] });
		expect(result.items?.[0].json).toEqual({
			payload: { contact: { id: 8, email: 'jane@example.com' } },
			recovered: { matchedBy: 'email', note: expect.stringMatching(/answer was lost \(the repeat was refused as taken\)/) },
		});
	});

	test('a plain "already taken" without a lost answer before it is an error naming the holder, after one lookup', async () => {
		chatwoot([422, { message: 'Identifier has already been taken', attributes: ['identifier'] }]);
		let filterBody: unknown;
		nock(BASE)
			.post('/api/v1/accounts/1/contacts/filter', (body) => {
				filterBody = body;
				return true;
			})
			.reply(200, { meta: { count: 2 }, payload: [{ id: 6, name: 'Other', identifier: 'CRM-1' }, { id: 5, name: 'Jane Doe', identifier: 'crm-1' }] });
		const result = await create({ additionalFields: { identifier: 'crm-1' }, ...FAST_RETRIES });
		expect(filterBody).toEqual({ payload: [{ attribute_key: 'identifier', filter_operator: 'equal_to', values: ['crm-1'], query_operator: null }] });
		expect(result.error?.message).toBe('Identifier has already been taken');
		expect(result.error?.httpCode).toBe('422');
		expect(result.error?.description).toMatch(
			/Identifiers are unique per account.*\. Identifier "crm-1" belongs to contact #5 "Jane Doe"\. Use Contact → Create or Update to update that contact instead\.$/,
		);
		expect(result.error?.description).not.toMatch(/\.\./);
		expect(captured).toHaveLength(1);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('several keys taken: one lookup names every holder; a failed lookup leaves Chatwoot\'s error as it was', async () => {
		chatwoot([422, { message: 'Email has already been taken, Phone number has already been taken', attributes: ['email', 'phone_number'] }]);
		nock(BASE)
			.post('/api/v1/accounts/1/contacts/filter', (body) => body.payload.length === 2 && body.payload[0].query_operator === 'OR')
			.reply(200, { meta: { count: 2 }, payload: [{ id: 40, name: 'Bob', phone_number: '+14155550123' }, { id: 12, name: '', email: 'jane@x.com' }] });
		const both = await create({ email: 'Jane@x.com', phoneNumber: '+14155550123' });
		expect(both.error?.description).toMatch(/Email "Jane@x.com" belongs to contact #12; Phone Number "\+14155550123" to contact #40 "Bob"\./);

		chatwoot([422, { message: 'Email has already been taken', attributes: ['email'] }]);
		nock(BASE).post('/api/v1/accounts/1/contacts/filter').reply(500, { status: 500, error: 'Internal Server Error' });
		const failedLookup = await create({ email: 'jane@x.com', options: { maxRetries: 0 } });
		expect(failedLookup.error?.message).toBe('Email has already been taken');
		expect(failedLookup.error?.description).not.toMatch(/belongs to/);
	});

	test('a format error on a unique key is not a "taken": no lookup', async () => {
		chatwoot([422, { message: 'Email Invalid email', attributes: ['email'] }]);
		const result = await create({ email: 'not-an-email' });
		expect(result.error?.message).toBe('Email Invalid email');
		expect(unmatched()).toBe(0);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('when the retries run out on lost answers, a contact with a unique key is still looked up', async () => {
		for (let attempt = 0; attempt < 2; attempt++) {
			nock(BASE).post('/api/v1/accounts/1/contacts').replyWithError(networkError('ECONNRESET', 'socket hang up'));
		}
		nock(BASE).post('/api/v1/accounts/1/contacts/filter').reply(200, { payload: [{ id: 11, phone_number: '+14155550123' }] });
		const result = await create({ phoneNumber: '+14155550123', options: { maxRetries: 1, initialRetryDelay: 1 } });
		expect(result.items?.[0].json).toEqual({
			payload: { contact: { id: 11, phone_number: '+14155550123' } },
			recovered: { matchedBy: 'phone_number', note: expect.stringMatching(/\(ECONNRESET\)/) },
		});
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('an identifier is matched case-sensitively when looking the contact up', async () => {
		nock(BASE).post('/api/v1/accounts/1/contacts').replyWithError(networkError('ETIMEDOUT', 'timeout'));
		chatwoot([422, { message: 'Identifier has already been taken', attributes: ['identifier'] }]);
		nock(BASE).post('/api/v1/accounts/1/contacts/filter').reply(200, { payload: [{ id: 5, identifier: 'crm-a' }] });
		const result = await create({ additionalFields: { identifier: 'CRM-A' }, ...FAST_RETRIES });
		expect(result.error?.message).toMatch(/may have been created/);
		expect(result.error?.description).toMatch(/No contact with this identifier was found/);
	});
});
