/**
 * Contacts::FilterService for the standard contact keys of lib/filters/filter_keys.yml
 * (app/services/filter_service.rb, app/helpers/filters/filter_helper.rb).
 * Conditions become SQL joined by each condition's `query_operator`, so evaluation follows SQL:
 * NULL never matches, AND binds tighter than OR, and a missing or trailing operator is a syntax
 * error (500). Other keys are contact custom attributes (customAttributeFilter.ts).
 */
import { fail, replies } from '../http/reply';
import { own } from '../http/rackParams';
import { isBlank } from './ruby';
import type { CustomAttributeDefinition } from '../types';
import { compileCustomAttributeCondition, findContactAttribute, type CustomAttributeCondition } from './customAttributeFilter';
import {
	allTruth,
	anyTruth,
	DAY_MS,
	daysBefore,
	FilterError,
	firstValue,
	ilikePatterns,
	iso8601Day,
	not,
	requireString,
	TEXT_OPERATORS,
	type Predicate,
} from './filterValues';
import { sqlLike } from './sqlLike';
import type { ContactRecord } from './contactStore';


interface FilterKey {
	operators: string[];
	compile(operator: string, values: unknown): Predicate;
}

export { FilterError };

/** A standard key compiles to a predicate; a custom attribute may add not_equal_to's NULL test. */
type CompiledCondition = CustomAttributeCondition;

export interface FilterCondition {
	attribute_key?: unknown;
	filter_operator?: unknown;
	values?: unknown;
	query_operator?: unknown;
}

/** Text comparison shared by columns and additional_attributes; `read` yields the SQL-side value. */
function textPredicate(
	read: (contact: ContactRecord) => string | null,
	operator: string,
	values: unknown,
	equalityValue: () => string,
): Predicate {
	switch (operator) {
		case 'equal_to':
		case 'not_equal_to': {
			const expected = equalityValue();
			const negate = operator === 'not_equal_to';
			return (contact) => {
				const actual = read(contact);
				if (actual === null) return null;
				return negate ? actual !== expected : actual === expected;
			};
		}
		case 'contains': {
			const patterns = ilikePatterns(values);
			return (contact) => anyTruth(patterns.map((pattern) => sqlLike(read(contact), pattern, true)));
		}
		default: {
			const patterns = ilikePatterns(values);
			return (contact) => allTruth(patterns.map((pattern) => not(sqlLike(read(contact), pattern, true))));
		}
	}
}

function lowerColumn(column: 'name' | 'email' | 'identifier'): FilterKey {
	return {
		operators: column === 'identifier' ? ['equal_to', 'not_equal_to'] : TEXT_OPERATORS,
		compile: (operator, values) =>
			textPredicate(
				(contact) => contact[column]?.toLowerCase() ?? null,
				operator,
				values,
				() => requireString(firstValue(values)).toLowerCase(),
			),
	};
}

/** Contacts::FilterService#filter_values: `"+#{value&.delete('+')}"`, only the plus signs are moved. */
function normalizedPhone(values: unknown): string {
	const value = firstValue(values);
	if (value === undefined || value === null) return '+';
	if (typeof value !== 'string') fail(replies.internalError());
	return `+${value.replace(/\+/g, '')}`;
}

/**
 * `starts_with` has no branch of its own in filter_operation and falls to its default, `= :value`:
 * the same exact comparison as equal_to.
 */
const phoneNumberKey: FilterKey = {
	operators: [...TEXT_OPERATORS, 'starts_with'],
	compile: (operator, values) =>
		textPredicate(
			(contact) => contact.phone_number,
			operator === 'starts_with' ? 'equal_to' : operator,
			values,
			() => normalizedPhone(values),
		),
};

function jsonText(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `LOWER(contacts.additional_attributes ->> 'key')`, data_type text_case_insensitive. */
function additionalAttribute(key: string, operators: string[]): FilterKey {
	return {
		operators,
		compile: (operator, values) =>
			textPredicate(
				(contact) => jsonText(contact.additional_attributes[key])?.toLowerCase() ?? null,
				operator,
				values,
				() => requireString(firstValue(values)).toLowerCase(),
			),
	};
}

/**
 * Taggings: `EXISTS (... tags.name IN (:value))` with the first value lower-cased
 * (Contacts::FilterService#filter_values), compared exactly with the stored tag names.
 */
const labelsKey: FilterKey = {
	operators: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
	compile: (operator, values) => {
		if (operator === 'is_present') return (contact) => contact.labels.length > 0;
		if (operator === 'is_not_present') return (contact) => contact.labels.length === 0;
		const first = firstValue(values);
		const names = first === undefined || first === null ? [] : [requireString(first).toLowerCase()];
		const negate = operator === 'not_equal_to';
		return (contact) => contact.labels.some((label) => names.includes(label)) !== negate;
	},
};

function pgBoolean(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (['t', 'true', 'y', 'yes', 'on', '1'].includes(text)) return true;
	if (['f', 'false', 'n', 'no', 'off', '0'].includes(text)) return false;
	fail(replies.internalError());
}

const blockedKey: FilterKey = {
	operators: ['equal_to', 'not_equal_to'],
	compile: (operator, values) => {
		const expected = pgBoolean(firstValue(values));
		return (contact) => (operator === 'equal_to' ? contact.blocked === expected : contact.blocked !== expected);
	},
};

/** `(contacts.<column>)::date > 'value'::date`; days_before is "less than today minus N days". */
function dateColumn(key: string, read: (contact: ContactRecord) => number | null): FilterKey {
	return {
		operators: ['is_greater_than', 'is_less_than', 'days_before'],
		compile: (operator, values) => {
			const days = operator === 'days_before' ? daysBefore(values) : iso8601Day(firstValue(values), key);
			const greater = operator === 'is_greater_than';
			return (contact) => {
				const seconds = read(contact);
				if (seconds === null) return null;
				const day = Math.floor((seconds * 1000) / DAY_MS);
				return greater ? day > days : day < days;
			};
		},
	};
}

export const CONTACT_FILTER_KEYS: Record<string, FilterKey> = {
	name: lowerColumn('name'),
	phone_number: phoneNumberKey,
	email: lowerColumn('email'),
	identifier: lowerColumn('identifier'),
	country_code: additionalAttribute('country_code', ['equal_to', 'not_equal_to']),
	city: additionalAttribute('city', TEXT_OPERATORS),
	company_name: additionalAttribute('company_name', TEXT_OPERATORS),
	labels: labelsKey,
	created_at: dateColumn('created_at', (contact) => contact.created_at),
	last_activity_at: dateColumn('last_activity_at', () => null),
	blocked: blockedKey,
};

function validateQueryOperators(conditions: FilterCondition[]): void {
	for (const { query_operator: operator } of conditions) {
		if (operator === undefined || operator === null || operator === '') continue;
		if (typeof operator !== 'string') fail(replies.internalError());
		if (!['AND', 'OR'].includes(operator.toUpperCase())) throw new FilterError('Query operator must be either "AND" or "OR".');
	}
}

function compileCondition(condition: FilterCondition, definitions: CustomAttributeDefinition[]): CompiledCondition {
	const key = String(condition.attribute_key ?? '');
	const operator = String(condition.filter_operator ?? '');
	const definition = own(CONTACT_FILTER_KEYS, key);
	if (definition && !definition.operators.includes(operator)) {
		throw new FilterError(`Invalid operator. The allowed operators for ${key} are [${definition.operators.join(',')}].`);
	}
	if (!['is_present', 'is_not_present'].includes(operator) && isBlank(condition.values)) {
		throw new FilterError(`Invalid value. The values provided for ${key} are invalid`);
	}
	if (definition) return { predicate: definition.compile(operator, condition.values) };
	const attribute = findContactAttribute(definitions, key);
	if (attribute) return compileCustomAttributeCondition(attribute, operator, condition.values);
	throw new FilterError(
		`Invalid attribute key - [${key}]. The allowed keys for attribute are [${Object.keys(CONTACT_FILTER_KEYS).join(',')}].`,
	);
}

/** Splits `c0 op0 c1 op1 c2` into OR-separated groups of AND-ed predicates. */
function groupByPrecedence(conditions: FilterCondition[], predicates: Predicate[]): Predicate[][] {
	const groups: Predicate[][] = [[]];
	predicates.forEach((predicate, index) => {
		groups[groups.length - 1].push(predicate);
		const operator = conditions[index].query_operator;
		const isLast = index === predicates.length - 1;
		const hasOperator = typeof operator === 'string' && operator !== '';
		// "cond AND" at the end, or "cond cond" without an operator, is invalid SQL.
		if (isLast === hasOperator) fail(replies.internalError());
		if (hasOperator && operator.toUpperCase() === 'OR') groups.push([]);
	});
	return groups;
}

/**
 * Builds the WHERE clause of a filter payload; throws FilterError for the 422 cases. Keys that are
 * not standard are looked up among the account's contact attribute definitions.
 */
export function compileFilter(payload: unknown, definitions: CustomAttributeDefinition[]): (contact: ContactRecord) => boolean {
	if (!Array.isArray(payload)) fail(replies.internalError());
	const conditions = payload.map((item) =>
		typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as FilterCondition) : fail(replies.internalError()),
	);
	validateQueryOperators(conditions);
	const compiled = conditions.map((condition) => compileCondition(condition, definitions));
	if (compiled.length === 0) fail(replies.internalError());
	const groups = groupByPrecedence(conditions, compiled.map((item) => item.predicate));
	// not_equal_to on a custom attribute appends "OR <value> IS NULL" after the query operator: valid
	// SQL only on the last condition, where it ORs with the whole clause.
	compiled.forEach((item, index) => {
		if (!item.orIsNull) return;
		if (index !== compiled.length - 1) fail(replies.internalError());
		groups.push([item.orIsNull]);
	});
	return (contact) => anyTruth(groups.map((group) => allTruth(group.map((predicate) => predicate(contact))))) === true;
}
