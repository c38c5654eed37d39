/**
 * Mapped custom attributes and labels, run by n8n's engine against the Chatwoot simulator over real
 * HTTP: the definitions and labels come from the simulator's seed (account 1), and what is checked is
 * what the server stored.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { SEED } from '../simulator';
import { loadChatwootMappingFields, loadChatwootOptions, runChatwootNode } from '../harness/engine';
import { attributeMapping, binaryItem, PNG_1x1 } from '../harness/fixtures';
import { awayFromWindowEdge, createInSimulator, RATE_LIMIT_WINDOW_MS, useSimulator } from '../harness/simulator';

const simulator = useSimulator();
const A = SEED.contactAttributes;
const credentials = () => ({ baseUrl: simulator().url, accessToken: SEED.tokens.admin });

function create(parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) {
	return runChatwootNode({
		credentials: credentials(),
		continueOnFail,
		items,
		parameters: createInSimulator({ options: { maxRetries: 0, maxRetryWait: 0 }, ...parameters }),
	});
}

const EVERY_TYPE = {
	[A.text]: 'AB-1234',
	[A.number]: '12',
	[A.currency]: 99.5,
	[A.percent]: '7.5',
	[A.link]: 'https://crm.example.com/c/1',
	[A.date]: '2026-05-01',
	[A.list]: 'pro',
	[A.checkbox]: false,
};

describe('the editor lists', () => {
	test("the attribute list holds the account's contact attributes only, typed by display type", async () => {
		const { fields } = await loadChatwootMappingFields('getContactAttributeFields', { accountId: SEED.accounts.main }, credentials());
		expect(Object.fromEntries(fields.map((field) => [field.id, field.type]))).toEqual({
			[A.text]: 'string',
			[A.number]: 'number',
			[A.currency]: 'number',
			[A.percent]: 'number',
			[A.link]: 'string',
			[A.date]: 'dateTime',
			[A.list]: 'options',
			[A.checkbox]: 'boolean',
		});
	});

	test('an account without contact attributes gets the hint', async () => {
		simulator().setCustomAttributeDefinitions(SEED.accounts.main, []);
		const result = await loadChatwootMappingFields('getContactAttributeFields', { accountId: SEED.accounts.main }, credentials());
		expect(result).toEqual({ fields: [], emptyFieldsNotice: expect.stringContaining('has no custom attributes for contacts yet') });
	});

	test("the label dropdown lists the account's labels", async () => {
		const options = await loadChatwootOptions('getLabels', { accountId: SEED.accounts.main }, credentials());
		expect(options.map((option) => option.value)).toEqual(['customer', 'lead', 'vip']);
	});
});

describe('creating contacts with mapped attributes and labels', () => {
	test('every display type is stored typed, and the labels are on the contact', async () => {
		const result = await create({ name: 'Typed', ...attributeMapping(EVERY_TYPE), labels: ['vip', 'customer'] });
		expect(result.error).toBeUndefined();
		const [stored] = simulator().contacts(SEED.accounts.main);
		expect(stored.custom_attributes).toEqual({ ...EVERY_TYPE, [A.number]: 12, [A.percent]: 7.5 });
		expect(stored.labels).toEqual(['vip', 'customer']);
		expect(result.items?.[0].json).toMatchObject({ payload: { contact: { id: stored.id } }, labels: ['vip', 'customer'] });
	});

	test('with an avatar file the mapped values are stored as form text', async () => {
		const result = await create(
			{ name: 'Form', ...attributeMapping({ [A.number]: 3, [A.checkbox]: true }), avatarSource: 'binary', binaryPropertyName: 'data' },
			[binaryItem(PNG_1x1, 'image/png', 'f.png')],
		);
		expect(result.error).toBeUndefined();
		expect(simulator().contacts(SEED.accounts.main)[0].custom_attributes).toEqual({ [A.number]: '3', [A.checkbox]: 'true' });
	});

	test("a value against its definition's pattern is refused with the definition's cue, and nothing is stored", async () => {
		const result = await create({ name: 'Bad', ...attributeMapping({ [A.text]: 'ab-12' }) });
		expect(result.error?.message).toBe('Custom attribute "Loyalty code" (loyalty_code) does not match its pattern');
		expect(result.error?.description).toContain('Two capital letters, a dash and four digits');
		expect(simulator().contacts(SEED.accounts.main)).toEqual([]);
	});

	test('a label the account does not have is refused before the contact is created', async () => {
		const result = await create({ name: 'Unknown label', labels: 'vip, gold' });
		expect(result.error?.message).toBe('Label "gold" does not exist in account 1');
		expect(simulator().contacts(SEED.accounts.main)).toEqual([]);
	});

	test('labels refused after the contact is saved: the item names the contact, and Continue On Fail keeps it in the output', async () => {
		// The label read and the create fit in the limit; the label write is refused (429, no time to wait).
		simulator().setRateLimit({ limit: 2, windowMs: RATE_LIMIT_WINDOW_MS });
		await awayFromWindowEdge();
		const result = await create({ name: 'Half done', labels: ['lead'] }, undefined, true);
		const [stored] = simulator().contacts(SEED.accounts.main);
		expect(stored.labels).toEqual([]);
		expect(result.items?.[0].json).toMatchObject({
			payload: { contact: { id: stored.id, name: 'Half done' } },
			error: `Contact ${stored.id} was created, but its labels were not set`,
			description: expect.stringContaining(`The contact is saved in Chatwoot with ID ${stored.id}.`),
		});
	});
});
