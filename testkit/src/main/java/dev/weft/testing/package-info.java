/**
 * Weft's test kit for JUnit 5.
 *
 * <ul>
 * <li>{@link dev.weft.testing.WeftTest}: use it instead of {@code @Test}; the test runs as the
 *     main task of its own {@link dev.weft.core.testing.TestLoop} (virtual time), which a
 *     {@code TestLoop} parameter receives, and fails if it leaves a task running;</li>
 * <li>{@link dev.weft.testing.WeftExtension}: the same for every {@code @Test} of a class
 *     ({@code @ExtendWith(WeftExtension.class)}).</li>
 * </ul>
 *
 * Protocol code is tested without sockets over {@code Net.pipe()} (module {@code dev.weft.net}).
 * The loop is confined: the test JVM needs {@code --add-opens java.base/java.lang=dev.weft.core}
 * on the module path, {@code =ALL-UNNAMED} on the class path.
 */
package dev.weft.testing;
