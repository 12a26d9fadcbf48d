package dev.weft.net;

/** The behaviour suite on the {@code nio} transport, parallel loop. */
class NioTransportBehaviourTest extends TransportBehaviourSuite {
    @Override
    String transportName() {
        return "nio";
    }
}
