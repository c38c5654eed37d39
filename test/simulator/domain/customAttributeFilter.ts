/**
 * Filter conditions on a contact custom attribute (app/helpers/filters/filter_helper.rb#handle_nil_filter,
 * app/services/filters/custom_attribute_filter_helper.rb, FilterService::ATTRIBUTE_TYPES). The stored
 * value is read as text (`custom_attributes ->> key`) and cast to the definition's SQL type:
 *
 * - text, link, list: `LOWER(...)::text`; number: `::numeric`; checkbox: `::boolean`; date: `::date`;
 *   currency and percent have no type, which makes the SQL invalid (500).
 * - A stored value the cast rejects fails the whole query (500), whichever contact holds it.
 * - Operators are not checked against a list: equal_to/not_equal_to compare with the first value
 *   (lower-cased when a string), contains/does_not_contain are ILIKE (text only, else 500),
 *   is_present/is_not_present test for NULL, is_greater_than/is_less_than/days_before coerce the
 *   value to a date or a number (422 otherwise), and any other operator is an equality.
 * - not_equal_to appends ` OR <value> IS NULL` after the condition's query operator: as the last
 *   condition it ORs with the whole WHERE clause, anywhere else the SQL is invalid (500).
 */
import { fail, replies } from '../http/reply';
import type { CustomAttributeDefinition } from '../types';
import type { ContactRecord } from './contactStore';
import {
	anyTruth,
	allTruth,
	daysBefore,
	FilterError,
	firstValue,
	ilikePatterns,
	iso8601Day,
	not,
	type Predicate,
	type Truth,
} from './filterValues';
import { sqlLike } from './sqlLike';

type SqlType = 'text' | 'numeric' | 'boolean' | 'date';
type SqlValue = string | number | boolean;

const SQL_TYPES: Partial<Record<CustomAttributeDefinition['attribute_display_type'], SqlType>> = {
	text: 'text',
	link: 'text',
	list: 'text',
	number: 'numeric',
	checkbox: 'boolean',
	date: 'date',
};

const BOOLEAN_WORDS: Record<string, boolean> = {
	t: true,
	true: true,
	y: true,
	yes: true,
	on: true,
	'1': true,
	f: false,
	false: false,
	n: false,
	no: false,
	off: false,
	'0': false,
};

const DAY_MS = 86_400_000;

/** PostgreSQL's input cast of a text value; undefined when PostgreSQL would raise. */
function castText(text: string, type: SqlType): SqlValue | undefined {
	const trimmed = text.trim();
	switch (type) {
		case 'text':
			return text;
		case 'numeric':
			return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : undefined;
		case 'boolean':
			return BOOLEAN_WORDS[trimmed.toLowerCase()];
		case 'date': {
			const time = Date.parse(trimmed);
			return Number.isNaN(time) ? undefined : Math.floor(time / DAY_MS);
		}
	}
}

/** `custom_attributes ->> key`: strings as they are, other JSON values as JSON text, missing as NULL. */
function storedText(contact: ContactRecord, key: string): string | null {
	const value = contact.custom_attributes[key];
	if (value === undefined || value === null) return null;
	return typeof value === 'string' ? value : JSON.stringify(value);
}

function storedValue(contact: ContactRecord, key: string, type: SqlType): SqlValue | null {
	const text = storedText(contact, key);
	if (text === null) return null;
	const value = castText(type === 'text' ? text.toLowerCase() : text, type);
	return value === undefined ? fail(replies.internalError()) : value;
}

/**
 * A condition value compared with the cast column. A string is an untyped literal that PostgreSQL
 * casts (or refuses: 500); a JSON number only compares with numeric, a JSON boolean with boolean.
 */
function boundValue(value: unknown, type: SqlType): SqlValue {
	if (typeof value === 'number' && type === 'numeric') return value;
	if (typeof value === 'boolean' && type === 'boolean') return value;
	if (typeof value !== 'string') fail(replies.internalError());
	const cast = castText(value, type);
	return cast === undefined ? fail(replies.internalError()) : cast;
}

/** Contacts::FilterService#filter_values: the first value, lower-cased when it is a string. */
function equalityValue(values: unknown, type: SqlType): SqlValue | null {
	const first = firstValue(values);
	if (first === undefined || first === null) return null;
	return boundValue(typeof first === 'string' ? first.toLowerCase() : first, type);
}

/** filter_operation's default branch binds `filter_values(...).to_s`: always a string. */
function stringifiedValue(values: unknown, type: SqlType): SqlValue {
	const first = firstValue(values);
	const text = first === undefined || first === null ? '' : typeof first === 'string' ? first.toLowerCase() : JSON.stringify(first);
	return boundValue(text, type);
}

/** FilterService#coerce_lt_gt_value: dates with Date.iso8601, numbers with BigDecimal, else 422. */
function rangeValue(operator: string, values: unknown, key: string, type: SqlType): number {
	if (type === 'date') return operator === 'days_before' ? daysBefore(values) : iso8601Day(firstValue(values), key);
	const invalid = new FilterError(`Invalid value. The values provided for ${key} are invalid`);
	if (type !== 'numeric' || operator === 'days_before') throw invalid;
	const first = firstValue(values);
	const cast = typeof first === 'number' ? first : typeof first === 'string' ? castText(first, 'numeric') : undefined;
	if (typeof cast !== 'number') throw invalid;
	return cast;
}

function compare(left: SqlValue | null, right: SqlValue | null, test: (order: number) => boolean): Truth {
	if (left === null || right === null) return null;
	return test(left === right ? 0 : left < right ? -1 : 1);
}

export interface CustomAttributeCondition {
	predicate: Predicate;
	/** not_equal_to's ` OR <value> IS NULL`, ORed with the whole WHERE clause. */
	orIsNull?: Predicate;
}

export function findContactAttribute(definitions: CustomAttributeDefinition[], key: string): CustomAttributeDefinition | undefined {
	return definitions.find((definition) => definition.attribute_model === 'contact_attribute' && definition.attribute_key === key);
}

export function compileCustomAttributeCondition(
	definition: CustomAttributeDefinition,
	operator: string,
	values: unknown,
): CustomAttributeCondition {
	const key = definition.attribute_key;
	const type = SQL_TYPES[definition.attribute_display_type];
	if (!type) fail(replies.internalError());
	const read = (contact: ContactRecord) => storedValue(contact, key, type);
	switch (operator) {
		case 'is_present':
			return { predicate: (contact) => read(contact) !== null };
		case 'is_not_present':
			return { predicate: (contact) => read(contact) === null };
		case 'contains':
		case 'does_not_contain': {
			if (type !== 'text') fail(replies.internalError());
			const patterns = ilikePatterns(values);
			const matches = (contact: ContactRecord): Truth => {
				const value = read(contact) as string | null;
				return anyTruth(patterns.map((pattern) => sqlLike(value, pattern, true)));
			};
			if (operator === 'contains') return { predicate: matches };
			return {
				predicate: (contact) => {
					const value = read(contact) as string | null;
					return allTruth(patterns.map((pattern) => not(sqlLike(value, pattern, true))));
				},
			};
		}
		case 'is_greater_than':
		case 'is_less_than':
		case 'days_before': {
			const bound = rangeValue(operator, values, key, type);
			const greater = operator === 'is_greater_than';
			return { predicate: (contact) => compare(read(contact), bound, (order) => (greater ? order > 0 : order < 0)) };
		}
		case 'not_equal_to': {
			const bound = equalityValue(values, type);
			return {
				predicate: (contact) => compare(read(contact), bound, (order) => order !== 0),
				orIsNull: (contact) => read(contact) === null,
			};
		}
		case 'equal_to': {
			const bound = equalityValue(values, type);
			return { predicate: (contact) => compare(read(contact), bound, (order) => order === 0) };
		}
		default: {
			const bound = stringifiedValue(values, type);
			return { predicate: (contact) => compare(read(contact), bound, (order) => order === 0) };
		}
	}
}
