/**
 * Values and SQL truth shared by the filter keys: three-valued logic (NULL never matches), the
 * value shapes Chatwoot reads from a condition, and the errors it raises about them.
 */
import { fail, replies } from '../http/reply';
import { rubyToI } from './ruby';
import type { ContactRecord } from './contactStore';

export type Truth = boolean | null;
export type Predicate = (contact: ContactRecord) => Truth;

export class FilterError extends Error {}

export const TEXT_OPERATORS = ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'];

export function firstValue(values: unknown): unknown {
	return Array.isArray(values) ? values[0] : typeof values === 'string' ? values[0] : undefined;
}

/** A value that PostgreSQL cannot compare with a text column makes the query fail. */
export function requireString(value: unknown): string {
	return typeof value === 'string' ? value : fail(replies.internalError());
}

/** values_for_ilike: every value becomes `%value.strip%`. */
export function ilikePatterns(values: unknown): string[] {
	const list = Array.isArray(values) ? values : [values];
	return list.map((value) => `%${requireString(value).trim()}%`);
}

export function not(truth: Truth): Truth {
	return truth === null ? null : !truth;
}

export function anyTruth(truths: Truth[]): Truth {
	if (truths.includes(true)) return true;
	return truths.includes(null) ? null : false;
}

export function allTruth(truths: Truth[]): Truth {
	if (truths.includes(false)) return false;
	return truths.includes(null) ? null : true;
}

export const DAY_MS = 86_400_000;

/** FilterService#coerce_lt_gt_value for dates: `Date.iso8601(value.to_s)`, else InvalidValue (422). */
export function iso8601Day(value: unknown, key: string): number {
	const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
	const match = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|T)/.exec(text);
	const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
	const valid = match !== null && new Date(time).getUTCDate() === Number(match[3]);
	if (!valid) throw new FilterError(`Invalid value. The values provided for ${key} are invalid`);
	return Math.floor(time / DAY_MS);
}

/** days_before N: `is_less_than` today minus N days (`values[0].to_i`). */
export function daysBefore(values: unknown): number {
	const value = firstValue(values);
	const days = typeof value === 'number' ? Math.trunc(value) : typeof value === 'string' ? rubyToI(value) : 0;
	return Math.floor(Date.now() / DAY_MS) - days;
}

