// Tiny element builder. Text always goes in through text nodes, never innerHTML,
// so job data (log messages, inputs, error text) cannot inject markup.
// Attributes only: no inline style strings, which the CSP (style-src 'self') would block.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Replaces an element's children, accepting the same child forms as el(). */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

export function setText(node, text) {
  const value = text === null || text === undefined ? '' : String(text);
  // Skip no-op writes: live updates arrive many times a second and would churn the DOM.
  if (node.textContent !== value) node.textContent = value;
}
