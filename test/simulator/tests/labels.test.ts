import { call, CONTACTS, createContact } from './client';
import { SEED } from '../index';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();
const ACCOUNT = `/api/v1/accounts/${SEED.accounts.main}`;

async function newContact(body: Record<string, unknown> = {}): Promise<number> {
	return (await createContact(sim(), body)).json.payload.contact.id;
}

function setLabels(contactId: number, json: unknown, token?: string | null) {
	return call(sim(), 'POST', `${CONTACTS}/${contactId}/labels`, { json, token });
}

describe('GET /labels', () => {
	it('lists the account labels ordered by title as {payload: [{id, title, description, color, show_on_sidebar}]}', async () => {
		const response = await call(sim(), 'GET', `${ACCOUNT}/labels`, { token: SEED.tokens.agent });
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			payload: [
				{ id: SEED.labels.customer, title: 'customer', description: 'Paying customers', color: '#2ecc71', show_on_sidebar: true },
				{ id: SEED.labels.lead, title: 'lead', description: null, color: '#1f93ff', show_on_sidebar: false },
				{ id: SEED.labels.vip, title: 'vip', description: 'High-value accounts', color: '#f1c40f', show_on_sidebar: true },
			],
		});
	});

	it('labels set by a test replace the account labels (titles downcased) until reset', async () => {
		sim().setLabels(SEED.accounts.main, [{ title: 'Zeta' }, { title: 'alpha', color: '#000000', show_on_sidebar: true }]);
		const response = await call(sim(), 'GET', `${ACCOUNT}/labels`);
		expect(response.json.payload.map((label: { title: string }) => label.title)).toEqual(['alpha', 'zeta']);
		expect(response.json.payload[1]).toMatchObject({ description: null, color: '#1f93ff', show_on_sidebar: null });
		sim().reset();
		expect(sim().labels(SEED.accounts.main).map((label) => label.title)).toEqual(['customer', 'lead', 'vip']);
	});
});

describe('GET and POST /contacts/:id/labels', () => {
	it('a new contact has no labels', async () => {
		const id = await newContact();
		expect((await call(sim(), 'GET', `${CONTACTS}/${id}/labels`)).json).toEqual({ payload: [] });
	});

	it('POST replaces the whole list and answers it as {payload: [...]}', async () => {
		const id = await newContact();
		expect((await setLabels(id, { labels: ['vip', 'lead'] })).json).toEqual({ payload: ['vip', 'lead'] });
		const replaced = await setLabels(id, { labels: ['customer'] });
		expect(replaced.status).toBe(200);
		expect(replaced.json).toEqual({ payload: ['customer'] });
		expect((await call(sim(), 'GET', `${CONTACTS}/${id}/labels`)).json).toEqual({ payload: ['customer'] });
		expect(sim().contacts()[0].labels).toEqual(['customer']);
	});

	it('names are not checked against the account labels', async () => {
		const id = await newContact();
		expect((await setLabels(id, { labels: ['not-a-label'] })).json).toEqual({ payload: ['not-a-label'] });
	});

	it('items are split on commas, stripped, blanks dropped and duplicates removed case-insensitively', async () => {
		const id = await newContact();
		const response = await setLabels(id, { labels: [' vip ', 'a,b', '', 'VIP', 7] });
		expect(response.json).toEqual({ payload: ['vip', 'a', 'b', '7'] });
	});

	it('a missing or non-array labels param clears the list', async () => {
		const id = await newContact();
		await setLabels(id, { labels: ['vip'] });
		expect((await setLabels(id, { labels: 'lead' })).json).toEqual({ payload: [] });
		await setLabels(id, { labels: ['vip'] });
		expect((await setLabels(id, {})).json).toEqual({ payload: [] });
		expect(sim().contacts()[0].labels).toEqual([]);
	});

	it('form parameters labels[]=... work like a JSON array', async () => {
		const id = await newContact();
		const body = new URLSearchParams([['labels[]', 'vip'], ['labels[]', 'lead']]);
		expect((await call(sim(), 'POST', `${CONTACTS}/${id}/labels`, { body })).json).toEqual({ payload: ['vip', 'lead'] });
	});

	it('a stored name takes the spelling of an existing tag; the POST answer keeps the one sent', async () => {
		const first = await newContact();
		const second = await newContact();
		await setLabels(first, { labels: ['vip'] });
		expect((await setLabels(second, { labels: ['VIP'] })).json).toEqual({ payload: ['VIP'] });
		expect((await call(sim(), 'GET', `${CONTACTS}/${second}/labels`)).json).toEqual({ payload: ['vip'] });
	});

	it('an unknown contact or one of another account is 404; agents may label; no token is 401', async () => {
		expect((await setLabels(999, { labels: ['vip'] })).status).toBe(404);
		expect((await call(sim(), 'GET', `${CONTACTS}/999/labels`)).json).toEqual({ error: 'Resource could not be found' });
		const id = await newContact();
		expect((await setLabels(id, { labels: ['vip'] }, SEED.tokens.agent)).status).toBe(200);
		expect((await setLabels(id, { labels: ['vip'] }, null)).status).toBe(401);
	});

	it('contacts are never labelled through create', async () => {
		await createContact(sim(), { email: 'x@y.io', labels: ['vip'] });
		expect(sim().contacts()[0].labels).toEqual([]);
	});
});

describe('labels in contact queries', () => {
	async function labelled(email: string, labels: string[]): Promise<number> {
		const id = await newContact({ email });
		await setLabels(id, { labels });
		return id;
	}

	it('GET /contacts?labels[]= keeps contacts with any of the labels, case-insensitively', async () => {
		await labelled('a@x.io', ['vip']);
		await labelled('b@x.io', ['lead']);
		await labelled('c@x.io', []);
		const response = await call(sim(), 'GET', `${CONTACTS}?labels[]=VIP&labels[]=lead`);
		expect(response.json.payload.map((contact: { email: string }) => contact.email)).toEqual(['a@x.io', 'b@x.io']);
		expect(response.json.meta.count).toBe(2);
	});

	it('POST /contacts/filter on labels: equal_to takes the first value lower-cased, matched exactly; is_present / is_not_present', async () => {
		await labelled('a@x.io', ['vip']);
		await labelled('b@x.io', []);
		await labelled('c@x.io', ['Gold']);
		const filter = async (condition: Record<string, unknown>) =>
			(await call(sim(), 'POST', `${CONTACTS}/filter`, { json: { payload: [{ attribute_key: 'labels', ...condition }] } })).json.payload.map(
				(contact: { email: string }) => contact.email,
			);
		expect(await filter({ filter_operator: 'equal_to', values: ['vip'] })).toEqual(['a@x.io']);
		expect(await filter({ filter_operator: 'equal_to', values: ['VIP', 'Gold'] })).toEqual(['a@x.io']);
		expect(await filter({ filter_operator: 'equal_to', values: ['Gold'] })).toEqual([]);
		expect(await filter({ filter_operator: 'not_equal_to', values: ['vip'] })).toEqual(['b@x.io', 'c@x.io']);
		expect(await filter({ filter_operator: 'is_present' })).toEqual(['a@x.io', 'c@x.io']);
		expect(await filter({ filter_operator: 'is_not_present' })).toEqual(['b@x.io']);
	});
});
