/**
 * HTTP inspection API under /__simulator/ for tests whose client runs in another process. These
 * routes never see faults, latency or rate limits, and need no token.
 */
import { jsonReply, replies, type Reply } from '../http/reply';
import type {
	AttributeDisplayType,
	AttributeModel,
	CustomAttributeDefinitionInput,
	FaultOptions,
	LabelInput,
	RateLimitOptions,
	Simulator,
} from '../types';

export const INSPECTION_PREFIX = '/__simulator/';

export type InspectionControls = Omit<Simulator, 'url' | 'port' | 'close'>;

const DISPLAY_TYPES: readonly AttributeDisplayType[] = ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox'];
const MODELS: readonly AttributeModel[] = ['conversation_attribute', 'contact_attribute', 'company_attribute'];

function parseJson(body: Buffer): unknown {
	const text = body.toString('utf8').trim();
	return text === '' ? null : JSON.parse(text);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRateLimit(value: unknown): value is RateLimitOptions {
	return isObject(value) && typeof value.limit === 'number' && typeof value.windowMs === 'number' && value.windowMs > 0;
}

function isOptional(value: unknown, check: (item: unknown) => boolean): boolean {
	return value === undefined || value === null || check(value);
}

const isString = (value: unknown): boolean => typeof value === 'string';

function isLabelInput(value: unknown): value is LabelInput {
	return (
		isObject(value) &&
		typeof value.title === 'string' &&
		isOptional(value.description, isString) &&
		(value.color === undefined || typeof value.color === 'string') &&
		isOptional(value.show_on_sidebar, (item) => typeof item === 'boolean')
	);
}

function isDefinitionInput(value: unknown): value is CustomAttributeDefinitionInput {
	return (
		isObject(value) &&
		typeof value.attribute_key === 'string' &&
		typeof value.attribute_display_name === 'string' &&
		DISPLAY_TYPES.includes(value.attribute_display_type as AttributeDisplayType) &&
		MODELS.includes(value.attribute_model as AttributeModel) &&
		isOptional(value.attribute_description, isString) &&
		(value.attribute_values === undefined || Array.isArray(value.attribute_values)) &&
		isOptional(value.regex_pattern, isString) &&
		isOptional(value.regex_cue, isString) &&
		isOptional(value.default_value, (item) => Number.isInteger(item))
	);
}

/** `{account_id, <key>: [...]}` with every item accepted by `isItem`. */
function accountList<T>(value: unknown, key: string, isItem: (item: unknown) => item is T): { accountId: number; items: T[] } | undefined {
	if (!isObject(value) || !Number.isInteger(value.account_id)) return undefined;
	const items = value[key];
	if (!Array.isArray(items) || !items.every(isItem)) return undefined;
	return { accountId: value.account_id as number, items };
}

function accountIdQuery(url: URL): number | undefined {
	const accountId = url.searchParams.get('account_id');
	return accountId === null ? undefined : Number(accountId);
}

function invalid(message: string): Reply {
	return jsonReply(400, { error: message });
}

function applyJson(body: Buffer, apply: (value: unknown) => Reply): Reply {
	try {
		return apply(parseJson(body));
	} catch {
		return invalid('body must be JSON');
	}
}

export function handleInspection(controls: InspectionControls, method: string, url: URL, body: Buffer): Reply {
	const action = `${method} ${url.pathname.slice(INSPECTION_PREFIX.length).replace(/\/$/, '')}`;
	switch (action) {
		case 'GET requests':
			return jsonReply(200, controls.requests());
		case 'GET contacts':
			return jsonReply(200, controls.contacts(accountIdQuery(url)));
		case 'GET labels':
			return jsonReply(200, controls.labels(accountIdQuery(url)));
		case 'GET custom-attribute-definitions':
			return jsonReply(200, controls.customAttributeDefinitions(accountIdQuery(url)));
		case 'POST labels':
			return applyJson(body, (value) => {
				const list = accountList(value, 'labels', isLabelInput);
				if (!list) return invalid('expected {account_id, labels: [{title, description?, color?, show_on_sidebar?}]}');
				controls.setLabels(list.accountId, list.items);
				return jsonReply(200, controls.labels(list.accountId));
			});
		case 'POST custom-attribute-definitions':
			return applyJson(body, (value) => {
				const list = accountList(value, 'definitions', isDefinitionInput);
				if (!list) return invalid('expected {account_id, definitions: [CustomAttributeDefinitionInput]}');
				controls.setCustomAttributeDefinitions(list.accountId, list.items);
				return jsonReply(200, controls.customAttributeDefinitions(list.accountId));
			});
		case 'GET counters':
			return jsonReply(200, controls.counters());
		case 'POST reset':
			controls.reset();
			return jsonReply(200, { ok: true });
		case 'POST faults':
			return applyJson(body, (value) => {
				if (value !== null && !isObject(value)) return invalid('expected FaultOptions');
				controls.setFaults((value ?? {}) as FaultOptions);
				return jsonReply(200, { ok: true });
			});
		case 'POST rate-limit':
			return applyJson(body, (value) => {
				if (value !== null && !isRateLimit(value)) return invalid('expected {limit, windowMs} or null');
				controls.setRateLimit(value ?? undefined);
				return jsonReply(200, { ok: true });
			});
		default:
			return replies.routeNotFound();
	}
}
