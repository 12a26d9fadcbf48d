module org.example.consumer {
    requires dev.weft.core;

    exports org.example.consumer;
}
