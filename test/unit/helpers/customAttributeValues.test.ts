import { DateTime } from 'luxon';
import {
	checkAttributeValue,
	compileDefinitionPattern,
	isEmptyAttributeValue,
	listValues,
} from '../../../nodes/Chatwoot/helpers/customAttributeValues';
import type { AttributeDefinition } from '../../../nodes/Chatwoot/helpers/customAttributeValues';

const definition = (attribute_display_type: string, extra: Partial<AttributeDefinition> = {}): AttributeDefinition => ({
	attribute_key: 'key',
	attribute_display_name: 'Key',
	attribute_display_type,
	...extra,
});

const accepted = (type: string, value: unknown, extra?: Partial<AttributeDefinition>, pattern?: RegExp) =>
	checkAttributeValue(definition(type, extra), value, pattern);

describe('isEmptyAttributeValue', () => {
	test.each([undefined, null, '', '   ', '\n'])('%j is empty (not sent)', (value) => {
		expect(isEmptyAttributeValue(value)).toBe(true);
	});

	test.each([false, 0, 'x', [], {}])('%j is a value (sent, or checked)', (value) => {
		expect(isEmptyAttributeValue(value)).toBe(false);
	});
});

describe('checkAttributeValue', () => {
	test.each(['number', 'currency', 'percent'])('%s takes numbers and numeric text, sent as numbers', (type) => {
		expect(accepted(type, 5)).toEqual({ ok: true, value: 5 });
		expect(accepted(type, ' 12.50 ')).toEqual({ ok: true, value: 12.5 });
		expect(accepted(type, '-3')).toEqual({ ok: true, value: -3 });
		expect(accepted(type, '1e3')).toEqual({ ok: true, value: 1000 });
		expect(accepted(type, 0)).toEqual({ ok: true, value: 0 });
	});

	test.each([
		['€12', 'currency'],
		['12%', 'percent'],
		['1,200', 'number'],
		['abc', 'number'],
		[Number.NaN, 'number'],
		[true, 'number'],
	])('%j is not a %s', (value, type) => {
		expect(accepted(type, value)).toEqual({ ok: false, problem: 'must be a number', hint: expect.stringContaining('It is') });
	});

	test('checkbox takes booleans and the text true/false; false is a value', () => {
		expect(accepted('checkbox', true)).toEqual({ ok: true, value: true });
		expect(accepted('checkbox', false)).toEqual({ ok: true, value: false });
		expect(accepted('checkbox', ' TRUE ')).toEqual({ ok: true, value: true });
		expect(accepted('checkbox', 'false')).toEqual({ ok: true, value: false });
		expect(accepted('checkbox', 'yes')).toMatchObject({ ok: false, problem: 'must be true or false' });
		expect(accepted('checkbox', 1)).toMatchObject({ ok: false, problem: 'must be true or false' });
	});

	test('date takes ISO 8601 dates and date-times as written, and Date and Luxon objects as ISO text', () => {
		expect(accepted('date', '2026-05-01')).toEqual({ ok: true, value: '2026-05-01' });
		expect(accepted('date', '2026-05-01T09:30:00Z')).toEqual({ ok: true, value: '2026-05-01T09:30:00Z' });
		expect(accepted('date', '2026-05-01T09:30:00.000+02:00')).toEqual({ ok: true, value: '2026-05-01T09:30:00.000+02:00' });
		expect(accepted('date', '2026-05-01T09:30')).toEqual({ ok: true, value: '2026-05-01T09:30' });
		expect(accepted('date', new Date('2026-05-01T00:00:00Z'))).toEqual({ ok: true, value: '2026-05-01T00:00:00.000Z' });
		expect(accepted('date', DateTime.fromISO('2026-05-01T10:00:00', { zone: 'UTC' }))).toEqual({
			ok: true,
			value: '2026-05-01T10:00:00.000Z',
		});
	});

	test.each(['01/05/2026', '2026-02-30', '2026-13-01', 'tomorrow', '20260501', 20260501])('date refuses %j', (value) => {
		expect(accepted('date', value)).toMatchObject({ ok: false, problem: 'must be a date', hint: expect.stringContaining('2026-05-01') });
	});

	test('list takes exactly one of its values, suggests the right case, and names the offered values', () => {
		const plan = { attribute_values: ['free', 'pro', 'enterprise'] };
		expect(accepted('list', 'pro', plan)).toEqual({ ok: true, value: 'pro' });
		expect(accepted('list', 'Pro', plan)).toEqual({
			ok: false,
			problem: 'must be one of its list values',
			hint: 'It is "Pro"; the list offers "free", "pro", "enterprise". Did you mean "pro"?',
		});
		expect(accepted('list', 'gold', plan)).toMatchObject({ ok: false, hint: expect.not.stringContaining('Did you mean') });
		expect(accepted('list', 2, { attribute_values: ['1', '2'] })).toEqual({ ok: true, value: '2' });
		expect(accepted('list', 'x', {})).toMatchObject({ ok: false, hint: expect.stringContaining('no values') });
	});

	test('link takes http(s) addresses, without the dashboard’s dot-in-the-host rule', () => {
		expect(accepted('link', ' https://crm.example.com/c/42 ')).toEqual({ ok: true, value: 'https://crm.example.com/c/42' });
		expect(accepted('link', 'http://localhost:3000/x')).toEqual({ ok: true, value: 'http://localhost:3000/x' });
		for (const value of ['crm.example.com', 'mailto:a@b.c', 'ftp://example.com', 'https://']) {
			expect(accepted('link', value)).toMatchObject({ ok: false, problem: 'must be a link' });
		}
	});

	test('text takes text, and numbers and booleans as their text; objects are refused', () => {
		expect(accepted('text', 'hello')).toEqual({ ok: true, value: 'hello' });
		expect(accepted('text', 42)).toEqual({ ok: true, value: '42' });
		expect(accepted('text', false)).toEqual({ ok: true, value: 'false' });
		expect(accepted('text', { a: 1 })).toEqual({ ok: false, problem: 'must be text', hint: 'It is {"a":1}.' });
	});

	test("text with a pattern is checked, and the message is the definition's cue", () => {
		const loyalty = { regex_pattern: '/^[A-Z]{2}-\\d{4}$/', regex_cue: 'Two capital letters, a dash and four digits' };
		const pattern = compileDefinitionPattern(loyalty.regex_pattern);
		expect(accepted('text', 'AB-1234', loyalty, pattern)).toEqual({ ok: true, value: 'AB-1234' });
		expect(accepted('text', 'ab-12', loyalty, pattern)).toEqual({
			ok: false,
			problem: 'does not match its pattern',
			hint: 'Two capital letters, a dash and four digits It is "ab-12".',
		});
		expect(accepted('text', 'ab-12', { regex_pattern: '/^\\d+$/' }, compileDefinitionPattern('/^\\d+$/'))).toMatchObject({
			hint: 'It must match /^\\d+$/. It is "ab-12".',
		});
	});

	test('display types newer than the node are sent as text, without a pattern check', () => {
		expect(accepted('rating', 4)).toEqual({ ok: true, value: '4' });
	});
});

describe('compileDefinitionPattern', () => {
	const matches = (pattern: string, text: string) => compileDefinitionPattern(pattern)!.test(text);

	test('reads /source/flags as the dashboard does, flags included', () => {
		expect(matches('/^abc$/i', 'ABC')).toBe(true);
		expect(matches('/^a\\/b$/', 'a/b')).toBe(true);
	});

	test('reads a bare pattern (stored through the API) as the source', () => {
		expect(matches('^[A-Z]{2}-\\d{4}$', 'AB-1234')).toBe(true);
		expect(matches('^[A-Z]{2}-\\d{4}$', 'xAB-1234')).toBe(false);
	});

	test('translates Ruby anchors, \\h and a leading (?i)', () => {
		expect(matches('\\A\\d+\\z', '123')).toBe(true);
		expect(matches('\\A\\d+\\z', 'A123z')).toBe(false);
		expect(matches('\\A\\d+\\Z', '123\n')).toBe(true);
		expect(matches('^\\h+$', 'c0ffee')).toBe(true);
		expect(matches('^[\\h-]+$', 'c0-ff')).toBe(true);
		expect(matches('(?i)^vip$', 'VIP')).toBe(true);
		expect(matches('^a\\\\A$', 'a\\A')).toBe(true);
	});

	test('gives no check for what JavaScript cannot compile, nor for an empty pattern', () => {
		expect(compileDefinitionPattern('/a++/')).toBeUndefined();
		expect(compileDefinitionPattern('(?<=a')).toBeUndefined();
		expect(compileDefinitionPattern('[\\A]')).toBeUndefined();
		expect(compileDefinitionPattern('')).toBeUndefined();
		expect(compileDefinitionPattern(null)).toBeUndefined();
	});

	test('a global or sticky flag does not carry state from one value to the next', () => {
		const pattern = compileDefinitionPattern('/^\\d+$/g')!;
		const loyalty = definition('text', { regex_pattern: '/^\\d+$/g' });
		expect(checkAttributeValue(loyalty, '12', pattern).ok).toBe(true);
		expect(checkAttributeValue(loyalty, '34', pattern).ok).toBe(true);
	});
});

test('listValues keeps text and numbers of attribute_values as text', () => {
	expect(listValues(definition('list', { attribute_values: ['a', 2, null, { x: 1 }] }))).toEqual(['a', '2']);
	expect(listValues(definition('list', { attribute_values: null }))).toEqual([]);
});
