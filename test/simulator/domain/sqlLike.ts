/**
 * PostgreSQL LIKE / ILIKE: `%` is any run, `_` any single character, `\` escapes the next one.
 * Chatwoot does not escape user input, so these stay wildcards.
 */

function escapeRegex(char: string): string {
	return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class LikePatternError extends Error {}

export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
	let source = '';
	const chars = [...pattern];
	for (let i = 0; i < chars.length; i++) {
		const char = chars[i];
		if (char === '\\') {
			// PG: "LIKE pattern must not end with escape character"
			if (i === chars.length - 1) throw new LikePatternError('LIKE pattern must not end with escape character');
			source += escapeRegex(chars[++i]);
		} else if (char === '%') {
			source += '[\\s\\S]*';
		} else if (char === '_') {
			source += '[\\s\\S]';
		} else {
			source += escapeRegex(char);
		}
	}
	return new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
}

/** SQL semantics: NULL never matches. */
export function sqlLike(value: string | null, pattern: string, caseInsensitive: boolean): boolean | null {
	if (value === null) return null;
	return likeToRegExp(pattern, caseInsensitive).test(value);
}
