/**
 * Reads one of the realistic example inputs of @dcc-kit/cda (`packages/cda/examples/{pps,frcp}/`)
 * from the test runner's dev server, which serves the repository root.
 */
export async function loadExampleJson<T = unknown>(volet: 'pps' | 'frcp', fileName: string): Promise<T> {
  const response = await fetch(`/packages/cda/examples/${volet}/${fileName}`);
  if (!response.ok) throw new Error(`example ${volet}/${fileName}: HTTP ${response.status}`);
  return (await response.json()) as T;
}
