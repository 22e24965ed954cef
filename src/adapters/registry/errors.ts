// What a registry call can fail on, for the caller to choose what to do (an unreachable registry is not a
// refused login). Messages are one English line naming the host and what happened; never a credential.

export type RegistryErrorKind = 'unreachable' | 'auth' | 'not_found' | 'protocol';

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    readonly host: string,
    message: string,
  ) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'RegistryError';
  }
}
