/**
 * Weft's networking: streams and sockets over a pluggable transport (issue 5). The module is in
 * the build so that its place in the layout is fixed; it exports its API package once that
 * package has content.
 */
module dev.weft.net {
    requires transitive dev.weft.core;
    requires org.slf4j;
}
