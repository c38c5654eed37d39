/**
 * Account and inbox IDs are interpolated into the request path, so anything but a plain positive
 * integer ("1/../2", "abc", "0", "-1", "3.5") is rejected before a request is built.
 */
export function parsePositiveId(value: unknown): number | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^[1-9]\d{0,15}$/.test(text)) return undefined;
	const id = Number(text);
	return Number.isSafeInteger(id) ? id : undefined;
}
