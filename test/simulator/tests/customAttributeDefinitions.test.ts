import { call, CONTACTS, createContact } from './client';
import { SEED } from '../index';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();
const DEFINITIONS = `/api/v1/accounts/${SEED.accounts.main}/custom_attribute_definitions`;
const A = SEED.contactAttributes;

describe('GET /custom_attribute_definitions', () => {
	it('answers a bare array of definitions with the partial keys in render order', async () => {
		const response = await call(sim(), 'GET', `${DEFINITIONS}?attribute_model=contact_attribute`);
		expect(response.status).toBe(200);
		expect(Array.isArray(response.json)).toBe(true);
		expect(Object.keys(response.json[0])).toEqual([
			'id', 'attribute_display_name', 'attribute_display_type', 'attribute_description', 'attribute_key', 'regex_pattern',
			'regex_cue', 'attribute_values', 'attribute_model', 'default_value', 'created_at', 'updated_at',
		]);
		expect(response.json[0]).toEqual({
			id: 1,
			attribute_display_name: 'Loyalty code',
			attribute_display_type: 'text',
			attribute_description: 'Code printed on the loyalty card',
			attribute_key: A.text,
			regex_pattern: '^[A-Z]{2}-\\d{4}$',
			regex_cue: 'Two capital letters, a dash and four digits',
			attribute_values: [],
			attribute_model: 'contact_attribute',
			default_value: null,
			created_at: '2026-01-05T10:11:12.345Z',
			updated_at: '2026-01-05T10:11:12.345Z',
		});
	});

	it('the main account has one contact attribute of every display type', async () => {
		const response = await call(sim(), 'GET', `${DEFINITIONS}?attribute_model=contact_attribute`, { token: SEED.tokens.agent });
		const types = response.json.map((definition: { attribute_display_type: string }) => definition.attribute_display_type);
		expect(types).toEqual(['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox']);
		const list = response.json.find((definition: { attribute_key: string }) => definition.attribute_key === A.list);
		expect(list.attribute_values).toEqual(['free', 'pro', 'enterprise']);
	});

	it('without attribute_model (or blank) every model is listed; other accounts are not', async () => {
		const all = await call(sim(), 'GET', DEFINITIONS);
		expect(all.json.map((definition: { attribute_key: string }) => definition.attribute_key)).toContain('order_number');
		expect(all.json.map((definition: { attribute_key: string }) => definition.attribute_key)).not.toContain('region');
		expect((await call(sim(), 'GET', `${DEFINITIONS}?attribute_model=`)).json).toHaveLength(all.json.length);
	});

	it('attribute_model takes the enum names or their integers; anything else matches nothing', async () => {
		const keys = async (query: string) =>
			(await call(sim(), 'GET', `${DEFINITIONS}?${query}`)).json.map((definition: { attribute_key: string }) => definition.attribute_key);
		expect(await keys('attribute_model=conversation_attribute')).toEqual(['order_number']);
		expect(await keys('attribute_model=0')).toEqual(['order_number']);
		expect(await keys('attribute_model=1')).toHaveLength(8);
		expect(await keys('attribute_model=company_attribute')).toEqual([]);
		expect(await keys('attribute_model=contact')).toEqual([]);
	});

	it('definitions set by a test replace the account definitions until reset', async () => {
		sim().setCustomAttributeDefinitions(SEED.accounts.main, [
			{ attribute_key: 'tier', attribute_display_name: 'Tier', attribute_display_type: 'list', attribute_model: 'contact_attribute', attribute_values: ['a', 'b'] },
		]);
		const response = await call(sim(), 'GET', DEFINITIONS);
		expect(response.json).toHaveLength(1);
		expect(response.json[0]).toMatchObject({ attribute_key: 'tier', attribute_values: ['a', 'b'], regex_pattern: null, default_value: null });
		sim().reset();
		expect(sim().customAttributeDefinitions(SEED.accounts.main)).toHaveLength(9);
	});

	it('without a token it is 401', async () => {
		expect((await call(sim(), 'GET', DEFINITIONS, { token: null })).status).toBe(401);
	});
});

describe('custom attribute values on contacts', () => {
	it('are stored as sent on create, whatever the definitions say (no type, list or regex check)', async () => {
		const custom_attributes = { [A.text]: 'not matching', [A.number]: 'abc', [A.list]: 'platinum', [A.checkbox]: 'maybe', undefined_key: 1 };
		const response = await createContact(sim(), { name: 'Free-form', custom_attributes });
		expect(response.status).toBe(200);
		expect(response.json.payload.contact.custom_attributes).toEqual(custom_attributes);
	});

	it('PATCH merges custom_attributes and additional_attributes key by key into the stored ones', async () => {
		const created = await createContact(sim(), { custom_attributes: { [A.text]: 'AB-1234', [A.number]: 3 }, additional_attributes: { city: 'Oslo' } });
		const id = created.json.payload.contact.id;
		const response = await call(sim(), 'PATCH', `${CONTACTS}/${id}`, {
			json: { custom_attributes: { [A.number]: 5, [A.date]: '2026-03-01' }, additional_attributes: { company_name: 'Acme' } },
		});
		expect(response.json.payload.custom_attributes).toEqual({ [A.text]: 'AB-1234', [A.number]: 5, [A.date]: '2026-03-01' });
		expect(response.json.payload.additional_attributes).toEqual({ city: 'Oslo', company_name: 'Acme' });
	});
});

describe('POST /contacts/filter on custom attributes', () => {
	async function contact(email: string, custom_attributes: Record<string, unknown>): Promise<void> {
		expect((await createContact(sim(), { email, custom_attributes })).status).toBe(200);
	}

	function filter(...conditions: Array<Record<string, unknown>>) {
		return call(sim(), 'POST', `${CONTACTS}/filter`, { json: { payload: conditions } });
	}

	async function emails(...conditions: Array<Record<string, unknown>>): Promise<string[]> {
		const response = await filter(...conditions);
		expect(response.status).toBe(200);
		return response.json.payload.map((item: { email: string }) => item.email);
	}

	it('text attributes compare lower-cased; contains is ILIKE', async () => {
		await contact('a@x.io', { [A.text]: 'AB-1234' });
		await contact('b@x.io', { [A.text]: 'CD-5678' });
		await contact('c@x.io', {});
		expect(await emails({ attribute_key: A.text, filter_operator: 'equal_to', values: ['ab-1234'] })).toEqual(['a@x.io']);
		expect(await emails({ attribute_key: A.text, filter_operator: 'equal_to', values: ['AB-1234'] })).toEqual(['a@x.io']);
		expect(await emails({ attribute_key: A.text, filter_operator: 'contains', values: ['56'] })).toEqual(['b@x.io']);
		expect(await emails({ attribute_key: A.text, filter_operator: 'is_present' })).toEqual(['a@x.io', 'b@x.io']);
		expect(await emails({ attribute_key: A.text, filter_operator: 'is_not_present' })).toEqual(['c@x.io']);
	});

	it('not_equal_to also matches contacts without the attribute, and only works as the last condition', async () => {
		await contact('a@x.io', { [A.list]: 'pro' });
		await contact('b@x.io', { [A.list]: 'free' });
		await contact('c@x.io', {});
		expect(await emails({ attribute_key: A.list, filter_operator: 'not_equal_to', values: ['pro'] })).toEqual(['b@x.io', 'c@x.io']);
		// "email = a AND plan != pro OR plan IS NULL": the IS NULL escapes the AND.
		expect(
			await emails(
				{ attribute_key: 'email', filter_operator: 'equal_to', values: ['b@x.io'], query_operator: 'AND' },
				{ attribute_key: A.list, filter_operator: 'not_equal_to', values: ['pro'] },
			),
		).toEqual(['b@x.io', 'c@x.io']);
		const notLast = await filter(
			{ attribute_key: A.list, filter_operator: 'not_equal_to', values: ['pro'], query_operator: 'AND' },
			{ attribute_key: 'email', filter_operator: 'equal_to', values: ['b@x.io'] },
		);
		expect(notLast.status).toBe(500);
	});

	it('number, checkbox and date attributes are cast; ranges take numbers and ISO 8601 dates', async () => {
		await contact('a@x.io', { [A.number]: 3, [A.checkbox]: true, [A.date]: '2026-01-10' });
		await contact('b@x.io', { [A.number]: '12', [A.checkbox]: 'no', [A.date]: '2026-06-01' });
		expect(await emails({ attribute_key: A.number, filter_operator: 'is_greater_than', values: [5] })).toEqual(['b@x.io']);
		expect(await emails({ attribute_key: A.number, filter_operator: 'equal_to', values: ['3'] })).toEqual(['a@x.io']);
		expect(await emails({ attribute_key: A.checkbox, filter_operator: 'equal_to', values: [false] })).toEqual(['b@x.io']);
		expect(await emails({ attribute_key: A.date, filter_operator: 'is_less_than', values: ['2026-03-01'] })).toEqual(['a@x.io']);
		const badRange = await filter({ attribute_key: A.number, filter_operator: 'is_greater_than', values: ['many'] });
		expect(badRange.status).toBe(422);
		expect(badRange.json).toEqual({ error: `Invalid value. The values provided for ${A.number} are invalid` });
		expect((await filter({ attribute_key: A.text, filter_operator: 'is_greater_than', values: ['a'] })).status).toBe(422);
	});

	it('a stored value the cast refuses makes the filter a 500', async () => {
		await contact('a@x.io', { [A.number]: 'lots' });
		expect((await filter({ attribute_key: A.number, filter_operator: 'is_present' })).status).toBe(500);
	});

	it('currency and percent attributes cannot be filtered (500); contains on a number is 500', async () => {
		await contact('a@x.io', { [A.currency]: 10, [A.number]: 1 });
		expect((await filter({ attribute_key: A.currency, filter_operator: 'equal_to', values: ['10'] })).status).toBe(500);
		expect((await filter({ attribute_key: A.percent, filter_operator: 'is_present' })).status).toBe(500);
		expect((await filter({ attribute_key: A.number, filter_operator: 'contains', values: ['1'] })).status).toBe(500);
	});

	it('only contact attributes of this account count; other keys are invalid', async () => {
		const conversation = await filter({ attribute_key: 'order_number', filter_operator: 'equal_to', values: ['1'] });
		expect(conversation.status).toBe(422);
		expect(conversation.json.error).toMatch(/^Invalid attribute key - \[order_number\]/);
		expect((await filter({ attribute_key: 'region', filter_operator: 'equal_to', values: ['x'] })).status).toBe(422);
	});
});
