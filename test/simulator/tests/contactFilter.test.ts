import { call, CONTACTS, createContact } from './client';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();

const FILTER = `${CONTACTS}/filter`;

interface Condition {
	attribute_key: string;
	filter_operator: string;
	values: unknown;
	query_operator?: string | null;
}

function filter(...payload: Condition[]) {
	return call(sim(), 'POST', FILTER, { json: { payload } });
}

function names(json: any): string[] {
	return json.payload.map((contact: { name: string }) => contact.name);
}

describe('POST /contacts/filter', () => {
	it('unauthenticated filter is 401', async () => {
		expect((await call(sim(), 'POST', FILTER, { token: null, json: { payload: [] } })).status).toBe(401);
	});

	it('country_code equal_to matches additional_attributes case-insensitively', async () => {
		await createContact(sim(), { name: 'us1', email: 'us1@x.io', additional_attributes: { country_code: 'US' } });
		await createContact(sim(), { name: 'us2', email: 'us2@x.io', additional_attributes: { country_code: 'us' } });
		await createContact(sim(), { name: 'de', email: 'de@x.io', additional_attributes: { country_code: 'DE' } });
		const response = await filter({ attribute_key: 'country_code', filter_operator: 'equal_to', values: ['US'] });
		expect(response.status).toBe(200);
		expect(names(response.json)).toEqual(['us1', 'us2']);
		expect(response.json.meta).toEqual({ count: 2, current_page: 1 });
	});

	it('an operator not allowed for the key is 422 with the allowed list', async () => {
		const response = await filter({ attribute_key: 'country_code', filter_operator: 'eq', values: ['US'] });
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			error: 'Invalid operator. The allowed operators for country_code are [equal_to,not_equal_to].',
		});
	});

	it('empty values are 422 Invalid value', async () => {
		const response = await filter({ attribute_key: 'country_code', filter_operator: 'equal_to', values: [] });
		expect(response.status).toBe(422);
		expect(response.json).toEqual({ error: 'Invalid value. The values provided for country_code are invalid' });
	});

	it('an unknown attribute key is 422 Invalid attribute key', async () => {
		const response = await filter({ attribute_key: 'shoe_size', filter_operator: 'equal_to', values: ['9'] });
		expect(response.status).toBe(422);
		expect(response.json.error).toMatch(/^Invalid attribute key - \[shoe_size\]/);
	});

	it('an invalid query_operator is 422 Query operator must be either "AND" or "OR".', async () => {
		const response = await filter(
			{ attribute_key: 'name', filter_operator: 'equal_to', values: ['a'], query_operator: 'XOR' },
			{ attribute_key: 'name', filter_operator: 'equal_to', values: ['b'] },
		);
		expect(response.status).toBe(422);
		expect(response.json).toEqual({ error: 'Query operator must be either "AND" or "OR".' });
	});

	it('email and identifier equal_to compare LOWER(...), so they are case-insensitive', async () => {
		await createContact(sim(), { name: 'alice', email: 'alice@acme.inc', identifier: 'CRM-42' });
		const byEmail = await filter({ attribute_key: 'email', filter_operator: 'equal_to', values: ['ALICE@acme.inc'] });
		const byIdentifier = await filter({ attribute_key: 'identifier', filter_operator: 'equal_to', values: ['crm-42'] });
		expect(names(byEmail.json)).toEqual(['alice']);
		expect(names(byIdentifier.json)).toEqual(['alice']);
	});

	it('phone_number equal_to puts one "+" in front of the value and changes nothing else', async () => {
		await createContact(sim(), { name: 'phone', phone_number: '+14155550123' });
		const equal = async (value: unknown) =>
			names((await filter({ attribute_key: 'phone_number', filter_operator: 'equal_to', values: [value] })).json);
		expect(await equal('14155550123')).toEqual(['phone']);
		expect(await equal('++14155550123')).toEqual(['phone']);
		expect(await equal('1 (415) 555-0123')).toEqual([]);
		const numeric = await filter({ attribute_key: 'phone_number', filter_operator: 'equal_to', values: [14155550123] });
		expect(numeric.status).toBe(500);
	});

	it('phone_number starts_with is the same exact comparison as equal_to', async () => {
		await createContact(sim(), { name: 'sf', phone_number: '+14155550123' });
		await createContact(sim(), { name: 'ny', phone_number: '+12125550123' });
		const prefix = await filter({ attribute_key: 'phone_number', filter_operator: 'starts_with', values: ['+1415'] });
		expect(names(prefix.json)).toEqual([]);
		const whole = await filter({ attribute_key: 'phone_number', filter_operator: 'starts_with', values: ['+14155550123'] });
		expect(names(whole.json)).toEqual(['sf']);
	});

	it('company_name compares additional_attributes.company_name ignoring case', async () => {
		await createContact(sim(), { name: 'acme', email: 'a@acme.io', additional_attributes: { company_name: 'ACME Inc' } });
		const response = await filter({ attribute_key: 'company_name', filter_operator: 'contains', values: ['acme'] });
		expect(names(response.json)).toEqual(['acme']);
	});

	it('a date that is not ISO 8601 is 422 Invalid value', async () => {
		const response = await filter({ attribute_key: 'created_at', filter_operator: 'is_greater_than', values: ['yesterday'] });
		expect(response.status).toBe(422);
		expect(response.json).toEqual({ error: 'Invalid value. The values provided for created_at are invalid' });
	});

	it('contains / does_not_contain are ILIKE ANY / NOT ILIKE ALL', async () => {
		await createContact(sim(), { name: 'Alice Smith', identifier: 'a' });
		await createContact(sim(), { name: 'Bob Jones', identifier: 'b' });
		await createContact(sim(), { name: 'Carol Smithers', identifier: 'c' });
		const contains = await filter({ attribute_key: 'name', filter_operator: 'contains', values: ['smith', 'JONES'] });
		expect(names(contains.json)).toEqual(['Alice Smith', 'Bob Jones', 'Carol Smithers']);
		const excludes = await filter({ attribute_key: 'name', filter_operator: 'does_not_contain', values: ['smith'] });
		expect(names(excludes.json)).toEqual(['Bob Jones']);
	});

	it('not_equal_to never matches NULL columns (SQL semantics)', async () => {
		await createContact(sim(), { name: 'with', email: 'with@x.io' });
		await createContact(sim(), { name: 'without', identifier: 'no-email' });
		const response = await filter({ attribute_key: 'email', filter_operator: 'not_equal_to', values: ['other@x.io'] });
		expect(names(response.json)).toEqual(['with']);
	});

	it('only resolved contacts (email, phone or identifier) are filtered', async () => {
		await createContact(sim(), { name: 'Ghost' });
		await createContact(sim(), { name: 'Ghost', email: 'ghost@x.io' });
		const response = await filter({ attribute_key: 'name', filter_operator: 'equal_to', values: ['ghost'] });
		expect(response.json.meta.count).toBe(1);
		expect(response.json.payload[0].email).toBe('ghost@x.io');
	});

	it('AND binds tighter than OR, as in the generated SQL', async () => {
		await createContact(sim(), { name: 'a', email: 'a@x.io', additional_attributes: { city: 'Berlin' } });
		await createContact(sim(), { name: 'b', email: 'b@x.io', additional_attributes: { city: 'Paris' } });
		await createContact(sim(), { name: 'c', email: 'c@x.io', additional_attributes: { city: 'Berlin' } });
		const response = await filter(
			{ attribute_key: 'name', filter_operator: 'equal_to', values: ['b'], query_operator: 'OR' },
			{ attribute_key: 'city', filter_operator: 'equal_to', values: ['berlin'], query_operator: 'and' },
			{ attribute_key: 'name', filter_operator: 'equal_to', values: ['c'], query_operator: null },
		);
		expect(names(response.json)).toEqual(['b', 'c']);
	});

	it('a query_operator on the last condition produces invalid SQL: 500', async () => {
		const response = await filter({ attribute_key: 'name', filter_operator: 'equal_to', values: ['a'], query_operator: 'AND' });
		expect(response.status).toBe(500);
	});

	it('results are paged by 15 with the total count', async () => {
		for (let i = 0; i < 17; i++) await createContact(sim(), { name: 'same', identifier: `p-${i}` });
		const page = await call(sim(), 'POST', `${FILTER}?page=2`, {
			json: { payload: [{ attribute_key: 'name', filter_operator: 'equal_to', values: ['same'] }] },
		});
		expect(page.json.meta).toEqual({ count: 17, current_page: '2' });
		expect(page.json.payload).toHaveLength(2);
	});
});
