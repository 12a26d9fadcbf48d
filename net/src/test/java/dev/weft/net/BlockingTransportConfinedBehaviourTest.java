package dev.weft.net;

import dev.weft.core.LoopOptions;

/** The behaviour suite on the {@code blocking} transport, on a confined loop. */
class BlockingTransportConfinedBehaviourTest extends TransportBehaviourSuite {
    @Override
    String transportName() {
        return "blocking";
    }

    @Override
    LoopOptions loopOptions() {
        return LoopOptions.confined();
    }
}
