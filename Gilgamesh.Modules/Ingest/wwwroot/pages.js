// The ingest module's dashboard pages. The shell imports this file (served from the module's embedded
// resources at modules/ingest/pages.js, announced by GET /api/v1/modules) and adds these routes, so a
// module brings its pages without edits to the shell. Shared helpers come from the shell: ../../js/*.js.
import * as library from './library.js';
import * as libraryDetail from './library-detail.js';

export const routes = [
  { pattern: /^\/library\/?$/, page: library },
  { pattern: /^\/library\/([^/]+)\/?$/, page: libraryDetail, params: (m) => ({ id: decodeURIComponent(m[1]) }) },
];
