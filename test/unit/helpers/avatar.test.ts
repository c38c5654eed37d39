import { MAX_AVATAR_BYTES, sniffAvatarType } from '../../../nodes/Chatwoot/helpers/avatar';
import { GIF_1x1, JPEG_HEADER, PNG_1x1 } from '../../harness/fixtures';

describe('sniffAvatarType', () => {
	test('recognises PNG, JPEG and both GIF versions by their bytes', () => {
		expect(sniffAvatarType(PNG_1x1)).toBe('image/png');
		expect(sniffAvatarType(JPEG_HEADER)).toBe('image/jpeg');
		expect(sniffAvatarType(GIF_1x1)).toBe('image/gif');
		expect(sniffAvatarType(Buffer.from('GIF87a....'))).toBe('image/gif');
	});

	test.each([
		['text', Buffer.from('hello, not an image')],
		['WebP', Buffer.from('RIFF\0\0\0\0WEBPVP8 ')],
		['PDF', Buffer.from('%PDF-1.7')],
		['a truncated PNG signature', PNG_1x1.subarray(0, 4)],
		['nothing', Buffer.alloc(0)],
	])('refuses %s', (_label, bytes) => {
		expect(sniffAvatarType(bytes)).toBeUndefined();
	});

	test("the size limit is Chatwoot's 15 megabytes", () => {
		expect(MAX_AVATAR_BYTES).toBe(15_728_640);
	});
});
