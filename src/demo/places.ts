/**
 * Picking addresses (zip prefix, city, state) for customers and sellers, and remembering
 * every zip prefix used so the geolocation file can cover them all.
 */
import { Random, WeightedSampler } from './random';
import { STATES, type City, type State } from './geography';

export interface Place {
  readonly zip: number;
  readonly city: City;
  readonly state: State;
}

export class PlacePicker {
  private readonly customerStates: WeightedSampler<State>;
  private readonly sellerStates: WeightedSampler<State>;
  private readonly cityPickers = new Map<State, WeightedSampler<City>>();
  /** Every zip prefix handed out, with its place. */
  readonly used = new Map<number, Place>();

  constructor(private readonly r: Random) {
    this.customerStates = new WeightedSampler(STATES, STATES.map((s) => s.customers));
    this.sellerStates = new WeightedSampler(STATES, STATES.map((s) => s.sellers));
    for (const s of STATES) {
      this.cityPickers.set(s, new WeightedSampler(s.cities, s.cities.map((c) => c.weight)));
    }
  }

  /** Zips already handed out per city, with repetition (popular zips come back more). */
  private readonly drawn = new Map<City, number[]>();

  /**
   * A zip in the state. With probability 1 - pNew an earlier draw in the same city is
   * reused (rich get richer), so ~99k customers share ~15k zips as in the real data.
   */
  private inState(state: State, pNew: number): Place {
    const city = this.cityPickers.get(state)!.sample(this.r);
    let drawn = this.drawn.get(city);
    if (!drawn) this.drawn.set(city, (drawn = []));
    let zip: number;
    if (drawn.length > 0 && !this.r.chance(pNew)) {
      zip = this.r.pick(drawn);
    } else {
      // Skew towards the low end of the range a little: central zips are denser.
      const span = city.zipHi - city.zipLo + 1;
      const u = this.r.float();
      zip = city.zipLo + Math.floor(span * u * (0.6 + 0.4 * u));
    }
    drawn.push(zip);
    return this.remember(zip, city, state);
  }

  private remember(zip: number, city: City, state: State): Place {
    const known = this.used.get(zip);
    if (known) return known;
    const place = { zip, city, state };
    this.used.set(zip, place);
    return place;
  }

  customer(): Place {
    return this.inState(this.customerStates.sample(this.r), 0.2);
  }

  seller(): Place {
    return this.inState(this.sellerStates.sample(this.r), 0.6);
  }

  /** Any place (weighted like customers), for geolocation zips nobody lives in. */
  any(): Place {
    return this.inState(this.customerStates.sample(this.r), 1);
  }
}
