import { Workflow } from 'n8n-workflow';
import { instanceRootExpression, InvalidBaseUrlError, normalizeBaseUrl } from '../../../nodes/Chatwoot/helpers/baseUrl';

const cases: Array<[string, string]> = [
	['https://chat.example.com', 'https://chat.example.com'],
	['https://chat.example.com/', 'https://chat.example.com'],
	['  https://chat.example.com///  ', 'https://chat.example.com'],
	['https://chat.example.com/api/v1', 'https://chat.example.com'],
	['https://chat.example.com/api/v1/', 'https://chat.example.com'],
	['https://chat.example.com/api', 'https://chat.example.com'],
	['https://chat.example.com/app/accounts/3/dashboard', 'https://chat.example.com'],
	['https://chat.example.com/app/accounts/3/contacts?page=2', 'https://chat.example.com'],
	['https://chat.example.com/#/app', 'https://chat.example.com'],
	['http://localhost:3000', 'http://localhost:3000'],
	['http://127.0.0.1:3000/api/v1/accounts/1', 'http://127.0.0.1:3000'],
	['https://example.com/chatwoot', 'https://example.com/chatwoot'],
	['https://example.com/chatwoot/', 'https://example.com/chatwoot'],
	['https://example.com/chatwoot/app/accounts/1/dashboard', 'https://example.com/chatwoot'],
	['https://example.com/chatwoot/api/v1', 'https://example.com/chatwoot'],
	['https://example.com/apiary', 'https://example.com/apiary'],
	['HTTPS://Chat.Example.com/API/v1', 'HTTPS://Chat.Example.com'],
];

describe('normalizeBaseUrl', () => {
	test.each(cases)('%j → %s', (input, expected) => {
		expect(normalizeBaseUrl(input)).toBe(expected);
	});

	test.each(['', 'chat.example.com', 'ftp://chat.example.com', 'https://', 'https:// chat.example.com', 'javascript:alert(1)'])(
		'rejects %j with a message that says what to enter',
		(input) => {
			expect(() => normalizeBaseUrl(input)).toThrow(InvalidBaseUrlError);
			expect(() => normalizeBaseUrl(input)).toThrow(/is not an http\(s\) URL.*https:\/\/chat\.example\.com/);
		},
	);

	test('rejects a value that is not text', () => {
		expect(() => normalizeBaseUrl(undefined)).toThrow(InvalidBaseUrlError);
	});
});

describe('instanceRootExpression (the credential test request)', () => {
	const workflow = new Workflow({
		nodes: [],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never,
	});
	const node = { id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

	test.each(cases)('n8n evaluates %j to the same root as normalizeBaseUrl (%s)', (input, expected) => {
		const value = workflow.expression.getSimpleParameterValue(
			node,
			instanceRootExpression('baseUrl'),
			'internal',
			{ $credentials: { baseUrl: input } },
			undefined,
			'',
		);
		expect(value).toBe(expected);
	});
});
