// The encode module's dashboard pages. The shell imports this file (served from the module's embedded
// resources at modules/encode/pages.js, announced by GET /api/v1/modules) and adds these routes.
// Shared helpers come from the shell: ../../js/*.js.
import * as libraries from './encode.js';
import * as library from './encode-library.js';

export const routes = [
  { pattern: /^\/encode\/?$/, page: libraries },
  { pattern: /^\/encode\/([^/]+)\/?$/, page: library, params: (m) => ({ id: decodeURIComponent(m[1]) }) },
];
