package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.NoRunningLoopException;
import dev.weft.core.Weft;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Caller errors throw with a message that says what was wrong and how to fix it. */
class NetBadInputTest {

    private static void fails(Class<? extends Throwable> type, String fragment, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void optionsRefuseNonsense() {
        NetOptions d = NetOptions.defaults();
        fails(IllegalArgumentException.class, "must be positive", () -> d.withReadLimit(0));
        fails(IllegalArgumentException.class, "0 <= low <= high", () -> d.withWaterMarks(1, 2));
        fails(IllegalArgumentException.class, "must be positive", () -> d.withConnectTimeout(Duration.ZERO));
        fails(IllegalArgumentException.class, "must be positive", () -> d.withBacklog(-1));
        fails(IllegalArgumentException.class, "blank", () -> d.withTlsServerName(" "));
        fails(NullPointerException.class, "SSLContext is null", () -> d.withTls(null));
        fails(IllegalArgumentException.class, "withWriteTimeout(PT0S): the timeout must be positive",
                () -> d.withWriteTimeout(Duration.ZERO));
        fails(IllegalArgumentException.class, "withTlsCloseTimeout(PT-1S): the timeout must be positive",
                () -> d.withTlsCloseTimeout(Duration.ofSeconds(-1)));
        fails(NullPointerException.class, "withWriteTimeout: the duration is null", () -> d.withWriteTimeout(null));
    }

    @Test
    void netCallsRefuseBadHostsAndPorts() throws Exception {
        Weft.run(() -> {
            fails(IllegalArgumentException.class, "port 0 is out of range; use 1-65535",
                    () -> Net.openConnection("127.0.0.1", 0));
            fails(IllegalArgumentException.class, "port 70000 is out of range",
                    () -> Net.startServer((r, w) -> { }, "127.0.0.1", 70000));
            fails(IllegalArgumentException.class, "the host is blank", () -> Net.openConnection(" ", 80));
            fails(NullPointerException.class, "the handler is null", () -> Net.startServer(null, "127.0.0.1", 0));
            fails(java.net.UnknownHostException.class, "not a valid IP address",
                    () -> Net.openConnection("300.1.2.3", 80));
        });
    }

    @Test
    void netCallsOutsideATaskSayToUseWeftRun() {
        fails(NoRunningLoopException.class, "Weft.run", () -> Net.startServer((r, w) -> { }, "127.0.0.1", 0));
    }
}
