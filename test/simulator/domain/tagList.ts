/**
 * Contact labels are acts-as-taggable-on tags (app/models/concerns/labelable.rb). Assigning a list
 * goes through the gem's DefaultParser and TagList#clean!: array items are joined with ", " and
 * split again on commas (quoted items stay whole), stripped, blanks dropped, and duplicates
 * removed case-insensitively, the first spelling kept.
 */

const DOUBLE_QUOTED = /(^|,)\s*"(.*?)"\s*(?=,\s*|$)/g;
const SINGLE_QUOTED = /(^|,)\s*'(.*?)'\s*(?=,\s*|$)/g;

export function parseTagList(items: string[]): string[] {
	let text = items.join(', ');
	const tags: string[] = [];
	for (const pattern of [DOUBLE_QUOTED, SINGLE_QUOTED]) {
		text = text.replace(pattern, (_match, _delimiter: string, tag: string) => {
			tags.push(tag);
			return '';
		});
	}
	tags.push(...text.split(','));
	const seen = new Set<string>();
	const cleaned: string[] = [];
	for (const tag of tags.map((item) => item.trim())) {
		if (tag === '' || seen.has(tag.toLowerCase())) continue;
		seen.add(tag.toLowerCase());
		cleaned.push(tag);
	}
	return cleaned;
}

/**
 * The tags table, shared by every account: a name is matched case-insensitively against existing
 * tags (Tag.find_or_create_all_with_like_by_name), so the first spelling ever saved is the one
 * stored for everybody after it.
 */
export class TagTable {
	private readonly names = new Map<string, string>();

	findOrCreate(name: string): string {
		const key = name.toLowerCase();
		const existing = this.names.get(key);
		if (existing !== undefined) return existing;
		this.names.set(key, name);
		return name;
	}

	clear(): void {
		this.names.clear();
	}
}
