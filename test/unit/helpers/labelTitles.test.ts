import { checkLabelsExist, LabelListError, parseLabelList, unionLabels } from '../../../nodes/Chatwoot/helpers/labelTitles';

function errorOf(action: () => unknown): LabelListError {
	try {
		action();
	} catch (error) {
		return error as LabelListError;
	}
	throw new Error('expected a LabelListError');
}

describe('parseLabelList', () => {
	test('takes a list or comma-separated text, split on commas as Chatwoot splits, trimmed, without blanks or repeats', () => {
		expect(parseLabelList(['vip', 'lead'])).toEqual(['vip', 'lead']);
		expect(parseLabelList('vip, lead ,,vip')).toEqual(['vip', 'lead']);
		expect(parseLabelList(['vip,lead', ' customer '])).toEqual(['vip', 'lead', 'customer']);
		expect(parseLabelList([2026])).toEqual(['2026']);
	});

	test.each([undefined, null, '', [], ['', ' , ']])('%j gives no labels', (value) => {
		expect(parseLabelList(value)).toEqual([]);
	});

	test('refuses entries that are not text', () => {
		const error = errorOf(() => parseLabelList(['vip', { title: 'lead' }]));
		expect(error).toBeInstanceOf(LabelListError);
		expect(error.message).toBe('Labels must be label titles');
		expect(error.description).toContain('{"title":"lead"}');
	});
});

describe('checkLabelsExist', () => {
	const titles = ['customer', 'lead', 'vip'];

	test("passes the account's titles", () => {
		expect(() => checkLabelsExist(['vip', 'lead'], titles, 1)).not.toThrow();
	});

	test('refuses another spelling of a title and names the right one', () => {
		const error = errorOf(() => checkLabelsExist(['VIP'], titles, 1));
		expect(error.message).toBe('Label "VIP" must be written "vip"');
	});

	test('refuses a label the account does not have, listing the ones it has', () => {
		const error = errorOf(() => checkLabelsExist(['vip', 'gold'], titles, 1));
		expect(error.message).toBe('Label "gold" does not exist in account 1');
		expect(error.description).toContain('"customer", "lead", "vip"');
		expect(errorOf(() => checkLabelsExist(['gold'], [], 1)).description).toContain('it has none yet');
	});
});

test('unionLabels keeps the existing labels first and adds only new names, ignoring case', () => {
	expect(unionLabels(['lead', 'VIP'], ['vip', 'customer', 'lead'])).toEqual(['lead', 'VIP', 'customer']);
	expect(unionLabels([], ['vip'])).toEqual(['vip']);
});
