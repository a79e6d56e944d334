package io.github.vapireceptionist.catalog;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds what a caller named among the names the calendar holds, forgivingly and exactly enough: case,
 * accents and punctuation are ignored, a first name or a surname alone picks a person when it picks one,
 * any word of a service's name picks it when it picks one ("colour" is "Full colour"). The closest kind of
 * match wins: the whole name said exactly, then every word said being a word of the name, then every word
 * of the name being said ("a full colour please"), then the words run together ("hair cut" is "Haircut"); "color"
 * is "colour". What is left may be one (found), several (a question)
 * or none (say what exists). Plain Java, no state: table-tested in NameMatchingTest.
 */
public final class NameMatching {

    /** Words that name nothing: "a haircut", "the colour", "Dr Chen". */
    private static final Set<String> FILLER = Set.of("a", "an", "the", "my", "for", "please", "with", "dr", "doctor",
            "mr", "mrs", "ms", "miss");

    /** British "-our" (colour, colours) read as American "-or", so "color" is "colour". */
    private static final Pattern OUR = Pattern.compile("(?<=..)our(s|es)?$");

    private NameMatching() {
    }

    /**
     * The candidates whose name matches what was said, closest kind of match first; empty when none does.
     *
     * @param names a candidate's names (a person: their full name; a service: its name)
     */
    public static <T> List<T> match(String said, List<T> candidates, Function<T, String> names) {
        List<String> words = meaningful(words(said));
        if (words.isEmpty()) {
            return List.of();
        }
        List<T> exact = candidates.stream().filter(c -> sameWords(words(names.apply(c)), words)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        List<T> partOfName = candidates.stream().filter(c -> containsAll(words(names.apply(c)), words)).toList();
        if (!partOfName.isEmpty()) {
            return partOfName;
        }
        List<T> nameSaid = candidates.stream().filter(c -> {
            List<String> name = meaningful(words(names.apply(c)));
            return !name.isEmpty() && containsAll(words, name);
        }).toList();
        if (!nameSaid.isEmpty()) {
            return nameSaid;
        }
        String joined = String.join("", words);
        return candidates.stream().filter(c -> sameWord(String.join("", words(names.apply(c))), joined)).toList();
    }

    /** Lower case, accents and punctuation gone: "María-José López" is [maria, jose, lopez]. */
    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
        return plain.isEmpty() ? List.of() : Arrays.asList(plain.split(" "));
    }

    private static List<String> meaningful(List<String> words) {
        List<String> kept = words.stream().filter(w -> !FILLER.contains(w)).toList();
        return kept.isEmpty() ? words : kept;
    }

    private static boolean sameWords(List<String> name, List<String> said) {
        return name.size() == said.size() && containsAll(name, said);
    }

    private static boolean containsAll(List<String> name, List<String> said) {
        return said.stream().allMatch(w -> name.stream().anyMatch(n -> sameWord(n, w)));
    }

    /** "colours" is "colour"; "beaches" is "beach"; "color" is "colour" (American spelling). */
    private static boolean sameWord(String a, String b) {
        String x = american(a);
        String y = american(b);
        return x.equals(y) || plural(x, y) || plural(y, x);
    }

    private static String american(String word) {
        return OUR.matcher(word).replaceFirst("or$1");
    }

    private static boolean plural(String word, String of) {
        return word.equals(of + "s") || word.equals(of + "es");
    }
}
