// The highlights module's dashboard pages (served from the module's embedded resources at modules/highlights/pages.js).
import * as start from './highlights-start.js';
import * as detail from './highlights-detail.js';

export const routes = [
  { pattern: /^\/highlights\/?$/, page: start },
  { pattern: /^\/highlights\/([0-9a-f-]{36})\/?$/, page: detail, params: (m) => ({ id: decodeURIComponent(m[1]) }) },
];
