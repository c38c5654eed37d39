import { ResponseLostError, backoffDelay, classifyResponse, classifyNetworkError, DEFAULT_RETRY_POLICY, NotSentError, retryAfterMs } from '../../../nodes/Chatwoot/transport/retry';

describe('classifyResponse', () => {
	test.each([
		[200, 'final'],
		[401, 'final'],
		[404, 'final'],
		[422, 'final'],
		[500, 'final'],
		[429, 'retry'],
		[503, 'retry'],
		[502, 'lost'],
		[504, 'lost'],
	])('%d → %s', (status, verdict) => {
		expect(classifyResponse(status)).toBe(verdict);
	});
});

describe('classifyNetworkError', () => {
	test.each([
		['ECONNREFUSED', 'connection'],
		['EHOSTUNREACH', 'connection'],
		['ENOTFOUND', 'name'],
		['EAI_AGAIN', 'name'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'certificate'],
		['SELF_SIGNED_CERT_IN_CHAIN', 'certificate'],
		['CERT_HAS_EXPIRED', 'certificate'],
		['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'certificate'],
		['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'certificate'],
		['ERR_TLS_CERT_ALTNAME_INVALID', 'certificate'],
		['EPROTO', 'certificate'],
	])('%s: the request never reached Chatwoot (%s)', (code, reason) => {
		const error = classifyNetworkError({ message: 'x', cause: { code } });
		expect(error).toBeInstanceOf(NotSentError);
		expect(error).toMatchObject({ code, reason });
	});

	test('the code is found however deep n8n wrapped the error', () => {
		expect(classifyNetworkError({ message: 'x', cause: { message: 'y', cause: { code: 'CERT_HAS_EXPIRED' } } })).toMatchObject({ reason: 'certificate' });
	});

	test.each(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE'])('%s: the response was lost', (code) => {
		expect(classifyNetworkError({ code })).toBeInstanceOf(ResponseLostError);
	});

	test('a request aborted because the execution was stopped is neither retried nor looked up', () => {
		const error = classifyNetworkError({ message: 'canceled', code: 'ERR_CANCELED' });
		expect(error).not.toBeInstanceOf(NotSentError);
		expect(error).not.toBeInstanceOf(ResponseLostError);
		expect(error.message).toBe('the execution was stopped');
	});

	test('an error without a code counts as a lost response, never as safe', () => {
		expect(classifyNetworkError(new Error('socket hang up'))).toBeInstanceOf(ResponseLostError);
	});

	test('keeps only the code, not the request configuration with its token', () => {
		const error = classifyNetworkError({ code: 'ECONNRESET', config: { headers: { 'Api-Access-Token': 'secret' } } });
		expect(JSON.stringify(error)).not.toContain('secret');
		expect(error.message).toBe('ECONNRESET');
	});
});

describe('backoffDelay', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 1000, maxDelayMs: 60_000 };

	test('doubles per attempt between half and all of the step', () => {
		expect(backoffDelay(1, policy, () => 0)).toBe(500);
		expect(backoffDelay(1, policy, () => 1)).toBe(1000);
		expect(backoffDelay(3, policy, () => 0)).toBe(2000);
		expect(backoffDelay(3, policy, () => 1)).toBe(4000);
	});

	test("is capped by the maximum delay (Chatwoot's one-minute window by default)", () => {
		expect(backoffDelay(20, policy, () => 1)).toBe(60_000);
		expect(backoffDelay(20, policy, () => 0)).toBe(30_000);
	});
});

describe('retryAfterMs', () => {
	test('reads seconds and HTTP dates', () => {
		expect(retryAfterMs('3')).toBe(3000);
		expect(retryAfterMs('0')).toBe(0);
		expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
	});

	test('ignores missing, empty, negative and unreadable values', () => {
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs('')).toBeUndefined();
		expect(retryAfterMs('-5')).toBeUndefined();
		expect(retryAfterMs('soon')).toBeUndefined();
	});

	test('caps a very long wait at ten minutes', () => {
		expect(retryAfterMs('86400')).toBe(600_000);
	});
});
