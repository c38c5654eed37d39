/**
 * Contact labels as Chatwoot keeps them. An account's labels (app/models/label.rb) have lower-case
 * titles of letters, digits, "_" and "-" (lib/regex_helper.rb UNICODE_CHARACTER_NUMBER_HYPHEN_UNDERSCORE),
 * but a contact's labels are acts-as-taggable-on tags (app/models/concerns/labelable.rb): the
 * contact labels endpoint accepts any text, splits it again on commas, and creates a tag for a name
 * no label has. The dashboard only shows a contact's tags whose names equal one of the account's label
 * titles (ContactLabels.vue), so anything else would be stored but invisible. Hence every name given
 * here must be one of the account's label titles, exactly.
 */
import { isPlainObject } from './isPlainObject';

export class LabelListError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

/**
 * The labels as given: a list (the dropdown, or an expression's array) or comma-separated text (an
 * expression's string); each entry is split on commas as Chatwoot would, trimmed, blanks dropped,
 * repeats removed.
 */
export function parseLabelList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const entries = Array.isArray(value) ? value : [value];
	const names: string[] = [];
	for (const entry of entries) {
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			throw new LabelListError(
				'Labels must be label titles',
				`An entry is ${isPlainObject(entry) || Array.isArray(entry) ? JSON.stringify(entry) : String(entry)}. Give a list of titles such as ["vip", "lead"], or text such as "vip, lead".`,
			);
		}
		for (const name of String(entry).split(',').map((part) => part.trim())) {
			if (name !== '' && !names.includes(name)) names.push(name);
		}
	}
	return names;
}

/** Each name must be one of the account's label titles; the error names the first that is not. */
export function checkLabelsExist(names: string[], accountTitles: string[], accountId: number): void {
	for (const name of names) {
		if (accountTitles.includes(name)) continue;
		const sameIgnoringCase = accountTitles.find((title) => title === name.toLowerCase());
		if (sameIgnoringCase !== undefined) {
			throw new LabelListError(
				`Label "${name}" must be written "${sameIgnoringCase}"`,
				"Chatwoot's label titles are lower case, and its dashboard only shows a contact's label when it is spelled exactly like the account's label.",
			);
		}
		throw new LabelListError(
			`Label "${name}" does not exist in account ${accountId}`,
			`Chatwoot would store it on the contact without showing it anywhere. Create the label in Chatwoot (Settings → Labels) first, or choose from the account's labels: ${accountTitles.map((title) => `"${title}"`).join(', ') || 'it has none yet'}.`,
		);
	}
}

/**
 * The contact's labels with the new ones added after them. A name the contact already has (in any
 * spelling: tags are matched ignoring case) is not added twice.
 */
export function unionLabels(existing: string[], added: string[]): string[] {
	const result = [...existing];
	const seen = new Set(existing.map((name) => name.toLowerCase()));
	for (const name of added) {
		if (seen.has(name.toLowerCase())) continue;
		seen.add(name.toLowerCase());
		result.push(name);
	}
	return result;
}
