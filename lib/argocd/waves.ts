// Applications in the order a wave-by-wave sync takes them: waves from the
// lowest number up, and within a wave by name, so every run is the same.

/** Something with a name and a sync wave: an application, as read. */
export interface WaveMember {
  name: string
  wave: number
}

/** One wave: its number and its members, sorted by name. */
export interface Wave<T extends WaveMember> {
  wave: number
  members: T[]
}

/** Groups `apps` by sync wave, ascending, names sorted within a wave. */
export function groupByWave<T extends WaveMember>(
  apps: readonly T[],
): Wave<T>[] {
  const byWave = new Map<number, T[]>()
  for (const app of apps) {
    const members = byWave.get(app.wave) ?? []
    members.push(app)
    byWave.set(app.wave, members)
  }
  return [...byWave.entries()]
    .sort(([a], [b]) => a - b)
    .map(([wave, members]) => ({
      wave,
      // By code point, not locale: the order must not depend on the runner.
      members: members.sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      ),
    }))
}
