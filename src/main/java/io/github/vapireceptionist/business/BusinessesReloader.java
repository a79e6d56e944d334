package io.github.vapireceptionist.business;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads BUSINESSES_FILE again while the app runs (the Actuator endpoint {@code POST /actuator/businesses}, or the
 * file watch) and puts the new set in place in one step. A file that fails any check the start would have failed
 * changes nothing: the running set stays, and the answer and the log say why, each problem with its line. Reloads
 * are one at a time.
 */
public class BusinessesReloader {

    private static final Logger log = LoggerFactory.getLogger(BusinessesReloader.class);

    /** What a reload did: {@code applied} with the ids added, changed and removed, or {@code refused} with the problems. */
    public record Outcome(String outcome, List<String> added, List<String> changed, List<String> removed, List<String> problems,
            List<String> restartNeeded) {

        public boolean applied() {
            return "applied".equals(outcome);
        }
    }

    private final Businesses businesses;
    private final Path file;
    private final Function<String, String> environment;
    private final MeterRegistry meters;
    private final boolean production;

    /** {@code production}: each business must also pass {@link Business#productionProblems()}, as at start. */
    public BusinessesReloader(Businesses businesses, Path file, Function<String, String> environment, MeterRegistry meters,
            boolean production) {
        this.businesses = businesses;
        this.file = file;
        this.environment = environment;
        this.meters = meters;
        this.production = production;
    }

    /**
     * The deployment's settings from the file that are still read once, at start, from the environment they are put
     * in (BusinessesFileSettings) rather than from a business's record at each call: a change to them needs a restart.
     */
    static final Set<String> READ_AT_START = Set.of("twilio.account-sid", "twilio.auth-token");

    /**
     * Which of {@link #READ_AT_START} the new file gives another value than the one this process runs with (its
     * environment, as it started): so a later reload still names a change an earlier one needed a restart for.
     */
    static List<String> readAtStartChanged(List<Business> after, Function<String, String> running) {
        Optional<Business.Confirmations> account = BusinessesFileSettings.twilioAccount(after);
        Map<String, String> is = Map.of(
                "twilio.account-sid", account.map(Business.Confirmations::twilioAccountSid).orElse(""),
                "twilio.auth-token", account.map(Business.Confirmations::twilioAuthToken).map(Business.Credential::value).orElse(""));
        return READ_AT_START.stream().filter(key -> !Objects.equals(blankAsEmpty(running.apply(key)), blankAsEmpty(is.get(key))))
                .sorted().toList();
    }

    private static String blankAsEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    /** The sandbox is served when the app started with no calendar URL (SandboxConfiguration.OnSandboxCalendar). */
    private boolean sandboxRunning() {
        String baseUrl = environment.apply("easyappointments.base-url");
        return baseUrl == null || baseUrl.isBlank();
    }

    public synchronized Outcome reload() {
        List<Business> read;
        try {
            read = BusinessesFile.read(file, environment);
            BusinessesFileSettings.check(file.toString(), read);
            BusinessesFileSettings.storeKeyNeeded(file.toString(), read, environment.apply("shared-store.redis-url"),
                    environment.apply("shared-store.key"));
            List<String> unsafe = new java.util.ArrayList<>(production
                    ? read.stream().flatMap(b -> b.productionProblems().stream()).toList() : List.of());
            if (!sandboxRunning()) {
                read.stream().filter(b -> b.calendar().baseUrl() == null).forEach(b -> unsafe.add("business " + b.id()
                        + ": easyappointments.base-url is not set, and this run has no sandbox calendar (it started with a"
                        + " real calendar): give it its calendar's URL, or restart to run the sandbox"));
            }
            if (production) {
                String adminToken = environment.apply("admin.api-token");
                read.forEach(b -> b.webhookCredentialsEqualTo(adminToken).forEach(variable -> unsafe.add("business " + b.id()
                        + ": " + variable + " is the same as ADMIN_API_TOKEN (which opens every business's customers); give it"
                        + " a secret of its own")));
            }
            if (!unsafe.isEmpty()) {
                throw new InvalidBusinessesFileException(file.toString(), unsafe);
            }
        } catch (InvalidBusinessesFileException e) {
            log.warn("businesses_reload_refused file={} problems={}: the running businesses are unchanged", file, e.problems());
            meters.counter("businesses.reloads", "outcome", "refused").increment();
            return new Outcome("refused", List.of(), List.of(), List.of(), e.problems(), List.of());
        }
        read.forEach(BusinessesConfiguration::hideCredentials);
        Map<String, Business> before = businesses.snapshot().byId();
        List<String> added = read.stream().map(Business::id).filter(id -> !before.containsKey(id)).sorted().toList();
        List<String> changed = read.stream().filter(b -> before.containsKey(b.id()) && !Objects.equals(before.get(b.id()), b))
                .map(Business::id).sorted().toList();
        Map<String, Business> after = read.stream().collect(Collectors.toMap(Business::id, b -> b));
        List<String> removed = before.keySet().stream().filter(id -> !after.containsKey(id)).sorted().toList();
        List<String> restartNeeded = readAtStartChanged(read, environment);
        businesses.replace(read);
        log.info("businesses_reloaded file={} added={} changed={} removed={}", file, added, changed, removed);
        if (!restartNeeded.isEmpty()) {
            log.warn("businesses_reload_needs_restart settings={}: these are still read once, at start; the rest of the file"
                    + " is applied", restartNeeded);
        }
        meters.counter("businesses.reloads", "outcome", "applied").increment();
        return new Outcome("applied", added, changed, removed, List.of(), restartNeeded);
    }
}
