import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import { compileDefinitionPattern } from '../../helpers/customAttributeValues';
import type { AttributeDefinition } from '../../helpers/customAttributeValues';
import { isPlainObject } from '../../helpers/isPlainObject';
import { summarizeResponse } from '../../transport';
import type { ChatwootClient } from '../../transport';

/** A read of the account's labels or definitions failed; `cause` is one line on why. */
export class CatalogReadError extends Error {
	constructor(
		readonly what: string,
		readonly reason: string,
		readonly statusCode?: number,
	) {
		super(`Could not read the ${what}: ${reason}`);
	}
}

/** An account label (app/views/api/v1/models/_label.json.jbuilder). */
export interface AccountLabel {
	title: string;
	description?: string | null;
}

async function read(client: ChatwootClient, path: string, what: string, qs?: Record<string, string>): Promise<unknown> {
	// Reads may be repeated safely, so a lost answer is retried like a rate-limited one.
	const outcome = await client.send({ method: 'GET', path, qs }, { retryLostResponses: true }).catch((error: Error) => error);
	if (outcome instanceof Error) throw new CatalogReadError(what, outcome.message);
	const { response } = outcome;
	if (response.statusCode !== 200) throw new CatalogReadError(what, summarizeResponse(response), response.statusCode);
	return response.body;
}

/**
 * The account's contact attribute definitions. Without `attribute_model` Chatwoot returns the
 * conversation and company attributes too (custom_attribute_definitions_controller.rb,
 * `with_attribute_model`); the answer is a bare array.
 */
export async function readContactAttributeDefinitions(client: ChatwootClient, accountId: number): Promise<AttributeDefinition[]> {
	const what = `custom attribute definitions of account ${accountId}`;
	const body = await read(client, `/api/v1/accounts/${accountId}/custom_attribute_definitions`, what, {
		attribute_model: 'contact_attribute',
	});
	if (!Array.isArray(body)) throw new CatalogReadError(what, 'Chatwoot did not answer with a list');
	return body.filter(
		(entry): entry is AttributeDefinition =>
			isPlainObject(entry) && typeof entry.attribute_key === 'string' && typeof entry.attribute_display_type === 'string',
	);
}

/** The account's labels, `{payload: [...]}` ordered by title (labels_controller.rb#index). */
export async function readAccountLabels(client: ChatwootClient, accountId: number): Promise<AccountLabel[]> {
	const what = `labels of account ${accountId}`;
	const body = await read(client, `/api/v1/accounts/${accountId}/labels`, what);
	const payload = isPlainObject(body) ? body.payload : undefined;
	if (!Array.isArray(payload)) throw new CatalogReadError(what, 'Chatwoot did not answer with a label list');
	return payload.filter((entry): entry is AccountLabel => isPlainObject(entry) && typeof entry.title === 'string');
}

/**
 * What one run needs to know about each account it writes to, read once per account and shared by
 * all items (a failed read too: the items of one run see one state of the account).
 */
export class AccountCatalog {
	private readonly definitions = new Map<number, Promise<AttributeDefinition[]>>();
	private readonly labels = new Map<number, Promise<AccountLabel[]>>();
	private readonly patterns = new WeakMap<AttributeDefinition, RegExp | undefined>();

	constructor(private readonly client: ChatwootClient) {}

	contactAttributeDefinitions(accountId: number): Promise<AttributeDefinition[]> {
		return remember(this.definitions, accountId, () => readContactAttributeDefinitions(this.client, accountId));
	}

	labelTitles(accountId: number): Promise<string[]> {
		return remember(this.labels, accountId, () => readAccountLabels(this.client, accountId)).then((labels) =>
			labels.map((label) => label.title),
		);
	}

	/** A text attribute's pattern, compiled once per run. */
	pattern(definition: AttributeDefinition): RegExp | undefined {
		if (!this.patterns.has(definition)) this.patterns.set(definition, compileDefinitionPattern(definition.regex_pattern));
		return this.patterns.get(definition);
	}
}

function remember<T>(cache: Map<number, Promise<T>>, key: number, load: () => Promise<T>): Promise<T> {
	let entry = cache.get(key);
	if (!entry) {
		entry = load();
		// Items that never ask again must not leave an unhandled rejection behind.
		entry.catch(() => undefined);
		cache.set(key, entry);
	}
	return entry;
}

/**
 * The item error for a failed catalog read: the item is not sent, because what it would send could
 * not be checked. Anything else is passed on unchanged.
 */
export function catalogReadFailure(context: IExecuteFunctions, itemIndex: number, error: unknown, purpose: string): Error {
	if (!(error instanceof CatalogReadError)) return error as Error;
	return new NodeOperationError(context.getNode(), `Could not read the ${error.what} ${purpose}`, {
		itemIndex,
		description: `${error.reason}. Nothing was sent for this item.`,
	});
}
