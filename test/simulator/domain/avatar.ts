/**
 * Avatar rules of app/models/concerns/avatarable.rb (docs/chatwoot-behaviour.md, "Avatars"). ActiveStorage identifies
 * the content type by sniffing the bytes, so the declared multipart type does not matter here.
 */

export const AVATAR_MAX_BYTES = 15 * 1024 * 1024;

const SIGNATURES: ReadonlyArray<{ type: string; magic: Buffer }> = [
	{ type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
	{ type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
	{ type: 'image/gif', magic: Buffer.from('GIF87a') },
	{ type: 'image/gif', magic: Buffer.from('GIF89a') },
];

/** RIFF container whose form type (bytes 8-11) is WEBP. */
function isWebp(bytes: Buffer): boolean {
	return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
}

/** The image type the bytes prove, or undefined when they are not an accepted image. */
export function sniffImageType(bytes: Buffer): string | undefined {
	if (isWebp(bytes)) return 'image/webp';
	return SIGNATURES.find(({ magic }) => bytes.subarray(0, magic.length).equals(magic))?.type;
}

/** Error texts (without the "Avatar" prefix) in the order acceptable_avatar adds them. */
export function avatarErrors(bytes: Buffer): string[] {
	const errors: string[] = [];
	if (bytes.length > AVATAR_MAX_BYTES) errors.push('is too big');
	if (!sniffImageType(bytes)) errors.push('filetype not supported');
	return errors;
}
