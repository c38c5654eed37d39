import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { parsePositiveId } from '../helpers/ids';
import { ChatwootClient, DEFAULT_RETRY_POLICY } from '../transport';

/** A dropdown is loaded while the user waits: one attempt, and a shorter timeout than a run's. */
const DROPDOWN_POLICY = { ...DEFAULT_RETRY_POLICY, maxRetries: 0, timeoutMs: 15_000 };

/** The client for one dropdown or field-list load. */
export async function connectForDropdown(context: ILoadOptionsFunctions): Promise<ChatwootClient> {
	return await ChatwootClient.connect(context, DROPDOWN_POLICY);
}

/**
 * The account chosen in the node, whichever way it was given (from the list, by URL, by ID, or a
 * bare ID saved before Account was a locator), or undefined while none is.
 */
export function chosenAccountIdOrNone(context: ILoadOptionsFunctions): number | undefined {
	try {
		return parsePositiveId(context.getCurrentNodeParameter('accountId', { extractValue: true }));
	} catch {
		// A URL that is not (yet) a Chatwoot address: no account is chosen.
		return undefined;
	}
}

/** The account chosen in the node, which the lists below it depend on; `what` says what is listed per account. */
export function chosenAccountId(context: ILoadOptionsFunctions, what: string): number {
	const accountId = chosenAccountIdOrNone(context);
	if (accountId === undefined) {
		throw new NodeOperationError(context.getNode(), `Choose an Account first: ${what} are listed per account`);
	}
	return accountId;
}
