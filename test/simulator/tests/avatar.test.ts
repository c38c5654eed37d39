import { createHash } from 'node:crypto';
import { call, CONTACTS } from './client';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();

const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 rest-of-webp')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest-of-png')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('jfif')]);
const GIF = Buffer.from('GIF89a-tiny');

function avatarForm(bytes: Buffer, declaredType: string, filename: string, fields: Record<string, string> = {}): FormData {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) form.append(key, value);
	form.append('avatar', new Blob([bytes], { type: declaredType }), filename);
	return form;
}

describe('avatar upload', () => {
	it.each([
		['PNG', PNG, 'image/png'],
		['JPEG', JPEG, 'image/jpeg'],
		['GIF', GIF, 'image/gif'],
		['WebP', WEBP, 'image/webp'],
	])('a %s avatar is attached and its thumbnail URL serves the stored bytes', async (_label, bytes, type) => {
		const response = await call(sim(), 'POST', CONTACTS, { body: avatarForm(bytes, 'application/octet-stream', 'me.img', { name: 'Pic' }) });
		expect(response.status).toBe(200);
		const thumbnail: string = response.json.payload.contact.thumbnail;
		expect(thumbnail).toMatch(new RegExp(`^${sim().url}/rails/active_storage/representations/redirect/[^/]+/me\\.img$`));
		const image = await fetch(thumbnail);
		expect(image.headers.get('content-type')).toBe(type);
		expect(Buffer.from(await image.arrayBuffer())).toEqual(bytes);
		expect(sim().contacts()[0].avatar).toEqual({
			filename: 'me.img',
			contentType: type,
			size: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
		});
	});

	it('the type is identified by the bytes, so text declared as image/png is rejected', async () => {
		const response = await call(sim(), 'POST', CONTACTS, { body: avatarForm(Buffer.from('hello'), 'image/png', 'fake.png') });
		expect(response.status).toBe(422);
		expect(response.json).toEqual({ message: 'Avatar filetype not supported', attributes: ['avatar'] });
		expect(sim().contacts()).toHaveLength(0);
	});

	it('text/plain is "Avatar filetype not supported"', async () => {
		const response = await call(sim(), 'POST', CONTACTS, { body: avatarForm(Buffer.from('plain'), 'text/plain', 'a.txt') });
		expect(response.json).toEqual({ message: 'Avatar filetype not supported', attributes: ['avatar'] });
	});

	it('an avatar over 15 MB is "Avatar is too big"; exactly 15 MB is accepted', async () => {
		const limit = 15 * 1024 * 1024;
		const tooBig = Buffer.concat([PNG, Buffer.alloc(limit + 1 - PNG.length)]);
		const big = await call(sim(), 'POST', CONTACTS, { body: avatarForm(tooBig, 'image/png', 'big.png') });
		expect(big.status).toBe(422);
		expect(big.json).toEqual({ message: 'Avatar is too big', attributes: ['avatar'] });
		const atLimit = Buffer.concat([PNG, Buffer.alloc(limit - PNG.length)]);
		expect((await call(sim(), 'POST', CONTACTS, { body: avatarForm(atLimit, 'image/png', 'ok.png') })).status).toBe(200);
	});

	it('avatar errors come after the other validation errors', async () => {
		const response = await call(sim(), 'POST', CONTACTS, {
			body: avatarForm(Buffer.from('x'), 'text/plain', 'a.txt', { email: 'bad' }),
		});
		expect(response.json).toEqual({ message: 'Email Invalid email, Avatar filetype not supported', attributes: ['email', 'avatar'] });
	});

	it('an avatar sent as a JSON string is looked up as a signed blob id and fails with 500', async () => {
		const response = await call(sim(), 'POST', CONTACTS, { json: { avatar: 'data:image/png;base64,AAAA' } });
		expect(response.status).toBe(500);
		expect(sim().contacts()).toHaveLength(0);
	});

	it('the request log shows the uploaded file as a summary, not its bytes', async () => {
		await call(sim(), 'POST', CONTACTS, { body: avatarForm(PNG, 'image/png', 'me.png', { name: 'Logged' }) });
		expect(sim().requests()[0].params).toEqual({
			name: 'Logged',
			avatar: { filename: 'me.png', contentType: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') },
		});
	});
});

describe('avatar_url', () => {
	it('avatar_url gives thumbnail "" and is recorded as requested', async () => {
		const response = await call(sim(), 'POST', CONTACTS, { json: { name: 'U', avatar_url: 'https://example.com/a.png' } });
		expect(response.status).toBe(200);
		expect(response.json.payload.contact.thumbnail).toBe('');
		expect(sim().contacts()[0].avatar_url_requested).toBe('https://example.com/a.png');
		expect(sim().contacts()[0].avatar).toBeUndefined();
	});
});
