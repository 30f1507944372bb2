// Module loader hooks of the local runner's hot reload (registered by `reload.ts` with
// `module.register`, only when it watches source folders). A module imported as
// `<file>?ad-reload=<generation>` gives its imports of project files under the watched roots the
// same query, so each generation loads a fresh graph of the project's modules while packages in
// node_modules stay loaded once. Runs after tsx's resolver (it is registered later), so `.js`
// specifiers are already mapped to the `.ts` files.
const PARAM = 'ad-reload';
let roots = [];

export async function initialize(data) {
  roots = data?.roots ?? [];
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  const parent = context.parentURL;
  if (!parent?.startsWith('file:') || !result.url.startsWith('file:')) return result;
  const generation = new URL(parent).searchParams.get(PARAM);
  if (!generation) return result;
  const url = new URL(result.url);
  const path = decodeURIComponent(url.pathname);
  if (url.searchParams.has(PARAM) || path.includes('/node_modules/')) return result;
  if (!roots.some((root) => path.startsWith(root))) return result;
  url.searchParams.set(PARAM, generation);
  return { ...result, url: url.href };
}
