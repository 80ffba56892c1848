// Minimal typing of the parts of saxon-js (Saxonica, no bundled types) that the engine uses.
declare module 'saxon-js' {
  export interface XPathOptions {
    namespaceContext?: Record<string, string>;
    params?: Record<string, unknown>;
    staticBaseURI?: string;
    resultForm?: 'default' | 'array' | 'iterator' | 'xdm';
    xpathDefaultNamespace?: string;
  }
  /** An XPath compiled by `XPath.compile(expression, options, true)` (opaque). */
  export interface CompiledXPathPackage {
    readonly freeV?: readonly string[];
  }
  export interface SaxonXPath {
    evaluate(expression: string, contextItem?: unknown, options?: XPathOptions): unknown;
    /**
     * Compiles once (free variables become parameters); with `asPackage` true, returns the
     * package that `evaluateOnly` runs. Present in SaxonJS 2.7's XPath API, not documented.
     */
    compile?(expression: string, options: XPathOptions, asPackage: true): CompiledXPathPackage;
    evaluateOnly?(compiled: CompiledXPathPackage, contextItem: unknown, options?: XPathOptions): unknown;
  }
  export interface GetResourceOptions {
    text?: string;
    file?: string;
    location?: string;
    type: 'xml' | 'json' | 'text';
    baseURI?: string;
  }
  interface SaxonJSStatic {
    XPath: SaxonXPath;
    getResource(options: GetResourceOptions): Promise<Document>;
    serialize(node: Node, options?: Record<string, unknown>): string;
    getProcessorInfo(): { productName: string; productVersion: string };
  }
  const SaxonJS: SaxonJSStatic;
  export default SaxonJS;
}
