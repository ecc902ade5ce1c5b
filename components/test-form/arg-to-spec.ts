import type { ArgDraft, ConfigJson } from './draft'
import { num, put, text } from './draft-values'

/** One argument's generator as the form holds it → the spec the config takes. */
export function argToSpec(a: ArgDraft): ConfigJson {
  switch (a.kind) {
    case 'fixed':
      return { kind: 'fixed', value: a.value }
    case 'sequence': {
      const spec: ConfigJson = { kind: 'sequence' }
      put(spec, 'start', text(a.start))
      put(spec, 'step', text(a.step))
      put(spec, 'format', text(a.format))
      return spec
    }
    case 'random': {
      const spec: ConfigJson = { kind: 'random' }
      put(spec, 'min', text(a.min))
      put(spec, 'max', text(a.max))
      return spec
    }
    case 'oneOf':
      return {
        kind: 'oneOf',
        values: a.values
          .split('\n')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      }
    case 'sender':
      return { kind: 'sender' }
    case 'account': {
      const spec: ConfigJson = { kind: 'account' }
      put(spec, 'index', num(a.index))
      return spec
    }
    case 'contract':
      return { kind: 'contract', name: a.contract.trim() }
    case 'balanceFraction': {
      const spec: ConfigJson = { kind: 'balanceFraction', contract: a.contract.trim() }
      put(spec, 'fraction', num(a.fraction))
      return spec
    }
    case 'now': {
      const spec: ConfigJson = { kind: 'now' }
      put(spec, 'plus', num(a.plus))
      return spec
    }
  }
}
