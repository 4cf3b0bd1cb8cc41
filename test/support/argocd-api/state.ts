// Every application of the stand-in, by name.
import { AppState } from './app-state.js'
import type { AppSeed, StepOn } from './types.js'

/** The stand-in's applications, and when their scripts move on. */
export class ArgoState {
  private readonly apps = new Map<string, AppState>()

  constructor(
    private readonly now: () => number,
    /** When scripts step: on each GET of an application by default. */
    public stepOn: StepOn = 'get',
  ) {}

  /** Adds an application; a name already taken is a mistake in the test. */
  add(seed: AppSeed): AppState {
    if (this.apps.has(seed.name)) {
      throw new Error(`the stand-in already has an application ${seed.name}`)
    }
    const app = new AppState(seed, this.now)
    this.apps.set(seed.name, app)
    return app
  }

  /** The application named `name`; throws when there is none. */
  app(name: string): AppState {
    const app = this.apps.get(name)
    if (!app) throw new Error(`the stand-in has no application ${name}`)
    return app
  }

  /** The application named `name`, if there is one. */
  find(name: string): AppState | undefined {
    return this.apps.get(name)
  }

  /** Every application, in the order added. */
  list(): AppState[] {
    return [...this.apps.values()]
  }

  /** A number that grows with every change: the list's resourceVersion. */
  get version(): number {
    return this.list().reduce((sum, app) => sum + app.version, 0)
  }
}
