import { parsePositiveId } from '../../../nodes/Chatwoot/helpers/ids';

describe('parsePositiveId', () => {
	test.each([
		[1, 1],
		['1', 1],
		[' 42 ', 42],
		['9007199254740991', 9007199254740991],
	])('accepts %j as %d', (input, expected) => {
		expect(parsePositiveId(input)).toBe(expected);
	});

	test.each(['1/../2', 'abc', '0', 0, '-1', -1, '3.5', 3.5, '', '01', '1e3', '9007199254740993', null, undefined, {}, true])(
		'rejects %j',
		(input) => {
			expect(parsePositiveId(input)).toBeUndefined();
		},
	);
});
