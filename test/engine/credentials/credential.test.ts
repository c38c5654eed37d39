import nock from 'nock';
import { testChatwootCredential } from '../../harness/engine';
import { TOKEN } from '../../harness/fixtures';

afterEach(() => nock.cleanAll());

describe('credential test (GET /api/v1/profile through the engine)', () => {
	test('passes for a valid token, reaching the instance root from a pasted dashboard URL', async () => {
		const scope = nock('https://chat.example.com')
			.get('/api/v1/profile')
			.matchHeader('api-access-token', TOKEN)
			.reply(200, { id: 1, accounts: [{ id: 1 }] });
		expect(await testChatwootCredential({ baseUrl: 'https://chat.example.com/app/accounts/1/dashboard', accessToken: TOKEN })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(scope.isDone()).toBe(true);
	});

	test('keeps a sub-path prefix', async () => {
		const scope = nock('https://example.com').get('/chatwoot/api/v1/profile').reply(200, { id: 1, accounts: [] });
		expect((await testChatwootCredential({ baseUrl: 'https://example.com/chatwoot/', accessToken: TOKEN })).status).toBe('OK');
		expect(scope.isDone()).toBe(true);
	});

	// n8n re-sends a request that got a 401 once (to refresh expirable credentials), hence times(2).
	test.each([
		['an invalid token', { error: 'Invalid Access Token' }],
		['an agent-bot token', { error: 'Access to this endpoint is not authorized for bots' }],
	])('fails for %s with a message that says which token to use', async (_label, body) => {
		nock('https://chat.example.com').get('/api/v1/profile').times(2).reply(401, body);
		const result = await testChatwootCredential({ baseUrl: 'https://chat.example.com', accessToken: TOKEN });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Profile Settings → Access Token: agent-bot and platform-app tokens are refused/);
		expect(result.message).not.toContain(TOKEN);
	});

	test('fails for a base URL that is not Chatwoot', async () => {
		nock('https://www.example.com').get('/api/v1/profile').reply(404, '<html>Not Found</html>');
		const result = await testChatwootCredential({ baseUrl: 'https://www.example.com', accessToken: TOKEN });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/No Chatwoot API at this Base URL/) });
	});

	test('sends the token only in the dash-form header', async () => {
		let headers: Record<string, unknown> = {};
		nock('https://chat.example.com')
			.get('/api/v1/profile')
			.reply(function () {
				headers = this.req.headers;
				return [200, { id: 1, accounts: [] }];
			});
		await testChatwootCredential({ baseUrl: 'https://chat.example.com', accessToken: TOKEN });
		expect(headers['api-access-token']).toBe(TOKEN);
		expect(headers.api_access_token).toBeUndefined();
		expect(headers.authorization).toBeUndefined();
	});
});
