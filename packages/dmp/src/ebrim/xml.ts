// A small XML writer for the ebRIM serialisation: escaping and element assembly.

/** Escapes text or an attribute value (`& < > " '`, and the line breaks of an attribute). */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"'\r\n\t]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;' })[c]!);
}

/** `<name a="…">children</name>` (self-closed without children); undefined attributes are left out. */
export function element(name: string, attributes: Record<string, string | undefined>, children: readonly string[] = []): string {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) open += ` ${key}="${escapeXml(value)}"`;
  return children.length === 0 ? `${open}/>` : `${open}>${children.join('')}</${name}>`;
}
