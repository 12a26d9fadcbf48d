package dev.weft.net;

import dev.weft.core.LoopOptions;

/** The behaviour suite on the {@code nio} transport, on a confined loop (one task at a time). */
class NioTransportConfinedBehaviourTest extends TransportBehaviourSuite {
    @Override
    String transportName() {
        return "nio";
    }

    @Override
    LoopOptions loopOptions() {
        return LoopOptions.confined();
    }
}
