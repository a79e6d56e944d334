package io.github.vapireceptionist;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.beans.Introspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;

/**
 * The shape a reader relies on: features (packages) that do not depend on each other in circles, a core
 * vocabulary that depends on no feature, and beans named for their classes, so {@code ref: bookingSteps}
 * in a route is found by looking for the class BookingSteps.
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.vapireceptionist";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theCoreVocabularyDependsOnNothingOfOurs() {
        classes().that().resideInAPackage(ROOT + ".core")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..").or(resideInAPackage(ROOT + ".core")))
                .check(MAIN);
    }

    @Test
    void aBeanOfOurOwnClassIsNamedForItsClass() {
        Set<String> misnamed = new TreeSet<>();
        for (JavaClass type : MAIN) {
            for (JavaMethod method : type.getMethods()) {
                JavaClass bean = method.getRawReturnType();
                if (method.isAnnotatedWith(Bean.class) && bean.getPackageName().startsWith(ROOT) && !bean.isInterface()
                        && !method.getName().equals(Introspector.decapitalize(bean.getSimpleName()))) {
                    misnamed.add(type.getSimpleName() + "." + method.getName() + " makes a " + bean.getSimpleName());
                }
            }
        }
        assertThat(misnamed).as("@Bean methods named otherwise than their class").isEmpty();
    }

    /** {@code ref: x} and {@code bean:x} in routes/ name a bean of ours, so a class X exists. */
    @Test
    void everyBeanARouteNamesIsAClassOfOurs() throws IOException {
        Set<String> ours = MAIN.stream().map(JavaClass::getSimpleName).collect(Collectors.toSet());
        Set<String> referenced = new TreeSet<>();
        Pattern ref = Pattern.compile("(?m)(?:\\bref: |\\$\\{bean:)([A-Za-z]\\w*)");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Matcher matcher = ref.matcher(Files.readString(file));
                while (matcher.find()) {
                    referenced.add(matcher.group(1));
                }
            }
        }
        assertThat(referenced).as("beans named in routes/").isNotEmpty()
                .allSatisfy(name -> assertThat(ours).as("a class named for bean " + name)
                        .contains(Character.toUpperCase(name.charAt(0)) + name.substring(1)));
    }
}
