import { AttributesError, parseJsonObject } from '../../../nodes/Chatwoot/helpers/attributes';

describe('parseJsonObject', () => {
	test('parses a JSON object, keeping nested values and types', () => {
		expect(parseJsonObject('{"plan":"pro","seats":5,"vip":true,"tags":["a","b"],"social":{"x":"y"}}', 'Custom Attributes')).toEqual({
			plan: 'pro',
			seats: 5,
			vip: true,
			tags: ['a', 'b'],
			social: { x: 'y' },
		});
	});

	test('takes an object produced by an expression as it is', () => {
		const value = { plan: 'pro' };
		expect(parseJsonObject(value, 'Custom Attributes')).toBe(value);
	});

	test.each([undefined, '', '   '])('treats %j as not set', (input) => {
		expect(parseJsonObject(input, 'Custom Attributes')).toBeUndefined();
	});

	test.each([
		['[1,2]', /Custom Attributes must be a JSON object/, /an array/],
		['"text"', /must be a JSON object/, /a string/],
		['null', /must be a JSON object/, /null/],
		['5', /must be a JSON object/, /a number/],
	])('rejects %s', (input, message, description) => {
		try {
			parseJsonObject(input, 'Custom Attributes');
			throw new Error('no error');
		} catch (error) {
			expect(error).toBeInstanceOf(AttributesError);
			expect((error as AttributesError).message).toMatch(message);
			expect((error as AttributesError).description).toMatch(description);
		}
	});

	test('rejects values an expression produced that are not objects', () => {
		expect(() => parseJsonObject(['a'], 'Additional Attributes')).toThrow(/Additional Attributes must be a JSON object/);
		expect(() => parseJsonObject(7, 'Additional Attributes')).toThrow(AttributesError);
	});

	test('says where invalid JSON broke, with line, column and a caret', () => {
		try {
			parseJsonObject('{\n  "plan": "pro",\n  "seats": 5,,\n}', 'Custom Attributes');
			throw new Error('no error');
		} catch (error) {
			const { message, description } = error as AttributesError;
			expect(message).toBe('Custom Attributes is not valid JSON');
			expect(description).toMatch(/line 3, column 14/);
			expect(description).toContain('  "seats": 5,,\n             ^');
		}
	});

	test('keeps __proto__ and constructor as plain keys without touching any prototype', () => {
		const parsed = parseJsonObject('{"__proto__":{"polluted":true},"constructor":{"prototype":{"bad":1}}}', 'Custom Attributes')!;
		expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
		expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(({} as Record<string, unknown>).bad).toBeUndefined();
		expect(JSON.stringify(parsed)).toBe('{"__proto__":{"polluted":true},"constructor":{"prototype":{"bad":1}}}');
	});

	test.each<[unknown, string]>([
		['{"grid": [[1, 2], 3]}', 'grid[0]'],
		['{"a": {"b": [1, {"c": [[]]}]}}', 'a.b[1].c[0]'],
		[{ matrix: [['x']] }, 'matrix[0]'],
	])('refuses %j: Chatwoot would drop the list inside a list at %s', (value, path) => {
		expect(() => parseJsonObject(value, 'Custom Attributes')).toThrow(`Custom Attributes has a list inside a list at "${path}"`);
	});

	test('keeps lists of scalars and of objects, which Chatwoot stores as they are', () => {
		const value = { tags: ['a', 1, true, null], rows: [{ cells: [1, 2] }], empty: [] };
		expect(parseJsonObject(JSON.stringify(value), 'Custom Attributes')).toEqual(value);
	});
});
