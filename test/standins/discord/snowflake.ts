// Discord-shaped ids: milliseconds since the Discord epoch, shifted, plus a worker and a counter.
const DISCORD_EPOCH = 1_420_070_400_000n;
let counter = 0n;

export function snowflake(at: number = Date.now()): string {
  counter = (counter + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | counter).toString();
}
