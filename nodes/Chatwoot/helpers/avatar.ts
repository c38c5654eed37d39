/** Chatwoot's avatar limit (app/models/concerns/avatarable.rb): 15 megabytes. */
export const MAX_AVATAR_BYTES = 15 * 1024 * 1024;

/**
 * Chatwoot identifies the avatar's type from its bytes (ActiveStorage/Marcel), not from the declared
 * MIME type, and accepts only these three.
 */
export function sniffAvatarType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/gif' | undefined {
	const startsWith = (signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
	if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith([0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) || startsWith([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) {
		return 'image/gif';
	}
	return undefined;
}
