import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from './isPlainObject';

export class AttributesError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return `a ${typeof value}`;
}

/** Line, column and the offending line with a caret, from the position V8 reports for bad JSON. */
function locateJsonError(text: string, error: Error): string {
	const position = /position (\d+)/.exec(error.message);
	if (!position) return error.message;
	const offset = Number(position[1]);
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	const lineStart = before.lastIndexOf('\n') + 1;
	const lineEnd = text.indexOf('\n', offset);
	const lineText = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
	const column = offset - lineStart + 1;
	return `${error.message} (line ${line}, column ${column}):\n${lineText}\n${' '.repeat(column - 1)}^`;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		return error as SyntaxError;
	}
}

/**
 * A JSON-object parameter (Additional or Custom Attributes). n8n hands it over as the typed text, or
 * as an object when an expression produced one. Chatwoot silently drops a value that is not a hash
 * (it only permits a hash: `permit(custom_attributes: {})` in contacts_controller.rb), so anything but an object is an error here rather than a silent no-op.
 * `JSON.parse` defines keys such as `__proto__` as own data properties, so they cannot reach a prototype.
 */
export function parseJsonObject(value: unknown, label: string): IDataObject | undefined {
	if (value === undefined || value === '') return undefined;
	if (isPlainObject(value)) return checkedForChatwoot(value as IDataObject, label);
	if (typeof value !== 'string') {
		throw new AttributesError(
			`${label} must be a JSON object`,
			`It is ${describeType(value)}. Write an object such as {"plan": "pro"}.`,
		);
	}
	if (value.trim() === '') return undefined;
	const parsed = parseJson(value);
	if (parsed instanceof SyntaxError) {
		throw new AttributesError(
			`${label} is not valid JSON`,
			`${locateJsonError(value, parsed)}\nWrite an object such as {"plan": "pro"}.`,
		);
	}
	if (!isPlainObject(parsed)) {
		throw new AttributesError(
			`${label} must be a JSON object`,
			`The JSON is ${describeType(parsed)}. Write an object such as {"plan": "pro"}.`,
		);
	}
	return checkedForChatwoot(parsed as IDataObject, label);
}

/** The path of the first list directly inside a list, e.g. `grid[0]`; undefined when there is none. */
export function findNestedList(value: unknown, path: string): string | undefined {
	if (Array.isArray(value)) {
		for (const [index, element] of value.entries()) {
			if (Array.isArray(element)) return `${path}[${index}]`;
			const found = findNestedList(element, `${path}[${index}]`);
			if (found) return found;
		}
	} else if (isPlainObject(value)) {
		for (const [key, child] of Object.entries(value)) {
			const found = findNestedList(child, path ? `${path}.${key}` : key);
			if (found) return found;
		}
	}
	return undefined;
}

/**
 * Chatwoot permits attribute hashes with `permit(custom_attributes: {})`, which keeps scalars, hashes
 * and lists of them but silently drops a list inside a list (`{"grid": [[1, 2], 3]}` is stored as
 * `{"grid": [3]}`): such a value is refused instead.
 */
function checkedForChatwoot(attributes: IDataObject, label: string): IDataObject {
	const nested = findNestedList(attributes, '');
	if (nested) {
		throw new AttributesError(
			`${label} has a list inside a list at "${nested}"`,
			'Chatwoot drops lists nested directly in lists without a word. Wrap the inner list in an object, e.g. {"rows": [{"cells": [1, 2]}]}, or join it into text.',
		);
	}
	return attributes;
}
