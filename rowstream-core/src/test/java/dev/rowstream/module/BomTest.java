package dev.rowstream.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * rowstream-bom lists every library module (each module of the build that attaches a javadoc jar, that is every one
 * but the applications, which skip it) at the build's version, and does not inherit the parent's
 * dependencyManagement (importing it would pin a user's JUnit and drivers).
 */
class BomTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void theBomListsEveryLibraryModuleAtTheBuildsVersion() throws IOException {
        String parent = read(ROOT.resolve("pom.xml"));
        String bom = read(ROOT.resolve("rowstream-bom/pom.xml"));
        assertThat(bom).doesNotContain("<parent>").contains("<packaging>pom</packaging>");
        assertThat(first(bom, "<version>([^<]+)</version>")).isEqualTo(first(parent, "<version>([^<]+)</version>"));
        List<String> libraries = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        while (m.find()) {
            String pom = read(ROOT.resolve(m.group(1)).resolve("pom.xml"));
            if (!m.group(1).equals("rowstream-bom") && !pom.contains("<maven.javadoc.skip>true</maven.javadoc.skip>")) {
                libraries.add(m.group(1));
            }
        }
        assertThat(libraries).contains("rowstream-core", "rowstream-parquet", "rowstream-micrometer");
        List<String> listed = new ArrayList<>();
        Matcher d = Pattern.compile("<artifactId>(rowstream-[^<]+)</artifactId><version>\\$\\{project.version}</version>")
                .matcher(bom);
        while (d.find()) {
            listed.add(d.group(1));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(libraries);
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static String first(String text, String regex) {
        // The first <version> after the artifactId is the project's own (the parent element has none in the bom).
        Matcher m = Pattern.compile("<artifactId>rowstream-(?:parent|bom)</artifactId>\\s*" + regex).matcher(text);
        assertThat(m.find()).as("version in %s", text.substring(0, 200)).isTrue();
        return m.group(1);
    }
}
