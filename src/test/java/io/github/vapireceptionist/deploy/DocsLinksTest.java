package io.github.vapireceptionist.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/*.md leads to a file that exists and, when it names one, to a
 * heading that file has, so moving a section between them cannot leave a reader at a dead link.
 */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    @Test
    void everyRelativeLinkLeadsToAnExistingFileAndHeading() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }

        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : links(page)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto:: not ours to check
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path linked = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(linked)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no such heading in " + linked.getFileName() + ")");
                }
            }
        }

        assertThat(checked).as("relative links found").isGreaterThan(10);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void anchorsFollowGitHubsRules() {
        assertThat(anchor("With Docker: MySQL 8.0, a real Easy!Appointments and the backend"))
                .isEqualTo("with-docker-mysql-80-a-real-easyappointments-and-the-backend");
        assertThat(anchor("Easy!Appointments' own pages")).isEqualTo("easyappointments-own-pages");
        assertThat(anchor("Find, cancel and reschedule")).isEqualTo("find-cancel-and-reschedule");
        assertThat(anchor("`camel_route` and snake_case")).isEqualTo("camel_route-and-snake_case");
    }

    /** Link targets outside fenced code blocks and inline code. */
    private static List<String> links(Path page) {
        List<String> targets = new ArrayList<>();
        for (String line : prose(page)) {
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a page's headings; a repeated heading gets -1, -2, ... */
    private static Set<String> anchors(Path page) {
        Set<String> anchors = new HashSet<>();
        if (!page.toString().endsWith(".md")) {
            return anchors;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(page)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String anchor = anchor(heading.group(1));
                int times = seen.merge(anchor, 1, Integer::sum);
                anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
            }
        }
        return anchors;
    }

    /** GitHub's rule: lower case, drop punctuation except '-' and '_', each space becomes '-'. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }

    /** The page's lines outside ``` and ~~~ fences. */
    private static List<String> prose(Path page) {
        List<String> lines = new ArrayList<>();
        String fence = null;
        try {
            for (String line : Files.readAllLines(page)) {
                String trimmed = line.strip();
                if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                    fence = trimmed.substring(0, 3);
                } else if (fence != null && trimmed.startsWith(fence)) {
                    fence = null;
                } else if (fence == null) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
