/**
 * The relay's random identifiers for people: the relay token, one-time login codes and browser session ids.
 * nanoid draws from the operating system's CSPRNG with a URL-safe alphabet; 43 characters of 64 symbols carry
 * 258 bits, as much as the 32 random bytes these used to be.
 */
import { nanoid } from 'nanoid';

export const SECRET_ID_LENGTH = 43;

export function newSecretId(): string {
  return nanoid(SECRET_ID_LENGTH);
}
