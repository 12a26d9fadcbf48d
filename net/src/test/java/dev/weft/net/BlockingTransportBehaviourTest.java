package dev.weft.net;

/** The behaviour suite on the {@code blocking} transport, parallel loop. */
class BlockingTransportBehaviourTest extends TransportBehaviourSuite {
    @Override
    String transportName() {
        return "blocking";
    }
}
