package dev.weft.core;

/** The {@link Emitter} of one {@link ProducerImpl}. */
final class EmitterImpl<T> implements Emitter<T> {
    private final ProducerImpl<T> producer;

    EmitterImpl(ProducerImpl<T> producer) {
        this.producer = producer;
    }

    @Override
    public void emit(T item) {
        producer.emit(item);
    }
}
