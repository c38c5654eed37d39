// The configuration n8n's community-package scanner (@n8n/scan-community-package, pinned in
// devDependencies) lints a published package with, taken from the scanner itself rather than copied.
// The scanner runs it twice: on the source its npm provenance points at (package.json and
// {nodes,credentials}/**/*.{js,ts,json}) and on the tarball (package.json and **/*.js). Inline
// eslint-disable comments are ignored, as the scanner ignores them.
import { createRequire } from 'node:module';

const scannerPath = createRequire(import.meta.url).resolve(
	'@n8n/scan-community-package/scanner/scanner.mjs',
);
const { buildScanConfig } = await import(scannerPath);
// Loading the scanner creates an empty temporary folder for downloads; remove it when ESLint exits.
createRequire(scannerPath)('tmp').setGracefulCleanup();

export default [{ linterOptions: { noInlineConfig: true } }, ...(await buildScanConfig())];
