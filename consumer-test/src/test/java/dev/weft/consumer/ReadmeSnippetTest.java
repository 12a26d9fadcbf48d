package dev.weft.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's "Use it" is what the consumer project (src/it/consumer, built and run by this module)
 * does: if the snippet changes without the project, or the project without the snippet, the
 * build fails here. The consumer build itself then proves the snippet works.
 */
class ReadmeSnippetTest {
    private static final Path README = Path.of(System.getProperty("weft.readme"));
    private static final Path CONSUMER_POM = Path.of(System.getProperty("weft.consumer.pom"));
    private static final Path ROOT_POM = Path.of(System.getProperty("weft.root.pom"));
    private static final String VERSION = System.getProperty("weft.version");

    /** The trimmed, non-blank lines of the first fenced block after the line holding {@code marker}. */
    private static List<String> blockAfter(String marker) throws IOException {
        List<String> lines = Files.readAllLines(README);
        int i = 0;
        while (i < lines.size() && !lines.get(i).contains(marker)) {
            i++;
        }
        assertTrue(i < lines.size(), "README has no line with '" + marker + "'");
        while (!lines.get(i).startsWith("```")) {
            i++;
        }
        List<String> block = new ArrayList<>();
        for (i++; !lines.get(i).startsWith("```"); i++) {
            if (!lines.get(i).isBlank()) {
                block.add(lines.get(i).strip());
            }
        }
        return block;
    }

    private static List<String> consumerPomLines() throws IOException {
        return Files.readAllLines(CONSUMER_POM).stream().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.replace("@project.version@", VERSION)).toList();
    }

    /**
     * Whether {@code pom} holds {@code snippet}'s lines in order, each element that opens with
     * {@code <dependency>} line for line (the project may add dependencies of its own between them).
     */
    static boolean containsInOrder(List<String> pom, List<String> snippet) {
        int at = -1;
        boolean inDependency = false;
        for (String line : snippet) {
            int next = inDependency ? (at + 1 < pom.size() && pom.get(at + 1).equals(line) ? at + 1 : -1)
                    : indexFrom(pom, line, at + 1);
            if (next < 0) {
                return false;
            }
            at = next;
            inDependency = line.equals("<dependency>") || (inDependency && !line.equals("</dependency>"));
        }
        return true;
    }

    private static int indexFrom(List<String> lines, String line, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).equals(line)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void snippetMatchingKeepsEachDependencyWhole() {
        List<String> pom = List.of("<dependencies>", "<dependency>", "<artifactId>a</artifactId>", "</dependency>",
                "<dependency>", "<artifactId>extra</artifactId>", "</dependency>", "</dependencies>");
        assertTrue(containsInOrder(pom, List.of("<dependencies>", "<dependency>", "<artifactId>a</artifactId>",
                "</dependency>", "</dependencies>")));
        assertFalse(containsInOrder(pom, List.of("<dependency>", "<artifactId>a</artifactId>",
                "<artifactId>extra</artifactId>", "</dependency>")));
        assertFalse(containsInOrder(pom, List.of("<artifactId>extra</artifactId>", "<artifactId>a</artifactId>")));
    }

    @Test
    void readmesDependencyBlockIsTheConsumerProjectsDependencyBlock() throws IOException {
        List<String> snippet = blockAfter("consumer-test checks this block");
        assertTrue(snippet.contains("<version>" + VERSION + "</version>"),
                "README's snippet must name the version being built, " + VERSION + ": " + snippet);
        assertTrue(containsInOrder(consumerPomLines(), snippet),
                "README's Maven snippet is not, in order, in " + CONSUMER_POM + ":\n" + String.join("\n", snippet));
    }

    @Test
    void readmesSurefireArgLineIsTheConsumerProjectsArgLine() throws IOException {
        List<String> argLines = blockAfter("consumer project's surefire uses these argLines").stream()
                .filter(l -> l.startsWith("<argLine>")).toList();
        assertEquals(1, argLines.size(), "README's surefire block must show one argLine");
        assertTrue(consumerPomLines().contains(argLines.get(0)), "the consumer project does not use " + argLines);
        assertTrue(consumerPomLines().contains("<argLine>--add-opens java.base/java.lang=ALL-UNNAMED</argLine>"),
                "the consumer project's class-path run does not use README's class-path flag");
        assertTrue(Files.readString(README).contains("`--add-opens java.base/java.lang=ALL-UNNAMED`"));
    }

    @Test
    void everyWeftArtifactReadmeNamesIsAPublishedModule() throws IOException {
        Set<String> published = new TreeSet<>();
        Set<String> unpublished = new TreeSet<>();
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT_POM));
        while (modules.find()) {
            Path pom = ROOT_POM.resolveSibling(modules.group(1)).resolve("pom.xml");
            String text = Files.readString(pom);
            Matcher id = Pattern.compile("<artifactId>([^<]+)</artifactId>")
                    .matcher(text.replaceFirst("(?s)<parent>.*?</parent>", ""));
            assertTrue(id.find(), "no artifactId in " + pom);
            String artifactId = id.group(1);
            (text.contains("<weft.unpublished>true</weft.unpublished>") ? unpublished : published).add(artifactId);
        }
        assertTrue(published.containsAll(Set.of("weft-bom", "weft-core", "weft-net", "weft-test")), published.toString());
        assertTrue(unpublished.containsAll(Set.of("weft-examples", "weft-bench")), unpublished.toString());

        Matcher named = Pattern.compile("dev\\.weft:([a-z-]+)|<groupId>dev\\.weft</groupId>\\s*<artifactId>([a-z-]+)</artifactId>")
                .matcher(Files.readString(README));
        Set<String> inReadme = new TreeSet<>();
        while (named.find()) {
            inReadme.add(named.group(1) != null ? named.group(1) : named.group(2));
        }
        assertFalse(inReadme.isEmpty());
        inReadme.removeAll(published);
        assertEquals(Set.of(), inReadme, "README names Weft artifacts that are not published modules");
    }
}
