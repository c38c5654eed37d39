/**
 * Labels on Contact → Create, and the shared label pieces Create or Update uses, through n8n's
 * engine against nock.
 */
import nock from 'nock';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { applyLabels } from '../../../../nodes/Chatwoot/actions/contact/labels';
import { capturedLogs, connectChatwootClient, loadChatwootOptions, runChatwootNode } from '../../../harness/engine';
import { TOKEN } from '../../../harness/fixtures';

const BASE = 'https://chat.example.com';
const credentials = { baseUrl: BASE, accessToken: TOKEN };
const CREATED = { payload: { contact: { id: 42, email: 'jane@example.com' }, contact_inbox: { inbox: null, source_id: null } } };
const ACCOUNT_LABELS = {
	payload: [
		{ id: 1, title: 'customer', description: 'Paying customers', color: '#1f93ff', show_on_sidebar: true },
		{ id: 2, title: 'lead', description: '', color: '#ff0000', show_on_sidebar: true },
		{ id: 3, title: 'vip', description: null, color: '#00ff00', show_on_sidebar: false },
	],
};
const LABELS_PATH = '/api/v1/accounts/1/contacts/42/labels';

let labelWrites: unknown[];

beforeEach(() => {
	labelWrites = [];
	nock.disableNetConnect();
});

afterEach(() => {
	nock.cleanAll();
	nock.enableNetConnect();
});

const accountLabels = () => nock(BASE).get('/api/v1/accounts/1/labels').reply(200, ACCOUNT_LABELS);

/** Answers POST .../contacts/42/labels like Chatwoot (the list as sent), recording each body. */
function labelWritesAnswered(status = 200, body?: unknown) {
	return nock(BASE)
		.post(LABELS_PATH, (sentBody) => {
			labelWrites.push(sentBody);
			return true;
		})
		.reply(status, (_uri, sentBody) => (body ?? { payload: (sentBody as { labels: string[] }).labels }) as nock.Body);
}

function create(parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) {
	return runChatwootNode({
		credentials,
		continueOnFail,
		items,
		parameters: { resource: 'contact', operation: 'create', accountId: 1, inboxId: 3, email: 'jane@example.com', options: { maxRetries: 0, maxRetryWait: 0 }, ...parameters },
	});
}

describe('Label dropdown (getLabels)', () => {
	test("lists the account's labels by title, the value the contact labels endpoint takes", async () => {
		accountLabels();
		expect(await loadChatwootOptions('getLabels', { accountId: 1 }, credentials)).toEqual([
			{ name: 'customer', value: 'customer', description: 'Paying customers' },
			{ name: 'lead', value: 'lead', description: undefined },
			{ name: 'vip', value: 'vip', description: undefined },
		]);
	});

	test('asks for an account first, and reports a failed read in Chatwoot\'s words', async () => {
		await expect(loadChatwootOptions('getLabels', {}, credentials)).rejects.toThrow('Choose an Account first: the labels are listed per account');
		nock(BASE).get('/api/v1/accounts/2/labels').reply(401, { error: 'You are not authorized to access this account' });
		await expect(loadChatwootOptions('getLabels', { accountId: 2 }, credentials)).rejects.toThrow(
			'Could not read the labels of account 2: Chatwoot answered 401: You are not authorized to access this account',
		);
	});
});

describe('Contact → Create with labels', () => {
	test('sets the labels on the new contact after it is saved, and outputs the labels Chatwoot stored', async () => {
		accountLabels();
		const created = nock(BASE).post('/api/v1/accounts/1/contacts').reply(200, CREATED);
		labelWritesAnswered();
		const result = await create({ labels: ['vip', 'lead'] });
		expect(result.error).toBeUndefined();
		expect(created.isDone()).toBe(true);
		expect(labelWrites).toEqual([{ labels: ['vip', 'lead'] }]);
		expect(result.items?.[0].json).toEqual({ ...CREATED, labels: ['vip', 'lead'] });
	});

	test('takes labels from an expression as a list or comma-separated text; the account labels are read once per run', async () => {
		accountLabels();
		nock(BASE).post('/api/v1/accounts/1/contacts').times(2).reply(200, CREATED);
		labelWritesAnswered();
		labelWritesAnswered();
		const result = await create({ labels: '={{ $json.tags }}' }, [{ json: { tags: 'vip, customer' } }, { json: { tags: ['lead'] } }]);
		expect(result.error).toBeUndefined();
		expect(labelWrites).toEqual(expect.arrayContaining([{ labels: ['vip', 'customer'] }, { labels: ['lead'] }]));
	});

	test('without labels nothing but the create is sent', async () => {
		nock(BASE).post('/api/v1/accounts/1/contacts').reply(200, CREATED);
		const result = await create({ labels: [] });
		expect(result.items?.[0].json).toEqual(CREATED);
	});

	test.each([
		['VIP', 'Label "VIP" must be written "vip"'],
		['gold', 'Label "gold" does not exist in account 1'],
	])('refuses %j before the contact is created', async (label, message) => {
		accountLabels();
		const result = await create({ labels: [label] });
		expect(result.error?.message).toBe(message);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('when the account labels cannot be read, nothing is sent for the item', async () => {
		nock(BASE).get('/api/v1/accounts/1/labels').reply(404, { error: 'Resource could not be found' });
		const result = await create({ labels: ['vip'] });
		expect(result.error?.message).toBe('Could not read the labels of account 1 to check the labels');
		expect(result.error?.description).toBe('Chatwoot answered 404: Resource could not be found. Nothing was sent for this item.');
	});
});

describe('Contact → Create with Output: The Contact', () => {
	test('the item is the contact, with the labels Chatwoot stored', async () => {
		accountLabels();
		nock(BASE).post('/api/v1/accounts/1/contacts').reply(200, CREATED);
		labelWritesAnswered();
		const result = await create({ labels: ['vip'], output: 'contact' });
		expect(result.items).toEqual([{ json: { id: 42, email: 'jane@example.com', labels: ['vip'] }, pairedItem: { item: 0 } }]);
	});

	test('with Continue On Fail a failed label write keeps the contact in that shape', async () => {
		accountLabels();
		nock(BASE).post('/api/v1/accounts/1/contacts').reply(200, CREATED);
		labelWritesAnswered(500, { status: 500, error: 'Internal Server Error' });
		const result = await create({ labels: ['vip'], output: 'contact' }, undefined, true);
		expect(result.items?.[0].json).toMatchObject({ id: 42, email: 'jane@example.com', error: 'Contact 42 was created, but its labels were not set' });
		expect(result.items?.[0].json.payload).toBeUndefined();
	});
});

describe('Contact → Create: labels that fail after the contact is saved', () => {
	test('the item fails naming the saved contact, why, and how not to create it twice', async () => {
		accountLabels();
		nock(BASE).post('/api/v1/accounts/1/contacts').reply(200, CREATED);
		labelWritesAnswered(500, { status: 500, error: 'Internal Server Error' });
		const result = await create({ labels: ['vip'] });
		expect(result.error?.message).toBe('Contact 42 was created, but its labels were not set');
		expect(result.error?.description).toBe(
			'Cause: Chatwoot answered 500: Internal Server Error. The contact is saved in Chatwoot with ID 42. Running this item again with Create would not label it (it would create another contact, or be refused as already taken): use Create or Update, or set the labels (vip) in Chatwoot.',
		);
	});

	test('with Continue On Fail the error item still carries the saved contact', async () => {
		accountLabels();
		nock(BASE).post('/api/v1/accounts/1/contacts').reply(200, CREATED);
		labelWritesAnswered(429, 'Retry later\n');
		const result = await create({ labels: ['vip'] }, undefined, true);
		expect(result.items).toEqual([
			{
				json: {
					...CREATED,
					error: 'Contact 42 was created, but its labels were not set',
					description: expect.stringContaining('rate-limiting these requests (429 Retry later). The contact is saved in Chatwoot with ID 42.'),
					itemIndex: 0,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a lost answer to the label write says the labels may not be set', async () => {
		accountLabels();
		nock(BASE).post('/api/v1/accounts/1/contacts').reply(200, CREATED);
		nock(BASE).post(LABELS_PATH).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const result = await create({ labels: ['vip'] });
		expect(result.error?.message).toBe('Contact 42 was created, but its labels may not have been set');
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
		expect(capturedLogs.join('\n')).not.toContain(TOKEN);
		expect(result.error?.description).toMatch(/^Cause: the answer was lost \(.*ECONNRESET.*\)\. The contact is saved in Chatwoot with ID 42\./);
	});

	test('a contact recovered after a lost create keeps the labels it has; the new ones are added', async () => {
		accountLabels();
		nock(BASE).post('/api/v1/accounts/1/contacts').reply(504, 'Gateway Timeout', { 'Content-Type': 'text/plain' });
		nock(BASE).post('/api/v1/accounts/1/contacts').reply(422, { message: 'Email has already been taken', attributes: ['email'] });
		nock(BASE).post('/api/v1/accounts/1/contacts/filter').reply(200, { payload: [{ id: 42, email: 'jane@example.com' }] });
		nock(BASE).get(LABELS_PATH).reply(200, { payload: ['customer'] });
		labelWritesAnswered();
		const result = await create({ labels: ['vip'], options: { maxRetries: 1, initialRetryDelay: 1 } });
		expect(labelWrites).toEqual([{ labels: ['customer', 'vip'] }]);
		expect(result.items?.[0].json).toMatchObject({ recovered: { matchedBy: 'email' }, labels: ['customer', 'vip'] });
	});
});

describe('applyLabels (shared with Create or Update)', () => {
	test('"add" reads the contact\'s labels and writes the union, keeping names it has in another spelling', async () => {
		nock(BASE).get(LABELS_PATH).reply(200, { payload: ['lead', 'VIP'] });
		labelWritesAnswered();
		const client = await connectChatwootClient(credentials);
		expect(await applyLabels(client, 1, 42, ['vip', 'customer'], 'add')).toEqual(['lead', 'VIP', 'customer']);
		expect(labelWrites).toEqual([{ labels: ['lead', 'VIP', 'customer'] }]);
	});

	test('"add" writes nothing when the contact has every label already', async () => {
		nock(BASE).get(LABELS_PATH).reply(200, { payload: ['vip', 'lead'] });
		const client = await connectChatwootClient(credentials);
		expect(await applyLabels(client, 1, 42, ['lead'], 'add')).toEqual(['vip', 'lead']);
		expect(labelWrites).toEqual([]);
	});

	test('"replace" writes the given list without reading', async () => {
		labelWritesAnswered();
		const client = await connectChatwootClient(credentials);
		expect(await applyLabels(client, 1, 42, ['customer'], 'replace')).toEqual(['customer']);
		expect(labelWrites).toEqual([{ labels: ['customer'] }]);
	});

	test('a failed read of the current labels writes nothing', async () => {
		nock(BASE).get(LABELS_PATH).reply(404, { error: 'Resource could not be found' });
		const client = await connectChatwootClient(credentials);
		await expect(applyLabels(client, 1, 42, ['vip'], 'add')).rejects.toMatchObject({
			reason: 'Chatwoot answered 404: Resource could not be found',
			unknownOutcome: false,
		});
		expect(labelWrites).toEqual([]);
	});
});
