package dev.weft.core.internal;

import dev.weft.core.Emitter;

/** The {@link Emitter} of one {@link ProducerImpl}. */
public final class EmitterImpl<T> implements Emitter<T> {
    private final ProducerImpl<T> producer;

    EmitterImpl(ProducerImpl<T> producer) {
        this.producer = producer;
    }

    @Override
    public void emit(T item) {
        producer.emit(item);
    }
}
