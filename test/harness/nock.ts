import nock from 'nock';

/**
 * nock for one test file: no request leaves the process, every request no interceptor matched is
 * counted (a test asserts `unmatched()` is 0 to prove the node sent nothing more than expected),
 * and interceptors are removed after each test.
 */
export function useNock(): { unmatched: () => number } {
	let unmatched = 0;
	const count = () => unmatched++;
	beforeEach(() => {
		unmatched = 0;
		nock.disableNetConnect();
		nock.emitter.on('no match', count);
	});
	afterEach(() => {
		nock.emitter.removeListener('no match', count);
		nock.cleanAll();
		nock.enableNetConnect();
	});
	return { unmatched: () => unmatched };
}
