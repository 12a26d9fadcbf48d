/**
 * Testing support: {@link dev.weft.core.testing.TestLoop}, a confined loop on virtual time, so a
 * test of a one-hour timeout runs in milliseconds and interleavings can be seeded.
 */
package dev.weft.core.testing;
