package dev.weft.core;

/** A {@link BoundedSemaphore}: a {@link SemaphoreImpl} whose bound is its initial count. */
final class BoundedSemaphoreImpl implements BoundedSemaphore {
    private final SemaphoreImpl permits;

    private BoundedSemaphoreImpl(SemaphoreImpl permits) {
        this.permits = permits;
    }

    static BoundedSemaphoreImpl create(int permits) {
        return new BoundedSemaphoreImpl(SemaphoreImpl.bounded(permits));
    }

    @Override
    public void acquire() {
        permits.acquire();
    }

    @Override
    public boolean tryAcquire() {
        return permits.tryAcquire();
    }

    @Override
    public void release() {
        permits.release();
    }

    @Override
    public int available() {
        return permits.available();
    }

    @Override
    public int bound() {
        return permits.bound();
    }

    @Override
    public Statistics statistics() {
        return permits.statistics();
    }

    @Override
    public String toString() {
        return permits.toString();
    }
}
