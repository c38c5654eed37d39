/**
 * Rack's nested parameter naming (`Rack::QueryParser#normalize_params`), as used by Rails for
 * query strings, x-www-form-urlencoded and multipart bodies: `a[b]=1`, `a[b][c]=1`, `a[]=1`,
 * `a[][b]=1`. Conflicting shapes (`a=1&a[b]=2`) raise, which Rails answers with 400.
 */

export class UploadedFile {
	constructor(
		readonly filename: string,
		readonly declaredType: string,
		readonly bytes: Buffer,
	) {}
}

/** JSON bodies add numbers and booleans; form bodies only produce strings, nulls and files. */
export type ParamValue = string | number | boolean | null | UploadedFile | ParamValue[] | ParamHash;
export interface ParamHash {
	[key: string]: ParamValue;
}

export class ParameterTypeError extends Error {}

const DEPTH_LIMIT = 32;

export function isParamHash(value: unknown): value is ParamHash {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UploadedFile);
}

/** Own-property write that is safe for keys such as `__proto__`. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The value under `key` only if it is the object's own (never one inherited through its prototype). */
export function own<T>(target: Record<string, T>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
}

function splitName(name: string, depth: number): { key: string; after: string } {
	if (depth === 0) {
		const start = name.indexOf('[', 1);
		return start > 0 ? { key: name.slice(0, start), after: name.slice(start) } : { key: name, after: '' };
	}
	if (name.startsWith('[]')) return { key: '[]', after: name.slice(2) };
	const close = name.indexOf(']', 1);
	if (name.startsWith('[') && close > 0) return { key: name.slice(1, close), after: name.slice(close + 1) };
	return { key: name, after: '' };
}

function hashHasNestedKey(hash: ParamHash, key: string): boolean {
	if (key.includes('[]')) return false;
	let current: ParamValue = hash;
	for (const part of key.split(/[[\]]+/)) {
		if (part === '') continue;
		if (!isParamHash(current) || own(current, part) === undefined) return false;
		current = current[part];
	}
	return true;
}

function arrayAt(params: ParamHash, key: string): ParamValue[] {
	const existing = own(params, key);
	if (existing === undefined) {
		const created: ParamValue[] = [];
		setOwn(params, key, created);
		return created;
	}
	if (!Array.isArray(existing)) throw new ParameterTypeError(`expected Array for param \`${key}'`);
	return existing;
}

function childKeyOfArrayHash(after: string): string {
	const inner = after.slice(3, -1);
	const isSimpleHashKey = after[2] === '[' && after.endsWith(']') && inner !== '' && !/[[\]]/.test(inner);
	return isSimpleHashKey ? inner : after.slice(2);
}

function appendToArray(params: ParamHash, key: string, after: string, value: ParamValue, depth: number): void {
	const list = arrayAt(params, key);
	if (after === '[]') {
		list.push(value);
		return;
	}
	const childKey = childKeyOfArrayHash(after);
	const last = list[list.length - 1];
	if (isParamHash(last) && !hashHasNestedKey(last, childKey)) {
		normalizeParams(last, childKey, value, depth + 1);
	} else {
		list.push(normalizeParams({}, childKey, value, depth + 1));
	}
}

export function normalizeParams(params: ParamHash, name: string, value: ParamValue, depth = 0): ParamHash {
	if (depth >= DEPTH_LIMIT) throw new ParameterTypeError('parameters too deeply nested');
	const { key, after } = splitName(name, depth);
	if (key === '') return params;
	if (after === '' || after === '[') {
		setOwn(params, after === '' ? key : name, value);
	} else if (after.startsWith('[]')) {
		appendToArray(params, key, after, value, depth);
	} else {
		const existing = own(params, key) ?? {};
		if (!isParamHash(existing)) throw new ParameterTypeError(`expected Hash for param \`${key}'`);
		setOwn(params, key, normalizeParams(existing, after, value, depth + 1));
	}
	return params;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** URI.decode_www_form_component: `+` is a space; a bad %-escape or invalid UTF-8 raises. */
export function decodeFormComponent(text: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === '%') {
			const hex = text.slice(i + 1, i + 3);
			if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new ParameterTypeError(`invalid %-encoding (${text})`);
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(char === '+' ? ' ' : char, 'utf8'));
		}
	}
	try {
		return utf8.decode(Uint8Array.from(bytes));
	} catch {
		throw new ParameterTypeError('invalid byte sequence in UTF-8');
	}
}

/** Rack::Utils.parse_nested_query. */
export function parseNestedQuery(query: string): ParamHash {
	const params: ParamHash = {};
	for (const pair of query.split('&')) {
		if (pair === '') continue;
		const separator = pair.indexOf('=');
		const name = decodeFormComponent(separator < 0 ? pair : pair.slice(0, separator));
		const value = separator < 0 ? null : decodeFormComponent(pair.slice(separator + 1));
		normalizeParams(params, name, value);
	}
	return params;
}
