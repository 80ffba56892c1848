// What the simulator's tests share: one frozen clock for the simulator's rate limit and the
// client's waits (a wait moves it instead of sleeping, so that no test depends on speed), and
// the simulator with the client reading it over real HTTP.
import { AnnuaireClient, type Timing } from '@dcc-kit/annuaire';
import { startAnnuaireSimulator, type AnnuaireSimulator } from './simulator.js';

let simNow = 1_800_000_000_000;
/** The frozen clock's time (ms): it moves only when a wait of `noWait` moves it. */
export const frozenNow = (): number => simNow;
/** The client's timing on the frozen clock. */
export const noWait: Timing = { now: frozenNow, sleep: async (ms) => void (simNow += ms) };

/** The simulator (1,000 calls/s on the frozen clock) and a client with its API key, on `noWait`, without a rate of its own. */
export async function startSimulatorUnderTest(): Promise<{ sim: AnnuaireSimulator; client: AnnuaireClient }> {
  const sim = await startAnnuaireSimulator({ now: frozenNow, ratePerSecond: 1000 });
  console.log(`annuaire simulator on ${sim.baseUrl}`);
  return { sim, client: new AnnuaireClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, timing: noWait, rate: 1e6 }) };
}
