package dev.weft.core;

/**
 * One alternative of a {@link Select}: a receive from a channel
 * ({@link ReceiveChannel#onReceive(java.util.function.Function)}) or a send to one
 * ({@link SendChannel#onSend(Object, java.util.function.Supplier)}), with the code that turns its
 * outcome into the select's result. A clause is a description: nothing happens until a select
 * picks it, and it may be used in many selects.
 *
 * @param <R> the result the select returns when it picks this clause
 */
public sealed interface SelectClause<R>
        permits ReceiveClause, SendClause {}
