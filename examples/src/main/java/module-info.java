/** Runnable ports of the seeds' scenarios; ./weft list shows them. */
module dev.weft.examples {
    requires dev.weft.core;
    requires dev.weft.net;
    requires org.slf4j;
    requires java.net.http;
    requires jdk.httpserver;
    requires com.cronutils;
    requires java.management;
    requires jdk.attach;
}
