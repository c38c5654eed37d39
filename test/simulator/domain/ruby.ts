/** Small ports of Ruby/ActiveSupport semantics the controllers rely on. */

/** String#to_i: leading integer or 0 ("abc" -> 0, "12abc" -> 12). */
export function rubyToI(text: string): number {
	const match = /^\s*([-+]?\d+(?:_\d+)*)/.exec(text);
	return match ? parseInt(match[1].replace(/_/g, ''), 10) : 0;
}

/** Object#blank?: nil, false, whitespace-only strings, empty arrays and hashes. */
export function isBlank(value: unknown): boolean {
	if (value === null || value === undefined || value === false) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.keys(value).length === 0;
	return false;
}

export function isPresent(value: unknown): boolean {
	return !isBlank(value);
}

/** Unicode code points, as Ruby's String#length counts them. */
export function characterLength(text: string): number {
	return [...text].length;
}
