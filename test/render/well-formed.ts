/**
 * A strict little well-formedness check for the markup the drawers emit: every `<` opens a tag, every
 * attribute is double-quoted with no raw `<` or `"` inside, tags nest, and `&` only starts an entity.
 * It returns the problem found, or null. (Node has no XML parser; the browser test parses for real.)
 */
export function wellFormedProblem(markup: string, { html = false } = {}): string | null {
  const voidHtml = new Set(['meta', 'input', 'br', 'img', 'link']);
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*(?:="[^"<]*")?)*)\s*(\/?)>/y;
  let i = 0;
  while (i < markup.length) {
    const lt = markup.indexOf('<', i);
    const text = markup.slice(i, lt === -1 ? markup.length : lt);
    const badAmp = /&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);)/i.exec(text);
    if (badAmp && !(html && stack.at(-1) === 'script') && !(html && stack.at(-1) === 'style')) {
      return `bare & at ${i + badAmp.index}`;
    }
    if (lt === -1) break;
    if (html && markup.startsWith('<!DOCTYPE html>', lt)) {
      i = lt + '<!DOCTYPE html>'.length;
      continue;
    }
    if (html && (stack.at(-1) === 'script' || stack.at(-1) === 'style')) {
      const close = `</${stack.at(-1)}>`;
      const end = markup.indexOf(close, lt);
      if (end === -1) return `unclosed ${stack.at(-1)}`;
      stack.pop();
      i = end + close.length;
      continue;
    }
    tag.lastIndex = lt;
    const m = tag.exec(markup);
    if (m === null) return `stray < at ${lt}: ${JSON.stringify(markup.slice(lt, lt + 40))}`;
    const [, closing, name, attributes, selfClosing] = m;
    const attributeAmp = /&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);)/i.exec(attributes ?? '');
    if (attributeAmp) return `bare & in attributes of <${name}>`;
    if (closing) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}>`;
    } else if (!selfClosing && !(html && voidHtml.has(name!))) {
      stack.push(name!);
    }
    i = lt + m[0].length;
  }
  return stack.length === 0 ? null : `unclosed <${stack.join('> <')}>`;
}
