// A small well-formedness check for the report (no parser dependency): tags properly nested and
// closed, attributes quoted, entities known. Returns the element names in document order.
export function checkWellFormed(text: string): string[] {
  const elements: string[] = [];
  const stack: string[] = [];
  const body = text.replace(/^<!DOCTYPE html>\s*/i, '');
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->|<|&/g;
  let match: RegExpExecArray | null;
  let raw: string | undefined;
  while ((match = tag.exec(body)) !== null) {
    const [whole, closing, name, , selfClosing] = match;
    if (whole.startsWith('<!--')) continue;
    if (whole === '&') {
      const entity = /^&(amp|lt|gt|quot|#39|#\d+);/.exec(body.slice(match.index));
      if (entity === null && raw === undefined) {
        throw new Error(
          `bad entity at ${match.index}: ${body.slice(match.index, match.index + 12)}`,
        );
      }
      continue;
    }
    if (whole === '<') {
      if (raw !== undefined) continue;
      throw new Error(
        `malformed tag at ${match.index}: ${body.slice(match.index, match.index + 40)}`,
      );
    }
    if (raw !== undefined && !(closing && name === raw)) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== name)
        throw new Error(`</${name}> closes <${open ?? 'nothing'}> at ${match.index}`);
      raw = undefined;
      continue;
    }
    elements.push(name);
    if (selfClosing) continue;
    stack.push(name);
    if (name === 'style' || name === 'script') raw = name;
  }
  if (stack.length > 0) throw new Error(`unclosed elements: ${stack.join(' > ')}`);
  return elements;
}
