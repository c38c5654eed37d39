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
	if (isPlainObject(value)) return value as IDataObject;
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
	return parsed as IDataObject;
}
