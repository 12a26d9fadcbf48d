package dev.weft.net;

import java.util.Objects;

/**
 * Two connections joined in memory, from {@link Net#pipe()}: what {@code left} writes,
 * {@code right} reads, and the other way round. Closing the pipe closes both (left first).
 *
 * @param left one end
 * @param right the other end
 */
public record Pipe(Connection left, Connection right) implements AutoCloseable {
    /** @throws NullPointerException if either end is null */
    public Pipe {
        Objects.requireNonNull(left, "Pipe: left is null");
        Objects.requireNonNull(right, "Pipe: right is null");
    }

    /** Closes both ends (see {@link Connection#close()}). Idempotent. */
    @Override
    public void close() {
        try {
            left.close();
        } finally {
            right.close();
        }
    }
}
